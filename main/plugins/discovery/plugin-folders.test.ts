import { chmod, mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describePluginFolders, isPluginFileName, PLUGIN_EXTENSION, pluginExtension, pluginFolders } from './plugin-folders.js';

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

  it('finds the bundled folder from the install root, whatever the working directory', () => {
    const installRoot = join(root, 'repo');
    const folders = pluginFolders({ installRoot, packaged: false, configDir: join(root, 'config'), extraDirs: [] });
    expect(folders[0]).toEqual({ path: join(installRoot, 'dist', 'plugins'), origin: 'bundled' });
    expect(folders[0]?.path).not.toBe(resolve('dist', 'plugins'));
  });

  it('uses the folder beside the executable for bundled plugins when packaged; --plugins-dir folders stay as given', () => {
    const execPath = join(root, 'Quire', 'quire');
    const folders = pluginFolders({
      installRoot: join(root, 'Quire', 'resources', 'app.asar'),
      packaged: true,
      configDir: join(root, 'config'),
      extraDirs: [join(root, 'home', 'me', 'my-plugin', 'build')],
      execPath,
    });
    expect(folders).toEqual([
      { path: join(root, 'Quire', 'plugins'), origin: 'bundled' },
      { path: join(root, 'config', 'plugins'), origin: 'user' },
      { path: join(root, 'home', 'me', 'my-plugin', 'build'), origin: 'command-line' },
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
      extraDirs: [join(root, 'link-to-user-plugins'), userPlugins, join(root, 'config', '.', 'plugins'), join(root, 'mine'), `${root}/./mine/`],
    });
    expect(folders).toEqual([
      { path: join(root, 'repo', 'dist', 'plugins'), origin: 'bundled' },
      { path: userPlugins, origin: 'user' },
      { path: join(root, 'mine'), origin: 'command-line' },
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

  it.each([
    ['linux', '.so'],
    ['darwin', '.dylib'],
    ['win32', '.dll'],
    // Node's other Unix systems load ELF shared objects, as Linux does.
    ['freebsd', '.so'],
  ])('on %s takes %s files', (platform, extension) => {
    expect(pluginExtension(platform)).toBe(extension);
    expect(isPluginFileName(`csv${extension}`, platform)).toBe(true);
    for (const other of ['.so', '.dylib', '.dll'].filter((e) => e !== extension)) expect(isPluginFileName(`csv${other}`, platform)).toBe(false);
  });

  it('ignores case where the file system does (macOS, Windows), and only there', () => {
    expect(isPluginFileName('CSV.DYLIB', 'darwin')).toBe(true);
    expect(isPluginFileName('Csv.Dll', 'win32')).toBe(true);
    expect(isPluginFileName('CSV.SO', 'linux')).toBe(false);
  });

  it('reads Windows paths with either separator', () => {
    expect(isPluginFileName('C:\\Users\\me\\AppData\\Roaming\\Quire\\plugins\\csv.dll', 'win32')).toBe(true);
    expect(isPluginFileName('C:/Users/me/plugins/csv.dll', 'win32')).toBe(true);
    expect(isPluginFileName('C:\\plugins\\.dll', 'win32')).toBe(false);
  });

  it('uses the running platform by default', () => {
    expect(PLUGIN_EXTENSION).toBe(pluginExtension(process.platform));
  });
});

describe('describePluginFolders', () => {
  it('says whether each folder exists and whether plugins can be added to it', async () => {
    await mkdir(join(root, 'present'));
    await writeFile(join(root, 'a-file'), 'not a folder');
    const described = await describePluginFolders([
      { path: join(root, 'present'), origin: 'bundled' },
      { path: join(root, 'config', 'plugins'), origin: 'user' },
      { path: join(root, 'a-file', 'plugins'), origin: 'command-line' },
    ]);
    expect(described).toEqual([
      { path: join(root, 'present'), origin: 'bundled', exists: true, writable: true },
      // Not made yet, but it can be: its nearest existing ancestor is a writable folder.
      { path: join(root, 'config', 'plugins'), origin: 'user', exists: false, writable: true },
      { path: join(root, 'a-file', 'plugins'), origin: 'command-line', exists: false, writable: false },
    ]);
  });

  // root may write anywhere, so only another user sees a read-only folder.
  it.skipIf(process.getuid?.() === 0)('calls a folder this user cannot write to read-only, as an installed app’s own is', async () => {
    const installed = join(root, 'opt', 'Quire', 'plugins');
    await mkdir(installed, { recursive: true });
    await chmod(installed, 0o555);
    await chmod(join(root, 'opt', 'Quire'), 0o555);
    try {
      const [bundled, beside] = await describePluginFolders([
        { path: installed, origin: 'bundled' },
        { path: join(root, 'opt', 'Quire', 'more'), origin: 'command-line' },
      ]);
      expect(bundled).toMatchObject({ exists: true, writable: false });
      expect(beside).toMatchObject({ exists: false, writable: false });
    } finally {
      await chmod(join(root, 'opt', 'Quire'), 0o755);
      await chmod(installed, 0o755);
    }
  });
});
