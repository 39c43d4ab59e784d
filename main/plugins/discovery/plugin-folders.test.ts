import { mkdir, mkdtemp, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPluginFileName, PLUGIN_EXTENSION, pluginFolders } from './plugin-folders.js';

let root: string;

beforeEach(async () => {
  // Real paths throughout, so expectations compare with what realpath gives.
  root = await realpath(await mkdtemp(join(tmpdir(), 'quire-plugin-folders-')));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('pluginFolders', () => {
  it('lists the build output, the user folder and --plugins-dir folders in development', () => {
    const installRoot = join(root, 'repo');
    const folders = pluginFolders({ installRoot, packaged: false, configDir: join(root, 'config'), extraDirs: ['/opt/more'] });
    expect(folders).toEqual([
      { path: join(installRoot, 'dist', 'plugins'), origin: 'bundled' },
      { path: join(root, 'config', 'plugins'), origin: 'user' },
      { path: '/opt/more', origin: 'command-line' },
    ]);
  });

  it('resolves a relative --plugins-dir against the install root, not the working directory', () => {
    const installRoot = join(root, 'repo');
    const folders = pluginFolders({ installRoot, packaged: false, configDir: join(root, 'config'), extraDirs: ['mine', '../shared'] });
    expect(folders.slice(2).map((folder) => folder.path)).toEqual([join(installRoot, 'mine'), join(root, 'shared')]);
    expect(folders[2]?.path).not.toBe(resolve('mine'));
  });

  it('uses the folder beside the executable when packaged, for bundled plugins and relative folders', () => {
    const execPath = join(root, 'Quire', 'quire');
    const folders = pluginFolders({
      installRoot: join(root, 'Quire', 'resources', 'app.asar'),
      packaged: true,
      configDir: join(root, 'config'),
      extraDirs: ['extra'],
      execPath,
    });
    expect(folders).toEqual([
      { path: join(root, 'Quire', 'plugins'), origin: 'bundled' },
      { path: join(root, 'config', 'plugins'), origin: 'user' },
      { path: join(root, 'Quire', 'extra'), origin: 'command-line' },
    ]);
  });

  it('resolves symlinked folders and lists each real folder once, keeping the first listing', async () => {
    const userPlugins = join(root, 'config', 'plugins');
    await mkdir(userPlugins, { recursive: true });
    await symlink(userPlugins, join(root, 'link-to-user-plugins'));
    const folders = pluginFolders({
      installRoot: join(root, 'repo'),
      packaged: false,
      configDir: join(root, 'config'),
      extraDirs: [join(root, 'link-to-user-plugins'), userPlugins, join(root, 'config', '.', 'plugins'), 'mine', './mine'],
    });
    expect(folders).toEqual([
      { path: join(root, 'repo', 'dist', 'plugins'), origin: 'bundled' },
      { path: userPlugins, origin: 'user' },
      { path: join(root, 'repo', 'mine'), origin: 'command-line' },
    ]);
  });

  it('matches a folder that does not exist yet through its existing symlinked parent', async () => {
    await mkdir(join(root, 'real-config'));
    await symlink(join(root, 'real-config'), join(root, 'config'));
    const folders = pluginFolders({
      installRoot: join(root, 'repo'),
      packaged: false,
      configDir: join(root, 'config'),
      extraDirs: [join(root, 'real-config', 'plugins')],
    });
    expect(folders.map((folder) => folder.path)).toEqual([join(root, 'repo', 'dist', 'plugins'), join(root, 'real-config', 'plugins')]);
  });
});

describe('isPluginFileName', () => {
  it(`accepts names ending in ${PLUGIN_EXTENSION} and nothing else`, () => {
    expect(isPluginFileName(`csv${PLUGIN_EXTENSION}`)).toBe(true);
    expect(isPluginFileName(`/some/folder/json-tools${PLUGIN_EXTENSION}`)).toBe(true);
    expect(isPluginFileName(PLUGIN_EXTENSION)).toBe(false);
    expect(isPluginFileName(`csv${PLUGIN_EXTENSION}.bak`)).toBe(false);
    expect(isPluginFileName('readme.txt')).toBe(false);
  });
});
