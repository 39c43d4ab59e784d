import type { PluginCallResult, PluginEdit } from './plugin-contract.js';

/**
 * The edits a result makes to `text`, sorted: a whole-text result is one edit over the full
 * range; edits are taken as they are (main already checked they are in range and do not
 * overlap). Empty when the result changes nothing. The editor applies them to its model; the
 * headless commands to the file's text.
 */
export function editsOfResult(result: PluginCallResult, text: string): PluginEdit[] {
  if (result.text !== null) return result.text === text ? [] : [{ start: 0, end: text.length, text: result.text }];
  return [...result.edits].sort((a, b) => a.start - b.start);
}

/** `text` with `edits` (sorted, non-overlapping, as editsOfResult gives them) applied. */
export function applyEdits(text: string, edits: readonly PluginEdit[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const edit of edits) {
    parts.push(text.slice(at, edit.start), edit.text);
    at = edit.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
