import { describe, expect, it } from 'vitest';
import { findBestPaths, fuzzyCandidate, fuzzyFindPaths, narrows, scorePath, type FuzzyCandidate } from './fuzzy-path.js';

const paths = (query: string, list: string[], recent: string[] = [], limit = 10) =>
  fuzzyFindPaths(query, list, { limit, recent }).map((match) => match.path);

/** The matched characters, read back out of the path. */
const picked = (path: string, positions: number[]) => positions.map((at) => path[at]).join('');

describe('fuzzy path matching', () => {
  it('matches the query as a subsequence, ignoring case, and leaves out what does not match', () => {
    expect(paths('wsts', ['main/workspace/workspace.ts', 'main/web/server.ts', 'README.md'])).toEqual([
      'main/workspace/workspace.ts',
      'main/web/server.ts',
    ]);
    expect(paths('WSTS', ['main/workspace/workspace.ts'])).toEqual(['main/workspace/workspace.ts']);
    expect(paths('zzz', ['main/workspace/workspace.ts'])).toEqual([]);
  });

  it('ranks a match in the file name above one spread over the folders', () => {
    expect(paths('app', ['app/main.ts', 'src/wrapper-app.ts', 'src/app.ts'])).toEqual(['src/app.ts', 'src/wrapper-app.ts', 'app/main.ts']);
  });

  it('prefers consecutive characters and the starts of words and segments', () => {
    expect(paths('ab', ['xaxbx.txt', 'ab.txt'])).toEqual(['ab.txt', 'xaxbx.txt']);
    expect(paths('fb', ['fxxbxx.ts', 'fooBar.ts'])).toEqual(['fooBar.ts', 'fxxbxx.ts']);
    expect(paths('st', ['test.py', 'state.py'])).toEqual(['state.py', 'test.py']);
    expect(paths('cfg', ['acfxg.json', 'config.json', 'my-cfg.json'])).toEqual(['my-cfg.json', 'config.json', 'acfxg.json']);
  });

  it('puts a recent file first when it matches, even over a better match', () => {
    const list = ['src/app.ts', 'docs/a-long-path-with-app.md', 'src/other.ts'];
    expect(paths('app', list, ['docs/a-long-path-with-app.md'])).toEqual(['docs/a-long-path-with-app.md', 'src/app.ts']);
    expect(fuzzyFindPaths('app', list, { limit: 5, recent: ['docs/a-long-path-with-app.md'] })[0]?.recent).toBe(true);
    // A recent file the query does not match stays out.
    expect(paths('app', list, ['src/other.ts'])).toEqual(['src/app.ts', 'docs/a-long-path-with-app.md']);
  });

  it('orders matching recent files by score, then by how recent they are', () => {
    const list = ['b/index.ts', 'a/index.ts', 'c/index.ts'];
    expect(paths('index', list, ['c/index.ts', 'a/index.ts'])).toEqual(['c/index.ts', 'a/index.ts', 'b/index.ts']);
  });

  it('reports the positions of the characters it matched, in the name when the name holds them', () => {
    const match = scorePath('wsts', 'main/workspace/workspace.ts');
    expect(match?.inName).toBe(true);
    expect(match?.positions).toEqual([15, 19, 25, 26]);
    expect(picked('main/workspace/workspace.ts', match?.positions ?? [])).toBe('wsts');
    const across = scorePath('main/ws', 'src/main/workspace/x.ts');
    expect(across?.inName).toBe(false);
    expect(picked('src/main/workspace/x.ts', across?.positions ?? [])).toBe('main/ws');
    expect(across?.positions).toEqual([4, 5, 6, 7, 8, 9, 13]);
  });

  it('picks the best-placed occurrence of a single character', () => {
    expect(scorePath('b', 'abc/bar.ts')?.positions).toEqual([4]);
  });

  it('takes a query with a separator against the whole path only, and `\\` as `/`', () => {
    expect(scorePath('src/a', 'src/app.ts')).toMatchObject({ inName: false, positions: [0, 1, 2, 3, 4] });
    expect(scorePath('src\\a', 'src/app.ts')?.positions).toEqual([0, 1, 2, 3, 4]);
  });

  it('ignores spaces in the query', () => {
    expect(scorePath('app ts', 'src/app.ts')?.positions).toEqual([4, 5, 6, 8, 9]);
  });

  it('keeps offsets right for characters whose lower case is longer (İ)', () => {
    const path = 'İstanbul/İzmir.txt';
    const match = scorePath('zmir', path);
    expect(picked(path, match?.positions ?? [])).toBe('zmir');
    expect(match?.positions).toEqual([10, 11, 12, 13]);
  });

  it('lists the recent files, then the others in index order, for an empty query', () => {
    expect(paths('', ['a.ts', 'b.ts', 'c.ts'], ['c.ts'], 2)).toEqual(['c.ts', 'a.ts']);
    expect(paths('   ', ['a.ts', 'b.ts'], [], 5)).toEqual(['a.ts', 'b.ts']);
  });

  it('returns at most `limit` results, the best ones', () => {
    const list = Array.from({ length: 500 }, (_, i) => `folder${i}/file${i}.txt`);
    list.push('deep/er/main.txt', 'main.txt');
    const found = fuzzyFindPaths('main', list, { limit: 3 });
    expect(found.map((match) => match.path)).toEqual(['main.txt', 'deep/er/main.txt']);
    expect(fuzzyFindPaths('file', list, { limit: 3 })).toHaveLength(3);
    expect(fuzzyFindPaths('file', list, { limit: 0 })).toEqual([]);
  });

  it('finds the exact best of many path-only matches despite the greedy first pass', () => {
    // The greedy alignment of `abc` in the decoys is poor; their exact alignment is not, and the
    // one target with a perfect run must come first however many decoys there are.
    const decoys = Array.from({ length: 300 }, (_, i) => `a${i}/b/c/x${i}.txt`);
    const list = [...decoys, 'zzz/abc/q.txt'];
    expect(paths('abc/', list, [], 1)).toEqual(['zzz/abc/q.txt']);
  });

  it('collects every match so a longer query can search only those', () => {
    const candidates: FuzzyCandidate[] = ['src/app.ts', 'src/main.ts', 'lib/apple.ts'].map(fuzzyCandidate);
    const matched: FuzzyCandidate[] = [];
    findBestPaths('ap', candidates, { limit: 1, matched });
    expect(matched.map((candidate) => candidate.path)).toEqual(['src/app.ts', 'lib/apple.ts']);
    expect(narrows('app', 'ap')).toBe(true);
    expect(narrows('a p p', 'ap')).toBe(true);
    expect(narrows('pa', 'ap')).toBe(false);
    expect(narrows('ap', '')).toBe(false);
  });

  it('survives hostile input: long queries, long paths, odd characters', () => {
    const long = `${'a/'.repeat(2000)}b.txt`;
    expect(scorePath('a'.repeat(1024), long)?.positions).toHaveLength(1024);
    expect(scorePath('.*+?^${}()|[]', 'a.*+?^${}()|[]b')).not.toBeNull();
    expect(scorePath('b'.repeat(10), 'bbb')).toBeNull();
  });
});
