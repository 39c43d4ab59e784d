import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { desktopArgv, isDesktopOption, parseDesktopArgs, parseServeArgs } from './args.js';

const cwd = '/work/space';
const dirs = new Set(['/work/space/project', '/abs/dir']);
const isDirectory = (p: string) => dirs.has(p);

describe('parseServeArgs', () => {
  it('defaults to loopback, a free port and the working directory', () => {
    expect(parseServeArgs([], isDirectory, cwd)).toEqual({
      ok: true,
      value: { host: '127.0.0.1', port: 0, files: [], workspaceDir: cwd, configDir: undefined, pluginsDirs: [] },
    });
  });

  it('splits files from folders and resolves both against the working directory', () => {
    const result = parseServeArgs(['a.txt', 'project', '/abs/dir', '/abs/b.md'], isDirectory, cwd);
    expect(result).toMatchObject({
      ok: true,
      value: { files: [path.join(cwd, 'a.txt'), '/abs/b.md'], workspaceDir: path.join(cwd, 'project') },
    });
  });

  it('reads --host, --port, --config-dir and repeated --plugins-dir (kept as given)', () => {
    const result = parseServeArgs(['--host', '::1', '--port=8123', '--config-dir', 'cfg', '--plugins-dir', 'a', '--plugins-dir=/b'], isDirectory, cwd);
    expect(result).toMatchObject({ ok: true, value: { host: '::1', port: 8123, configDir: path.join(cwd, 'cfg'), pluginsDirs: ['a', '/b'] } });
  });

  it.each([['--port', 'http'], ['--port', '70000'], ['--port', '-1'], ['--port', '1.5']])('refuses %s %s', (flag, value) => {
    const result = parseServeArgs([flag, value], isDirectory, cwd);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('--port');
  });

  it('refuses unknown options with the parser\'s explanation', () => {
    const result = parseServeArgs(['--prot', '1'], isDirectory, cwd);
    expect(result).toMatchObject({ ok: false });
  });
});

describe('parseDesktopArgs', () => {
  it('keeps files, skips switches Electron or Chromium add, and honours --', () => {
    expect(parseDesktopArgs(['--no-sandbox', 'a.txt', '--plugins-dir', 'mine', '--', '-odd-name.txt'], cwd)).toEqual({
      files: [path.join(cwd, 'a.txt'), path.join(cwd, '-odd-name.txt')],
      pluginsDirs: ['mine'],
    });
  });

  it('hands plugins folders and files on unchanged, to the desktop app or the browser edition', () => {
    const desktop = parseDesktopArgs(['--plugins-dir', 'mine', '--plugins-dir=/abs/theirs', 'a.txt', '--', '-odd-name.txt'], cwd);
    const forwarded = desktopArgv(desktop);
    expect(parseDesktopArgs(forwarded, '/elsewhere')).toEqual(desktop);
    expect(parseServeArgs(forwarded, isDirectory, '/elsewhere')).toMatchObject({
      ok: true,
      value: { pluginsDirs: ['mine', '/abs/theirs'], files: [path.join(cwd, 'a.txt'), path.join(cwd, '-odd-name.txt')] },
    });
  });

  it('knows its own options, so `quire --plugins-dir DIR` is not an unknown option', () => {
    expect(isDesktopOption('--plugins-dir')).toBe(true);
    expect(isDesktopOption('--plugins-dir=x')).toBe(true);
    expect(isDesktopOption('--plugin-dir')).toBe(false);
  });
});
