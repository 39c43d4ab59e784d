import { describe, expect, it } from 'vitest';
import { rankPaletteEntries } from './palette-ranking.js';
import type { PaletteEntry } from './palette-ranking.js';

function entry(key: string, title: string, pluginName: string | null = null): PaletteEntry {
  return { key, title, pluginName, chord: null, overriddenBy: null };
}

const entries = [
  entry('file.save', 'File: Save'),
  entry('file.saveAs', 'File: Save As…'),
  entry('tt/sort-lines', 'Sort Lines', 'Text Tools'),
  entry('tt/uppercase', 'Transform to Uppercase', 'Text Tools'),
];

describe('rankPaletteEntries', () => {
  it('lists recent commands first, then the rest by title, when nothing is typed', () => {
    const keys = rankPaletteEntries(entries, '', ['tt/uppercase', 'file.saveAs']).map((ranked) => ranked.entry.key);
    expect(keys).toEqual(['tt/uppercase', 'file.saveAs', 'file.save', 'tt/sort-lines']);
  });

  it('keeps only matches, best first', () => {
    // "Transform to Uppercase" holds s-o-r-t too, but from mid-word: no match.
    const ranked = rankPaletteEntries(entries, 'sort', []);
    expect(ranked.map((item) => item.entry.key)).toEqual(['tt/sort-lines']);
    expect(ranked[0]?.positions).toEqual([0, 1, 2, 3]);
  });

  it('breaks score ties by recency', () => {
    const twins = [entry('a', 'Same Title'), entry('b', 'Same Title')];
    expect(rankPaletteEntries(twins, 'same', ['b']).map((item) => item.entry.key)).toEqual(['b', 'a']);
  });

  it("matches a plugin command by its plugin's name too", () => {
    const keys = rankPaletteEntries(entries, 'text tools upper', []).map((item) => item.entry.key);
    expect(keys).toEqual(['tt/uppercase']);
  });
});
