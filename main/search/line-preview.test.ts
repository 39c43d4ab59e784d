import { describe, expect, it } from 'vitest';
import { PREVIEW_LEAD, PREVIEW_LENGTH, previewLine, utf8ToUtf16, withoutTerminator } from './line-preview.js';

const byteOffset = (text: string, unit: number) => Buffer.byteLength(text.slice(0, unit));

describe('line previews', () => {
  it('converts UTF-8 byte offsets to UTF-16 columns across 1-, 2-, 3- and 4-byte characters', () => {
    const text = 'aé日😀b𝒳c';
    const units = [0, 1, 2, 3, 5, 6, 8, 9];
    expect(utf8ToUtf16(text, units.map((unit) => byteOffset(text, unit)))).toEqual(units);
  });

  it('drops a LF or CRLF line end', () => {
    expect(withoutTerminator('a\r\n')).toBe('a');
    expect(withoutTerminator('a\n')).toBe('a');
    expect(withoutTerminator('a\r')).toBe('a\r');
  });

  it('keeps a short line whole', () => {
    expect(previewLine(3, 'one two', [[4, 7]])).toEqual({ line: 3, text: 'one two', textOffset: 0, ranges: [[4, 7]] });
  });

  it('cuts a long line around its first match, without splitting a surrogate pair', () => {
    const line = `${'😀'.repeat(3000)}needle`;
    const start = 6000;
    const preview = previewLine(1, line, [[start, start + 6]]);
    expect(preview.textOffset).toBe(start - PREVIEW_LEAD);
    expect(preview.text.slice(PREVIEW_LEAD, PREVIEW_LEAD + 6)).toBe('needle');
    const odd = previewLine(1, line, [[start - 1, start + 6]]);
    // PREVIEW_LEAD before an odd column lands inside a pair: the cut moves back to its start.
    expect(odd.textOffset % 2).toBe(0);
    expect(odd.text.length).toBeLessThanOrEqual(PREVIEW_LENGTH);
    expect(odd.text.slice(odd.ranges[0]?.[0], odd.ranges[0]?.[1])).toBe(line.slice(start - 1, start + 6));
  });

  it('leaves out ranges past the cut and clips one that runs over it', () => {
    const line = 'x'.repeat(3000);
    const preview = previewLine(1, line, [[200, 210], [1090, 1110], [2000, 2005]]);
    expect(preview.textOffset).toBe(100);
    expect(preview.ranges).toEqual([[100, 110], [990, PREVIEW_LENGTH]]);
  });
});
