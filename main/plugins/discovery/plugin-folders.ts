/**
 * Which folders Quire looks in for plugins: the ones shipped with Quire, the user's own, and any
 * given with `--plugins-dir`, each resolved to its real location and listed once.
 */
import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';

export interface PluginFolderOptions {
  /** Quire's install root: in development the repository root, where the build puts `dist/plugins`. */
  installRoot: string;
  /** A packaged app keeps its plugins beside the executable rather than in the build output. */
  packaged: boolean;
  /** From `resolveConfigDir()`; the user's plugins live in its `plugins` folder. */
  configDir: string;
  /** From `--plugins-dir`, as given on the command line (possibly relative). */
  extraDirs: string[];
  /** The running executable; `process.execPath` unless a test says otherwise. */
  execPath?: string;
}

export interface PluginFolder {
  path: string;
  origin: 'bundled' | 'user' | 'command-line';
}

export const PLUGIN_EXTENSION = process.platform === 'darwin' ? '.dylib' : process.platform === 'win32' ? '.dll' : '.so';

/** Whether a file name (or path) names a plugin for this platform; Windows and macOS ignore the case of names. */
export function isPluginFileName(name: string): boolean {
  const base = basename(name);
  const comparable = process.platform === 'linux' ? base : base.toLowerCase();
  return comparable.length > PLUGIN_EXTENSION.length && comparable.endsWith(PLUGIN_EXTENSION);
}

/**
 * The plugins folders in order of precedence, without duplicates (the first listing of a real
 * folder wins). Folders that do not exist yet stay in the list: the user's folder usually does
 * not exist until they make it, and the watcher picks a folder up when it appears.
 */
export function pluginFolders(options: PluginFolderOptions): PluginFolder[] {
  // A relative --plugins-dir is taken relative to where Quire is installed, never to the working
  // directory: Quire is started from desktop launchers, shells anywhere and `npm start`, and a
  // plugins folder must not change with where that happened to be (seed 003: Go's plugin.Open
  // resolves relative paths against the working directory, and the fix is to resolve them
  // against the executable's location). A packaged app's install root is the executable's folder.
  const base = options.packaged ? dirname(options.execPath ?? process.execPath) : options.installRoot;
  const candidates: PluginFolder[] = [
    { path: options.packaged ? join(base, 'plugins') : join(base, 'dist', 'plugins'), origin: 'bundled' },
    { path: join(options.configDir, 'plugins'), origin: 'user' },
    ...options.extraDirs.map((dir): PluginFolder => ({ path: resolve(base, dir), origin: 'command-line' })),
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
