/**
 * Reading ripgrep's `--json` output: one message a line. Only `match` (a matching line),
 * `end` (a file is done) and `summary` (the search is done) matter here. ripgrep's offsets
 * are UTF-8 bytes; the renderer's columns are UTF-16 code units.
 */
import type { SearchLineMatch } from '../../app/workspace-contract.js';
import { previewLine, utf8ToUtf16, withoutTerminator, type Range } from './line-preview.js';

/** A path or line: `text` when it is valid UTF-8, else the raw `bytes` in base64. */
type Data = { text: string } | { bytes: string };

export type RipgrepMessage =
  | { type: 'begin'; data: { path: Data } }
  | {
      type: 'match';
      data: { path: Data; lines: Data; line_number: number | null; submatches: { start: number; end: number }[] };
    }
  | { type: 'end'; data: { path: Data; binary_offset: number | null } }
  | { type: 'summary'; data: unknown };

export const dataText = (data: Data): string => ('text' in data ? data.text : Buffer.from(data.bytes, 'base64').toString('utf8'));

/** UTF-16 columns of the byte offsets within one line, as ripgrep gave it. */
function columns(line: Data, byteOffsets: number[]): { text: string; columns: number[] } {
  if ('text' in line) return { text: line.text, columns: utf8ToUtf16(line.text, byteOffsets) };
  // Not UTF-8: the text shows U+FFFD for the bad bytes, and columns count what precedes them as decoded.
  const bytes = Buffer.from(line.bytes, 'base64');
  return { text: bytes.toString('utf8'), columns: byteOffsets.map((offset) => bytes.subarray(0, offset).toString('utf8').length) };
}

/** A `match` message as the line the renderer shows, or null for one without a line number. */
export function lineMatch(data: Extract<RipgrepMessage, { type: 'match' }>['data']): SearchLineMatch | null {
  if (data.line_number === null) return null;
  const converted = columns(
    data.lines,
    data.submatches.flatMap((submatch) => [submatch.start, submatch.end]),
  );
  const line = withoutTerminator(converted.text);
  const ranges: Range[] = [];
  for (let i = 0; i + 1 < converted.columns.length; i += 2) {
    const start = Math.min(converted.columns[i] as number, line.length);
    ranges.push([start, Math.min(converted.columns[i + 1] as number, line.length)]);
  }
  return previewLine(data.line_number, line, ranges);
}

/**
 * What ripgrep printed on stderr when it refused to search (exit 2 before any summary), as a
 * message that says which input was at fault.
 */
export function refusalMessage(stderr: string, pattern: string, isRegex: boolean): { code: 'bad-request' | 'internal'; message: string } {
  const lines = stderr.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
  const errorLines = lines.filter((line) => line.startsWith('error:'));
  const detail = (errorLines.at(-1)?.slice('error:'.length).trim() ?? lines[0] ?? 'no reason given').replace(/\.$/, '');
  const shown = pattern.length > 200 ? `${pattern.slice(0, 200)}…` : pattern;
  const glob = /error parsing glob '!?\/?(.*)': (.*?)(?: \(maybe .*)?$/m.exec(stderr);
  if (glob) {
    return {
      code: 'bad-request',
      message: `The glob "${glob[1]}" (in files to include or exclude, or in the files.exclude or search.exclude setting) is not valid: ${glob[2]}.`,
    };
  }
  if (isRegex) return { code: 'bad-request', message: `The regular expression "${shown}" is not valid: ${detail}.` };
  return { code: 'internal', message: `ripgrep could not search: ${detail}.` };
}
