import { describe, expect, it } from 'vitest';
import type { DirEntry } from '../../../app/contract.js';
import { completionsFor } from './completions.js';

const entries: DirEntry[] = [
  { name: 'notes.md', kind: 'file' },
  { name: 'Notes', kind: 'directory' },
  { name: '.bashrc', kind: 'file' },
  { name: 'file10.txt', kind: 'file' },
  { name: 'file9.txt', kind: 'file' },
  { name: 'src', kind: 'directory' },
];

const names = (list: DirEntry[]) => list.map((entry) => entry.name);

describe('completionsFor', () => {
  it('lists folders before files, numbers in natural order, dotfiles hidden', () => {
    expect(names(completionsFor(entries, ''))).toEqual(['Notes', 'src', 'file9.txt', 'file10.txt', 'notes.md']);
  });

  it('filters by prefix regardless of case', () => {
    expect(names(completionsFor(entries, 'no'))).toEqual(['Notes', 'notes.md']);
  });

  it('puts an exact name first', () => {
    expect(names(completionsFor(entries, 'notes.md'))).toEqual(['notes.md']);
    expect(names(completionsFor(entries, 'Notes'))).toEqual(['Notes', 'notes.md']);
  });

  it('shows dotfiles once the prefix starts with a dot', () => {
    expect(names(completionsFor(entries, '.'))).toEqual(['.bashrc']);
  });
});
