import { describe, expect, it } from 'vitest';
import { headlessCommandTest } from './headless-fixtures.js';
import { runRun } from './run-command.js';

const { scratch, run } = headlessCommandTest(runRun);

describe('quire run', () => {
  it('applies a command by its full id or its bare id, writing the result back', async () => {
    scratch().file('list.txt', 'pear\napple\nfig\n');
    expect(await run('dev.quire.text-tools/sort-lines', 'list.txt')).toMatchObject({ code: 0, stdout: [], stderr: '' });
    expect(scratch().bytes('list.txt').toString()).toBe('apple\nfig\npear\n');

    expect((await run('reverse-lines', 'list.txt')).code).toBe(0);
    expect(scratch().bytes('list.txt').toString()).toBe('pear\nfig\napple\n');
  });

  it('prints the message a command gives, and leaves the file alone when it changes nothing', async () => {
    scratch().file('words.txt', 'one two three\nfour\n');
    const before = scratch().mtimeMs('words.txt');
    const result = await run('word-count', 'words.txt');
    expect(result).toMatchObject({ code: 0, stdout: ['4 words, 2 lines, 19 characters'] });
    expect(scratch().mtimeMs('words.txt')).toBe(before);
  });

  it('leaves the file byte-identical when the plugin crashes, and reports the failure code', async () => {
    scratch().pluginFolder('plugins', ['misbehave']);
    const original = Buffer.from('keep me\r\nexactly\r\n');
    scratch().file('precious.txt', original);
    const before = scratch().mtimeMs('precious.txt');
    const result = await run('--plugins-dir', 'plugins', '--trust-plugins', 'all', 'dev.quire.test.misbehave/segfault', 'precious.txt');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^quire run: precious\.txt: the command "Misbehave: Segfault" \(dev\.quire\.test\.misbehave\/segfault\) failed \[crashed\]: /);
    expect(scratch().bytes('precious.txt')).toEqual(original);
    expect(scratch().mtimeMs('precious.txt')).toBe(before);
  });

  it('ends a command that runs past its deadline (settings.json) and leaves the file alone', async () => {
    scratch().pluginFolder('plugins', ['misbehave']);
    scratch().settings({ pluginDeadlinesMs: { command: 300 } });
    scratch().file('slow.txt', 'text\n');
    const started = Date.now();
    const result = await run('--plugins-dir', 'plugins', '--trust-plugins', 'all', 'dev.quire.test.misbehave/hang', 'slow.txt');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('failed [call-timeout]');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(scratch().bytes('slow.txt').toString()).toBe('text\n');
  });

  it('exits 2 for a command no running plugin has, and lists the commands with --list', async () => {
    scratch().file('a.txt', 'a\n');
    const missing = await run('no-such-command', 'a.txt');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no running plugin has the command "no-such-command"');

    const listed = await run('--list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('dev.quire.text-tools/sort-lines  Sort Lines');
    expect(listed.stdout).toContain('dev.quire.json-tools/pretty  JSON: Pretty Print');
  });

  it('exits 2 when a command or file is missing', async () => {
    expect(await run('sort-lines')).toMatchObject({ code: 2, stderr: expect.stringContaining('name a command and at least one file') });
  });
});
