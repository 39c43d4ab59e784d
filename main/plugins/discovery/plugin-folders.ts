/**
 * Which folders Quire looks in for plugins: the ones shipped with Quire, the user's own, and any
 * given with `--plugins-dir`, each resolved to its real location and listed once.
 */
import { constants, realpathSync } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep, win32 } from 'node:path';
import type { PluginFolderInfo } from '../../../app/plugin-contract.js';
import { PLUGIN_EXTENSIONS, pluginOsOf } from '../../plugin-common/inspect/platforms.js';

export interface PluginFolderOptions {
  /** Quire's install root: in development the repository root, where the build puts `dist/plugins`. */
  installRoot: string;
  /** A packaged app keeps its plugins beside the executable rather than in the build output. */
  packaged: boolean;
  /** From `resolveConfigDir()`; the user's plugins live in its `plugins` folder. */
  configDir: string;
  /** From `--plugins-dir`: absolute, resolved by the command line against the folder it was typed in. */
  extraDirs: string[];
  /** The running executable; `process.execPath` unless a test says otherwise. */
  execPath?: string;
}

export interface PluginFolder {
  path: string;
  origin: 'bundled' | 'user' | 'command-line';
}

/** What plugin files end in on `platform` (a `process.platform` value): .so, .dylib or .dll. */
export function pluginExtension(platform: string = process.platform): string {
  return PLUGIN_EXTENSIONS[pluginOsOf(platform)];
}

export const PLUGIN_EXTENSION = pluginExtension();

/**
 * Whether a file name (or path) names a plugin on `platform`. Names are compared as that
 * system's file systems compare them: ignoring case on macOS and Windows, exactly elsewhere.
 */
export function isPluginFileName(name: string, platform: string = process.platform): boolean {
  const os = pluginOsOf(platform);
  const base = os === 'win32' ? win32.basename(name) : basename(name);
  const comparable = os === 'linux' ? base : base.toLowerCase();
  const extension = PLUGIN_EXTENSIONS[os];
  return comparable.length > extension.length && comparable.endsWith(extension);
}

/**
 * The plugins folders in order of precedence, without duplicates (the first listing of a real
 * folder wins). Folders that do not exist yet stay in the list: the user's folder usually does
 * not exist until they make it, and the watcher picks a folder up when it appears.
 */
export function pluginFolders(options: PluginFolderOptions): PluginFolder[] {
  // Quire's own plugins are found from where Quire is installed, never from the working
  // directory: Quire is started from desktop launchers, shells anywhere and `npm start`, and its
  // bundled plugins must not change with where that happened to be (seed 003: Go's plugin.Open
  // resolves relative paths against the working directory, and the fix is to resolve them
  // against the executable's location). A packaged app's install root is the executable's folder.
  // A folder the user names with --plugins-dir is the opposite case: like any path typed in a
  // shell, it means what it means in the current directory, so it arrives here already absolute.
  const base = options.packaged ? dirname(options.execPath ?? process.execPath) : options.installRoot;
  const candidates: PluginFolder[] = [
    { path: options.packaged ? join(base, 'plugins') : join(base, 'dist', 'plugins'), origin: 'bundled' },
    { path: join(options.configDir, 'plugins'), origin: 'user' },
    ...options.extraDirs.map((dir): PluginFolder => ({ path: dir, origin: 'command-line' })),
  ];
  const seen = new Set<string>();
  const folders: PluginFolder[] = [];
  for (const candidate of candidates) {
    const path = realLocation(candidate.path);
    if (seen.has(path)) continue;
    seen.add(path);
    folders.push({ path, origin: candidate.origin });
  }
  return folders;
}

/**
 * The real path of `path`; for a path that does not exist yet, the real path of its nearest
 * existing ancestor followed by the rest, so two spellings of one future folder still match.
 */
function realLocation(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync.native(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(realLocation(parent), basename(absolute));
  }
}

/** The kind of folder `filePath` was found in (the deepest folder containing it); `command-line` if none does. */
export function folderOrigin(folders: PluginFolder[], filePath: string): PluginFolder['origin'] {
  const containing = folders.filter((folder) => filePath.startsWith(folder.path.endsWith(sep) ? folder.path : folder.path + sep));
  containing.sort((a, b) => b.path.length - a.path.length);
  return containing[0]?.origin ?? 'command-line';
}

/**
 * Each folder as the Plugins panel and `quire doctor --folders` show it: whether it exists,
 * and whether this user can add plugins to it (for a missing folder: whether it can be made).
 * An installed app's own folder (/opt/Quire/plugins) is read-only; plugins go in the user's.
 */
export async function describePluginFolders(folders: readonly PluginFolder[]): Promise<PluginFolderInfo[]> {
  return Promise.all(
    folders.map(async (folder) => {
      const exists = await isDirectory(folder.path);
      return { ...folder, exists, writable: exists ? await canWrite(folder.path) : await canMake(folder.path) };
    }),
  );
}

function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

function canWrite(path: string): Promise<boolean> {
  return access(path, constants.W_OK).then(
    () => true,
    () => false,
  );
}

/** Whether `path` could be made: its nearest existing ancestor is a folder this user can write to. */
async function canMake(path: string): Promise<boolean> {
  const parent = dirname(path);
  const info = await stat(parent).catch(() => null);
  if (info) return info.isDirectory() && canWrite(parent);
  return parent !== path && canMake(parent);
}
