import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { desktopArgv, isDesktopOption, parseDesktopArgs, parseServeArgs, userDirectory } from './args.js';

const cwd = '/work/space';
const dirs = new Set(['/work/space/project', '/abs/dir', '/work/space/build', '/work/space/a', '/b', '/work/space/mine', '/abs/theirs']);
const isDirectory = (p: string) => dirs.has(p);

describe('parseServeArgs', () => {
  it('defaults to loopback, a free port and the working directory', () => {
    expect(parseServeArgs([], isDirectory, cwd)).toEqual({
      ok: true,
      value: { host: '127.0.0.1', port: 0, files: [], workspaceDir: cwd, configDir: undefined, pluginsDirs: [], disablePlugins: false },
    });
  });

  it('splits files from folders and resolves both against the working directory', () => {
    const result = parseServeArgs(['a.txt', 'project', '/abs/dir', '/abs/b.md'], isDirectory, cwd);
    expect(result).toMatchObject({
      ok: true,
      value: { files: [path.join(cwd, 'a.txt'), '/abs/b.md'], workspaceDir: path.join(cwd, 'project') },
    });
  });

  it('reads --host, --port, --config-dir and repeated --plugins-dir, resolving paths against the current directory', () => {
    const result = parseServeArgs(['--host', '::1', '--port=8123', '--config-dir', 'cfg', '--plugins-dir', 'a', '--plugins-dir=/b'], isDirectory, cwd);
    expect(result).toMatchObject({ ok: true, value: { host: '::1', port: 8123, configDir: path.join(cwd, 'cfg'), pluginsDirs: [path.join(cwd, 'a'), '/b'] } });
  });

  it('takes --plugins-dir build in a plugin\'s folder to mean that folder\'s build/, as a shell user expects', () => {
    expect(parseServeArgs(['--plugins-dir', 'build'], isDirectory, cwd)).toMatchObject({ ok: true, value: { pluginsDirs: ['/work/space/build'] } });
    expect(parseServeArgs(['--plugins-dir', '.'], isDirectory, '/work/space/build')).toMatchObject({ ok: true, value: { pluginsDirs: ['/work/space/build'] } });
  });

  it('refuses a --plugins-dir that is not a folder, naming it as typed and as resolved, without the usage text', () => {
    expect(parseServeArgs(['--plugins-dir', './buidl'], isDirectory, cwd)).toEqual({
      ok: false,
      message: '--plugins-dir ./buidl: no such folder (/work/space/buidl)',
      usage: false,
    });
  });

  it('reads --disable-plugins (safe mode)', () => {
    expect(parseServeArgs(['--disable-plugins'], isDirectory, cwd)).toMatchObject({ ok: true, value: { disablePlugins: true } });
    expect(parseServeArgs(['--disable-plugins=yes'], isDirectory, cwd)).toMatchObject({ ok: false, usage: true });
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
    expect(parseDesktopArgs(['--no-sandbox', 'a.txt', '--plugins-dir', 'mine', '--', '-odd-name.txt'], cwd, isDirectory)).toEqual({
      files: [path.join(cwd, 'a.txt'), path.join(cwd, '-odd-name.txt')],
      folder: null,
      pluginsDirs: [path.join(cwd, 'mine')],
      trustMode: undefined,
      disablePlugins: false,
      problems: [],
    });
  });

  it('hands absolute plugins folders and files on, to the desktop app or the browser edition, with safe mode', () => {
    const desktop = parseDesktopArgs(['--plugins-dir', 'mine', '--plugins-dir=/abs/theirs', '--disable-plugins', 'a.txt', '--', '-odd-name.txt'], cwd, isDirectory);
    const forwarded = desktopArgv(desktop);
    expect(parseDesktopArgs(forwarded, '/elsewhere', isDirectory)).toEqual(desktop);
    expect(parseServeArgs(forwarded, isDirectory, '/elsewhere')).toMatchObject({
      ok: true,
      value: {
        pluginsDirs: [path.join(cwd, 'mine'), '/abs/theirs'],
        files: [path.join(cwd, 'a.txt'), path.join(cwd, '-odd-name.txt')],
        disablePlugins: true,
      },
    });
  });

  it('opens the first folder named as the workspace, the files in tabs, and hands both on', () => {
    const desktop = parseDesktopArgs(['project', 'a.txt', '/abs/dir', '/abs/b.md'], cwd, isDirectory);
    expect(desktop).toMatchObject({ folder: path.join(cwd, 'project'), files: [path.join(cwd, 'a.txt'), '/abs/b.md'] });
    const forwarded = desktopArgv(desktop);
    expect(parseDesktopArgs(forwarded, '/elsewhere', isDirectory)).toEqual(desktop);
    expect(parseServeArgs(forwarded, isDirectory, '/elsewhere')).toMatchObject({
      ok: true,
      value: { workspaceDir: path.join(cwd, 'project'), files: [path.join(cwd, 'a.txt'), '/abs/b.md'] },
    });
  });

  it('names each --plugins-dir that is not a folder, and still parses the rest', () => {
    const desktop = parseDesktopArgs(['--plugins-dir', 'build', '--plugins-dir', 'nope', '--plugins-dir=../gone'], cwd, isDirectory);
    expect(desktop.pluginsDirs).toEqual(['/work/space/build', '/work/space/nope', '/work/gone']);
    expect(desktop.problems).toEqual(['--plugins-dir nope: no such folder (/work/space/nope)', '--plugins-dir ../gone: no such folder (/work/gone)']);
  });

  it('knows its own options, so `quire --plugins-dir DIR` is not an unknown option', () => {
    expect(isDesktopOption('--plugins-dir')).toBe(true);
    expect(isDesktopOption('--plugins-dir=x')).toBe(true);
    expect(isDesktopOption('--disable-plugins')).toBe(true);
    expect(isDesktopOption('--plugin-dir')).toBe(false);
  });
});

describe('userDirectory', () => {
  it('is the working directory, unless npm started Quire for `npm start` or `npm run serve`', () => {
    expect(userDirectory({}, '/pkg')).toBe('/pkg');
    expect(userDirectory({ INIT_CWD: '/home/ann/p', npm_lifecycle_event: 'start' }, '/pkg')).toBe('/home/ann/p');
    expect(userDirectory({ INIT_CWD: '/home/ann/p', npm_lifecycle_event: 'serve' }, '/pkg')).toBe('/home/ann/p');
    // Inherited from `npm test` by a process it started: not where that process's command was typed.
    expect(userDirectory({ INIT_CWD: '/home/ann/p', npm_lifecycle_event: 'test' }, '/tmp/elsewhere')).toBe('/tmp/elsewhere');
  });
});
