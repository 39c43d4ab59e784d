import { describe, expect, it } from 'vitest';
import type { SearchFileResult } from '../../../app/workspace-contract.js';
import { displayPath, splitDisplayPath } from './display-path.js';
import { comparePaths, matchCountOf, matchPreview, mergeFileResults, ResultLayout, sortedIndexOf } from './result-rows.js';
import type { ResultRow } from './result-rows.js';

function rowsOf(layout: ResultLayout): ResultRow[] {
  return Array.from({ length: layout.rowCount }, (_, index) => layout.rowAt(index) as ResultRow);
}

const line = (n: number, text: string, ranges: [number, number][]) => ({ line: n, text, textOffset: 0, ranges });
const a: SearchFileResult = { path: '/w/a.ts', matches: [line(1, 'foo foo', [[0, 3], [4, 7]]), line(5, 'foo', [[0, 3]])] };
const b: SearchFileResult = { path: '/w/b.ts', matches: [line(2, 'x foo', [[2, 5]])] };

describe('ResultLayout', () => {
  it('lists each file then one row per match, with tree positions', () => {
    const layout = new ResultLayout([a, b], new Set());
    const rows = rowsOf(layout);
    expect(rows.map((row) => (row.kind === 'file' ? `file ${row.key} ${row.matchCount}` : `match ${row.lineIndex}:${row.rangeIndex} ${row.posInSet}/${row.setSize} ^${row.parentRow}`))).toEqual([
      'file /w/a.ts 3',
      'match 0:0 1/3 ^0',
      'match 0:1 2/3 ^0',
      'match 1:0 3/3 ^0',
      'file /w/b.ts 1',
      'match 0:0 1/1 ^4',
    ]);
    expect(new Set(rows.map((row) => row.key)).size).toBe(rows.length);
    expect(layout.rowAt(-1)).toBeNull();
    expect(layout.rowAt(6)).toBeNull();
  });

  it('hides a collapsed file’s matches, keeping its count', () => {
    const layout = new ResultLayout([a, b], new Set(['/w/a.ts']));
    const rows = rowsOf(layout);
    expect(rows.map((row) => row.kind)).toEqual(['file', 'file', 'match']);
    expect(rows[0]).toMatchObject({ expanded: false, matchCount: 3 });
    expect(matchCountOf(a)).toBe(3);
  });

  it('finds a row again by reference after results arrive before it, and not once it is hidden', () => {
    const before = new ResultLayout([a, b], new Set());
    const ref = before.refOf(before.rowAt(5) as ResultRow);
    expect(ref).toEqual({ path: '/w/b.ts', line: 2, rangeIndex: 0 });
    const early: SearchFileResult = { path: '/w/0.ts', matches: [line(1, 'foo', [[0, 3]])] };
    const after = new ResultLayout([early, a, b], new Set());
    expect(after.indexOf(ref)).toBe(7);
    expect(after.indexOf({ path: '/w/a.ts', line: null, rangeIndex: 0 })).toBe(2);
    expect(after.indexOf({ path: '/w/a.ts', line: 1, rangeIndex: 1 })).toBe(4);
    expect(new ResultLayout([early, a, b], new Set(['/w/b.ts'])).indexOf(ref)).toBe(-1);
    expect(after.indexOf({ path: '/w/gone.ts', line: null, rangeIndex: 0 })).toBe(-1);
  });

  it('lays out tens of thousands of results, the last row found by position', () => {
    const many: SearchFileResult[] = Array.from({ length: 20_000 }, (_, i) => ({ path: `/w/${String(i).padStart(6, '0')}`, matches: [line(1, 'foo', [[0, 3]])] }));
    const layout = new ResultLayout(many, new Set());
    expect(layout.rowCount).toBe(40_000);
    expect(layout.rowAt(39_999)).toMatchObject({ kind: 'match', fileIndex: 19_999, posInSet: 1 });
    expect(layout.rowAt(20_000)).toMatchObject({ kind: 'file', key: '/w/010000' });
  });
});

describe('file order', () => {
  it('sorts folder by folder, ignoring case, numbers in number order', () => {
    expect(['/w/f10', '/w/f2', '/w/f02x', '/w/f1'].sort(comparePaths)).toEqual(['/w/f1', '/w/f2', '/w/f02x', '/w/f10']);
    const paths = ['/w/src/b.ts', '/w/README.md', '/w/src/a10.ts', '/w/src/a2.ts', '/w/docs/x.md', '/w/Src2/a.ts', '/w/src/sub/z.ts'];
    expect([...paths].sort(comparePaths)).toEqual(['/w/docs/x.md', '/w/README.md', '/w/src/a2.ts', '/w/src/a10.ts', '/w/src/b.ts', '/w/src/sub/z.ts', '/w/Src2/a.ts']);
    expect(comparePaths('/w/A.ts', '/w/a.ts')).not.toBe(0);
  });

  it('finds where a path goes, or where it already is', () => {
    const files = ['/w/a', '/w/c', '/w/e'].map((path) => ({ path, matches: [] }));
    expect(sortedIndexOf(files, '/w/0')).toBe(0);
    expect(sortedIndexOf(files, '/w/c')).toBe(1);
    expect(sortedIndexOf(files, '/w/d')).toBe(2);
    expect(sortedIndexOf(files, '/w/z')).toBe(3);
  });
});

describe('mergeFileResults', () => {
  it('adds a later batch’s lines in line order, each line once', () => {
    const merged = mergeFileResults(a, { path: a.path, matches: [line(3, 'foo', [[0, 3]]), line(5, 'foo!', [[0, 3]])] });
    expect(merged.matches.map((match) => [match.line, match.text])).toEqual([
      [1, 'foo foo'],
      [3, 'foo'],
      [5, 'foo!'],
    ]);
  });
});

describe('matchPreview', () => {
  it('drops leading white space and keeps the match whole', () => {
    expect(matchPreview('\t  return foo;', 10, 13)).toEqual({ before: 'return ', match: 'foo', after: ';' });
  });

  it('cuts a long start so the match stays in view', () => {
    const text = `${'x'.repeat(100)}foo tail`;
    const preview = matchPreview(text, 100, 103);
    expect(preview.before).toBe(`…${'x'.repeat(26)}`);
    expect(preview.match).toBe('foo');
    expect(preview.after).toBe(' tail');
  });
});

describe('displayPath', () => {
  it('shows paths relative to the workspace, others as they are', () => {
    expect(displayPath('/w/src/a.ts', '/w')).toBe('src/a.ts');
    expect(displayPath('/w/src/a.ts', '/w/')).toBe('src/a.ts');
    expect(displayPath('/wx/a.ts', '/w')).toBe('/wx/a.ts');
    expect(displayPath('C:\\w\\a.ts', 'C:\\w')).toBe('a.ts');
    expect(displayPath('/w/a.ts', null)).toBe('/w/a.ts');
    expect(splitDisplayPath('src/util/a.ts')).toEqual({ name: 'a.ts', folder: 'src/util' });
    expect(splitDisplayPath('a.ts')).toEqual({ name: 'a.ts', folder: '' });
  });
});
