/**
 * Search across files through the handlers a connection uses, with the real ripgrep on real
 * files, and the built-in engine on the same files where ripgrep is out of reach.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchFileResult, SearchQuery } from '../../app/workspace-contract.js';
import { PREVIEW_LEAD, PREVIEW_LENGTH } from './line-preview.js';
import { query, ripgrepChildren, SearchClient, type FinishedSearch } from './testing/search-client.js';

let root: string;
const NO_RIPGREP = { ...process.env, QUIRE_RIPGREP: '/nonexistent/rg' };

function write(relative: string, content: string | Buffer): void {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'quire-search-'));
  write('src/app.ts', 'const needle = 1;\nexport function findNeedle() {\n  return needle + needle;\n}\n');
  write('src/util/strings.ts', 'export const NEEDLE = "Needle";\n// needles are sharp\n');
  write('lib/src/deep.js', 'needle in a deep src folder\n');
  write('docs/guide.md', '# Guide\n\nFind the needle here.\nNo match on this line.\n');
  write('docs/notes.txt', 'a needle, and need it now\n');
  write('node_modules/pkg/index.js', 'module.exports = "needle";\n');
  write('build/out.js', 'needle in top-level build\n');
  write('lib/build/kept.js', 'needle in a nested build folder\n');
  write('.gitignore', 'ignored/\n*.log\n!keep.log\n');
  write('ignored/file.ts', 'needle that .gitignore hides\n');
  write('debug.log', 'needle in an ignored log\n');
  write('keep.log', 'needle in a log the gitignore keeps\n');
  write('.hidden/dot.txt', 'needle in a hidden folder\n');
  write('unicode.txt', 'plain\n😀 日本語 needle and 𝒳 needle\n');
  write('crlf.txt', 'first needle\r\nsecond needle\r\nthird\r\n');
  write('binary.bin', Buffer.concat([Buffer.from('needle\0\x01\x02'), Buffer.from(' needle\n')]));
  write('long.min.js', `${'x'.repeat(5000)}needle${'y'.repeat(5000)}needle\n`);
  write('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x65, 0x65, 0x64, 0x6c, 0x65, 0x0a]));
  write('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('utf-16 needle\n', 'utf16le')]));
  write('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('needle after a BOM\n')]));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const EXCLUDES = ['**/node_modules', 'build'];
const client = (env: NodeJS.ProcessEnv = process.env, excludes: string[] = EXCLUDES) => new SearchClient({ folder: () => root, excludes: () => excludes }, env);
const relative = (result: FinishedSearch) => result.files.map((file) => path.relative(root, file.path)).sort();
const fileOf = (result: FinishedSearch, name: string) => result.files.find((file) => file.path === path.join(root, name));
/** The text each range covers, line by line. */
const covered = (file: SearchFileResult | undefined) =>
  (file?.matches ?? []).map((line) => ({ line: line.line, found: line.ranges.map(([start, end]) => line.text.slice(start, end)) }));

async function search(pattern: string, options: Partial<SearchQuery> = {}, env: NodeJS.ProcessEnv = process.env): Promise<FinishedSearch> {
  const found = await client(env).search(query(pattern, options));
  expect(found.done.error).toBeNull();
  return found;
}

