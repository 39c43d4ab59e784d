import { chmodSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { headlessCommandTest } from './headless-fixtures.js';
import { runFormat } from './format-command.js';

/** The bundled CSV plugin aligns columns: what `quire format` must produce for MESSY. */
const MESSY = 'name,age\nalice,30\nbob,4\n';
const ALIGNED = 'name ,age\nalice,30\nbob  ,4\n';

const { scratch, run: format } = headlessCommandTest(runFormat);

describe('quire format', () => {
  it('formats files in place with the plugin of their format, and leaves formatted ones alone', async () => {
    scratch().file('people.csv', MESSY);
    scratch().file('sub/done.csv', ALIGNED);
    const before = scratch().mtimeMs('sub/done.csv');

    const first = await format('people.csv', 'sub/done.csv');
    expect(first.code).toBe(0);
    expect(first.stdout).toEqual(['reformatted people.csv']);
    expect(first.stderr).toBe('quire format: 1 file reformatted, 1 file already formatted.');
    expect(scratch().bytes('people.csv').toString()).toBe(ALIGNED);
    expect(scratch().mtimeMs('sub/done.csv')).toBe(before);

    const again = await format('people.csv');
    expect(again).toMatchObject({ code: 0, stdout: [] });
  });

  it('keeps the byte order mark and CRLF line endings of the file', async () => {
    scratch().file('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(MESSY.replaceAll('\n', '\r\n'))]));
    expect((await format('bom.csv')).code).toBe(0);
    expect(scratch().bytes('bom.csv')).toEqual(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ALIGNED.replaceAll('\n', '\r\n'))]));
  });

  it('--check lists what would change, exits 1, and writes nothing', async () => {
    scratch().file('messy.csv', MESSY);
    scratch().file('tidy.csv', ALIGNED);
    const before = scratch().mtimeMs('messy.csv');

    const checked = await format('--check', 'messy.csv', 'tidy.csv');
    expect(checked.code).toBe(1);
    expect(checked.stdout).toEqual(['would reformat messy.csv']);
    expect(checked.stderr).toContain('1 file would be reformatted, 1 file already formatted');
    expect(scratch().bytes('messy.csv').toString()).toBe(MESSY);
    expect(scratch().mtimeMs('messy.csv')).toBe(before);

    expect(await format('--check', 'tidy.csv')).toMatchObject({ code: 0, stdout: [] });
  });

  it('says which files no plugin formats and exits 2, formatting the others', async () => {
    scratch().file('notes.xyz', 'anything\n');
    scratch().file('data.json', '{"a":1}\n');
    scratch().file('people.csv', MESSY);
    const result = await format('notes.xyz', 'data.json', 'people.csv');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('quire format: notes.xyz: no plugin formats .xyz files.');
    // JSON is a language of the editor's own; json-tools lints and converts it but does not format it.
    expect(result.stderr).toContain('data.json: no plugin formats .json files (language "json").');
    expect(scratch().bytes('people.csv').toString()).toBe(ALIGNED);
  });

  it('reports a file it cannot read as text, and exits 1', async () => {
    scratch().file('binary.csv', Buffer.from([0x61, 0x00, 0x62]));
    scratch().file('locked.csv', MESSY);
    chmodSync(`${scratch().dir}/locked.csv`, 0o000);
    const result = await format('missing.csv', 'binary.csv', ...(process.getuid?.() === 0 ? [] : ['locked.csv']));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/quire format: Cannot open \S+missing\.csv: the file does not exist/);
    expect(result.stderr).toMatch(/Cannot open \S+binary\.csv: it looks like a binary file/);
    if (process.getuid?.() !== 0) expect(result.stderr).toMatch(/Cannot open \S+locked\.csv: permission denied/);
  });

  it('exits 2 on bad usage without starting any plugin', async () => {
    expect(await format()).toMatchObject({ code: 2, stderr: expect.stringContaining('name at least one file') });
    expect(await format('--nope', 'a.csv')).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--nope'") });
    expect(await format('--plugins-dir', 'no-such-folder', 'a.csv')).toMatchObject({ code: 2, stderr: expect.stringContaining('--plugins-dir no-such-folder: no such folder') });
    expect(await format('--trust-plugins', 'sometimes', 'a.csv')).toMatchObject({ code: 2, stderr: expect.stringContaining('--trust-plugins must be one of') });
  });
});
