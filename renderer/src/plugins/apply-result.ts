import type { PluginEdit } from '../../../app/plugin-contract.js';

// Shared with the headless commands, which apply results to files.
export { editsOfResult } from '../../../app/plugin-edits.js';

/** A selection as UTF-16 offsets into a text; `active` is where the caret is. */
export interface OffsetSelection {
  start: number;
  end: number;
  active: number;
}

/**
 * Where a selection lands after `edits` (sorted, non-overlapping, against the text the
 * selection was in). Outside an edit an offset shifts with the text before it. A selection
 * edge on an edit's boundary takes the replaced range's boundary, so a selection that covered
 * the edited text selects its replacement; an offset strictly inside keeps its distance from
 * the edit's start (clamped), so a caret stays on its line through a whole-text replacement.
 */
export function selectionAfterEdits(selection: OffsetSelection, edits: readonly PluginEdit[]): OffsetSelection {
  const start = offsetAfterEdits(selection.start, edits, 'start');
  const end = selection.start === selection.end ? start : Math.max(start, offsetAfterEdits(selection.end, edits, 'end'));
  return { start, end, active: selection.active === selection.start ? start : end };
}

function offsetAfterEdits(offset: number, edits: readonly PluginEdit[], edge: 'start' | 'end'): number {
  let shift = 0;
  for (const edit of edits) {
    const newStart = edit.start + shift;
    const newEnd = newStart + edit.text.length;
    if (offset < edit.start) return offset + shift;
    if (offset <= edit.end) {
      if (offset === edit.start && edge === 'start') return newStart;
      if (offset === edit.end && edge === 'end') return newEnd;
      return Math.min(newStart + (offset - edit.start), newEnd);
    }
    shift += edit.text.length - (edit.end - edit.start);
  }
  return offset + shift;
}