describe('search with ripgrep', () => {
  it('finds plain text case-insensitively, grouped by file with each matching line, and reports it used ripgrep', async () => {
    const result = await search('needle');
    expect(result.engine).toBe('ripgrep');
    expect(result.notice).toBeNull();
    expect(covered(fileOf(result, 'src/app.ts'))).toEqual([
      { line: 1, found: ['needle'] },
      { line: 2, found: ['Needle'] },
      { line: 3, found: ['needle', 'needle'] },
    ]);
    expect(fileOf(result, 'docs/guide.md')?.matches).toEqual([{ line: 3, text: 'Find the needle here.', textOffset: 0, ranges: [[9, 15]] }]);
    expect(result.done.summary).toMatchObject({ files: result.files.length, limitHit: false, cancelled: false });
    expect(result.done.summary.matches).toBe(result.files.flatMap((f) => f.matches.flatMap((m) => m.ranges)).length);
  });

  it('leaves out files.exclude/search.exclude globs, .gitignore’d paths and binary files; takes hidden files', async () => {
    const files = relative(await search('needle'));
    expect(files).toEqual([
      '.hidden/dot.txt',
      'bom.txt',
      'crlf.txt',
      'docs/guide.md',
      'docs/notes.txt',
      'keep.log',
      'latin1.txt',
      'lib/build/kept.js',
      'lib/src/deep.js',
      'long.min.js',
      'src/app.ts',
      'src/util/strings.ts',
      'unicode.txt',
      'utf16.txt',
    ]);
  });

  it('matches case, whole words and regular expressions (with lookaround and backreferences)', async () => {
    expect(covered(fileOf(await search('Needle', { matchCase: true }), 'src/app.ts'))).toEqual([{ line: 2, found: ['Needle'] }]);
    const whole = await search('need', { wholeWord: true });
    expect(relative(whole)).toEqual(['docs/notes.txt']);
    expect(covered(fileOf(whole, 'docs/notes.txt'))).toEqual([{ line: 1, found: ['need'] }]);
    expect(relative(await search('needles?\\b', { isRegex: true, matchCase: true, include: './src' }))).toEqual(['src/app.ts', 'src/util/strings.ts']);
    expect(covered(fileOf(await search('(?<=return )needle', { isRegex: true }), 'src/app.ts'))).toEqual([{ line: 3, found: ['needle'] }]);
    expect(covered(fileOf(await search('(needle) \\+ \\1', { isRegex: true }), 'src/app.ts'))).toEqual([{ line: 3, found: ['needle + needle'] }]);
    // Fixed strings: regex characters are literal.
    expect((await search('needle + needle')).files).toHaveLength(1);
    expect((await search('n.edle')).files).toHaveLength(0);
  });

  it('applies include and exclude globs the way VS Code reads them', async () => {
    expect(relative(await search('needle', { include: '*.md' }))).toEqual(['docs/guide.md']);
    expect(relative(await search('needle', { include: 'src' }))).toEqual(['lib/src/deep.js', 'src/app.ts', 'src/util/strings.ts']);
    expect(relative(await search('needle', { include: './src' }))).toEqual(['src/app.ts', 'src/util/strings.ts']);
    expect(relative(await search('needle', { include: ' *.{md,txt} , *.js ', exclude: 'lib, docs/notes.txt' }))).toEqual([
      '.hidden/dot.txt',
      'bom.txt',
      'crlf.txt',
      'docs/guide.md',
      'latin1.txt',
      'long.min.js',
      'unicode.txt',
      'utf16.txt',
    ]);
    // An include names what ignore files hide (ripgrep's globs beat them); excludes still win.
    expect(relative(await search('needle', { include: '*.log' }))).toEqual(['debug.log', 'keep.log']);
    expect(relative(await search('needle', { include: '*.js' }))).not.toContain('node_modules/pkg/index.js');
  });

  it('gives UTF-16 columns after emoji and CJK text, and for a line that is not UTF-8', async () => {
    const result = await search('needle');
    const unicode = fileOf(result, 'unicode.txt')?.matches[0];
    expect(unicode).toMatchObject({ line: 2, text: '😀 日本語 needle and 𝒳 needle', ranges: [[7, 13], [21, 27]] });
    expect(fileOf(result, 'latin1.txt')?.matches[0]).toMatchObject({ text: 'caf\ufffd needle', ranges: [[5, 11]] });
    expect(covered(fileOf(result, 'utf16.txt'))).toEqual([{ line: 1, found: ['needle'] }]);
    expect(fileOf(result, 'bom.txt')?.matches[0]).toMatchObject({ text: 'needle after a BOM', ranges: [[0, 6]] });
  });

  it('drops CRLF line ends from the text and lets `$` match before them', async () => {
    expect(fileOf(await search('needle'), 'crlf.txt')?.matches.map((m) => m.text)).toEqual(['first needle', 'second needle']);
    expect(covered(fileOf(await search('needle$', { isRegex: true }), 'crlf.txt'))).toEqual([
      { line: 1, found: ['needle'] },
      { line: 2, found: ['needle'] },
    ]);
  });

  it('cuts a long line around its first match and says where the text starts', async () => {
    const line = fileOf(await search('needle'), 'long.min.js')?.matches[0];
    expect(line?.textOffset).toBe(5000 - PREVIEW_LEAD);
    expect(line?.text).toHaveLength(PREVIEW_LENGTH);
    // The second match lies beyond the cut text: only the first is in it.
    expect(line?.ranges).toEqual([[PREVIEW_LEAD, PREVIEW_LEAD + 6]]);
    expect(line?.text.slice(PREVIEW_LEAD, PREVIEW_LEAD + 6)).toBe('needle');
  });

  it('reports a regular expression ripgrep cannot read as the search’s error', async () => {
    const result = await client().search(query('(needle', { isRegex: true }));
    expect(result.files).toEqual([]);
    expect(result.done.error?.code).toBe('bad-request');
    expect(result.done.error?.message).toMatch(/^The regular expression "\(needle" is not valid: unclosed group\.$/);
  });

  it('reports a glob ripgrep cannot read, saying which', async () => {
    const result = await client().search(query('needle', { include: 'src/{a,b' }));
    expect(result.done.error).toEqual({
      code: 'bad-request',
      message: `The glob "**/src/{a,b" (in files to include or exclude, or in the files.exclude or search.exclude setting) is not valid: unclosed alternate group; missing '}'.`,
    });
  });

  it('answers not-found with what to do when no folder is open, and refuses a line break in the text', async () => {
    const none = new SearchClient({ folder: () => null, excludes: () => [] });
    await expect(none.handlers['search.start']({ searchId: 1, query: query('x'), maxResults: 10 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringMatching(/open a folder first/) },
    });
    await expect(client().handlers['search.start']({ searchId: 1, query: query('a\nb'), maxResults: 10 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });
});

describe('limits and cancelling', () => {
  let big: string;
  beforeAll(() => {
    // Enough matches that ripgrep is still writing when the first batch arrives.
    big = mkdtempSync(path.join(os.tmpdir(), 'quire-search-big-'));
    const body = 'needle in a haystack line\n'.repeat(20_000);
    for (let i = 0; i < 60; i++) writeFileSync(path.join(big, `file-${i}.txt`), body);
  });
  afterAll(() => rmSync(big, { recursive: true, force: true }));

  const bigClient = () => new SearchClient({ folder: () => big, excludes: () => [] });

  it('stops at maxResults, keeping exactly that many matches, and says the limit was hit', async () => {
    const result = await bigClient().search(query('needle'), 25_050);
    expect(result.done.summary).toMatchObject({ matches: 25_050, limitHit: true, cancelled: false });
    expect(result.files.flatMap((f) => f.matches.flatMap((m) => m.ranges))).toHaveLength(25_050);
    expect(result.files.length).toBeLessThan(60);
    expect(ripgrepChildren()).toEqual([]);
  });

  /** Starts a search on the big tree; resolves at its first batch, with the ripgrep processes running then. */
  async function startBig(searching: SearchClient) {
    const searchId = searching.newId();
    let unlisten: () => void = () => undefined;
    const firstBatch = new Promise<number[]>((resolve) => {
      unlisten = searching.listen((event) => event === 'search.results' && resolve(ripgrepChildren()));
    });
    const done = new Promise<FinishedSearch['done']>((resolve) =>
      searching.listen((event, payload) => {
        const typed = payload as FinishedSearch['done'];
        if (event === 'search.done' && typed.searchId === searchId) resolve(typed);
      }),
    );
    await searching.handlers['search.start']({ searchId, query: query('needle'), maxResults: 100_000 });
    const running = await firstBatch;
    unlisten();
    return { searchId, running, done };
  }

  it('search.cancel kills ripgrep and ends the search as cancelled', async () => {
    const searching = bigClient();
    const { searchId, running, done } = await startBig(searching);
    expect(running).toHaveLength(1);
    await searching.handlers['search.cancel']({ searchId });
    expect(ripgrepChildren()).toEqual([]);
    expect((await done).summary).toMatchObject({ cancelled: true, limitHit: false });
  });

  it('a new search on the same connection cancels the one before', async () => {
    const searching = bigClient();
    const { running, done } = await startBig(searching);
    expect(running).toHaveLength(1);
    const second = await searching.search(query('no such text anywhere'));
    expect((await done).summary.cancelled).toBe(true);
    expect(second.done.summary).toMatchObject({ files: 0, cancelled: false });
    expect(ripgrepChildren()).toEqual([]);
  });

  it('closing the connection kills ripgrep', async () => {
    const searching = bigClient();
    const { running, done } = await startBig(searching);
    expect(running).toHaveLength(1);
    await searching.close();
    expect(ripgrepChildren()).toEqual([]);
    expect((await done).summary.cancelled).toBe(true);
  });
});

describe('built-in search where ripgrep is missing', () => {
  it('says so in one line and finds what ripgrep finds', async () => {
    const queries: Partial<SearchQuery>[] = [
      {},
      { matchCase: true },
      { wholeWord: true },
      { include: 'src, *.md' },
      { include: '*.log' },
      { exclude: 'docs, *.txt' },
    ];
    for (const options of queries) {
      for (const pattern of ['needle', 'Needle', 'need']) {
        const [fast, slow] = [await search(pattern, options), await search(pattern, options, NO_RIPGREP)];
        expect(slow.engine).toBe('built-in');
        const sorted = (r: FinishedSearch) => [...r.files].sort((a, b) => a.path.localeCompare(b.path));
        expect(sorted(slow), `${pattern} ${JSON.stringify(options)}`).toEqual(sorted(fast));
        expect(slow.done.summary.matches).toBe(fast.done.summary.matches);
      }
    }
  });

  it('explains what to install, whether rg is not on PATH or QUIRE_RIPGREP names nothing that runs', async () => {
    const withoutPath = await search('needle', {}, { ...process.env, PATH: '/nonexistent-bin', QUIRE_RIPGREP: '' });
    expect(withoutPath.notice).toBe(
      "ripgrep (rg) is not installed, so search uses Quire's slower built-in search. Install ripgrep 12 or newer (Debian: apt-get install ripgrep) for fast search.",
    );
    const badOverride = await search('needle', {}, NO_RIPGREP);
    expect(badOverride.notice).toMatch(/^\/nonexistent\/rg is not a ripgrep that runs, so search uses Quire's slower built-in search\./);
    expect(badOverride.notice).not.toContain('\n');
  });

  it('handles regular expressions, their errors, and the result limit', async () => {
    expect(covered(fileOf(await search('(?<=return )needle', { isRegex: true }, NO_RIPGREP), 'src/app.ts'))).toEqual([{ line: 3, found: ['needle'] }]);
    expect(covered(fileOf(await search('needle$', { isRegex: true }, NO_RIPGREP), 'crlf.txt'))).toHaveLength(2);
    const bad = await client(NO_RIPGREP).search(query('(needle', { isRegex: true }));
    expect(bad.done.error).toEqual({ code: 'bad-request', message: 'The regular expression "(needle" is not valid: Unterminated group.' });
    const limited = await client(NO_RIPGREP).search(query('needle'), 3);
    expect(limited.done.summary).toMatchObject({ matches: 3, limitHit: true });
    expect(limited.files.flatMap((f) => f.matches.flatMap((m) => m.ranges))).toHaveLength(3);
  });
});
