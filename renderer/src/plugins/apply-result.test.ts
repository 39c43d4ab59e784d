import { describe, expect, it } from 'vitest';
import type { PluginCallResult, PluginEdit } from '../../../app/plugin-contract.js';
import { editsOfResult, selectionAfterEdits } from './apply-result.js';

function result(partial: Partial<PluginCallResult>): PluginCallResult {
  return { message: null, text: null, edits: [], diagnostics: [], ...partial };
}

/** Applies sorted, non-overlapping edits the way the editor does: the reference the offsets are checked against. */
function apply(text: string, edits: readonly PluginEdit[]): string {
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

describe('editsOfResult', () => {
  it('turns a whole-text result into one edit over the full range', () => {
    expect(editsOfResult(result({ text: 'b\na\n' }), 'a\nb\n')).toEqual([{ start: 0, end: 4, text: 'b\na\n' }]);
  });

  it('sees an unchanged whole text, or a message alone, as no change', () => {
    expect(editsOfResult(result({ text: 'same' }), 'same')).toEqual([]);
    expect(editsOfResult(result({ message: '3 words' }), 'a b c')).toEqual([]);
  });

  it('sorts edits by offset', () => {
    const edits = [
      { start: 6, end: 7, text: 'Z' },
      { start: 0, end: 1, text: 'A' },
    ];
    expect(editsOfResult(result({ edits }), 'abc def').map((edit) => edit.start)).toEqual([0, 6]);
  });
});

describe('selectionAfterEdits', () => {
  const text = 'one two three';
  const edits = [{ start: 4, end: 7, text: 'TWO!' }];

  it('shifts a caret after an edit by the change in length', () => {
    const caret = { start: 9, end: 9, active: 9 };
    const after = selectionAfterEdits(caret, edits);
    expect(after).toEqual({ start: 10, end: 10, active: 10 });
    expect(apply(text, edits).slice(after.start)).toBe(text.slice(caret.start));
  });

  it('leaves a caret before the edits alone', () => {
    expect(selectionAfterEdits({ start: 2, end: 2, active: 2 }, edits)).toEqual({ start: 2, end: 2, active: 2 });
  });

  it('selects the replacement when the selection covered the edited text', () => {
    const after = selectionAfterEdits({ start: 4, end: 7, active: 7 }, edits);
    expect(apply(text, edits).slice(after.start, after.end)).toBe('TWO!');
    expect(after.active).toBe(after.end);
  });

  it('keeps a backward selection backward', () => {
    const after = selectionAfterEdits({ start: 4, end: 7, active: 4 }, edits);
    expect(after).toEqual({ start: 4, end: 8, active: 4 });
  });

  it('keeps a caret at its offset through a whole-text replacement, clamped to the new length', () => {
    const whole = [{ start: 0, end: 13, text: 'b\na' }];
    expect(selectionAfterEdits({ start: 2, end: 2, active: 2 }, whole)).toEqual({ start: 2, end: 2, active: 2 });
    expect(selectionAfterEdits({ start: 12, end: 12, active: 12 }, whole)).toEqual({ start: 3, end: 3, active: 3 });
  });
});
