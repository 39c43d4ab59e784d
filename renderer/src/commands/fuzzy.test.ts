import { describe, expect, it } from 'vitest';
import { fuzzyMatch } from './fuzzy.js';

describe('fuzzyMatch', () => {
  it('matches a subsequence, ignoring case and spaces', () => {
    expect(fuzzyMatch('srtln', 'Sort Lines')?.positions).toEqual([0, 2, 3, 5, 7]);
    expect(fuzzyMatch('sort lines', 'Sort Lines')).not.toBeNull();
    expect(fuzzyMatch('xyz', 'Sort Lines')).toBeNull();
    expect(fuzzyMatch('sortt', 'Sort Lines')).toBeNull();
  });

  it('needs the first character at a word start', () => {
    expect(fuzzyMatch('son', 'JSON: Pretty Print')).toBeNull();
    expect(fuzzyMatch('pp', 'JSON: Pretty Print')?.positions).toEqual([6, 13]);
  });

  it('matches everything with an empty query', () => {
    expect(fuzzyMatch('', 'Anything')).toEqual({ score: 0, positions: [] });
  });

  it('prefers word starts: "sl" picks the S and the L of Sort Lines', () => {
    expect(fuzzyMatch('sl', 'Sort Lines')?.positions).toEqual([0, 5]);
  });

  it('ranks word-start and consecutive matches above scattered ones', () => {
    const sortLines = fuzzyMatch('sl', 'Sort Lines')?.score ?? 0;
    const scattered = fuzzyMatch('sl', 'Toggle Selection Mode')?.score ?? 0;
    expect(sortLines).toBeGreaterThan(scattered);
    const prefix = fuzzyMatch('save', 'File: Save')?.score ?? 0;
    const inside = fuzzyMatch('save', 'File: Save As…')?.score ?? 0;
    expect(prefix).toBeGreaterThan(inside);
  });
});
