/**
 * `quire doctor --folders`: the folders Quire loads plugins from, as the editor would use them
 * (bundled, the user's, `--plugins-dir`), with whether each exists and takes new plugins. An
 * installed app's own folder is read-only: the user's folder is where plugins go.
 */
import path from 'node:path';
import type { PluginFolderInfo } from '../../app/plugin-contract.js';
import { describePluginFolders, pluginFolders } from '../plugins/discovery/plugin-folders.js';
import { resolveConfigDir } from '../services/config-dir.js';
import { installRoot } from './install-paths.js';

function state(folder: PluginFolderInfo): string {
  if (!folder.exists) return folder.writable ? 'not created yet (make it to add plugins)' : 'missing';
  return folder.writable ? 'writable' : 'read-only';
}

export function formatFolderTable(folders: PluginFolderInfo[]): string {
  const rows = folders.map((folder) => [folder.origin, folder.path, state(folder)]);
  const header = ['ORIGIN', 'FOLDER', 'STATE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] as number)).join('  ').trimEnd();
  const user = folders.find((folder) => folder.origin === 'user');
  const advice = user?.writable ? ['', `Put your own plugins in ${user.path}${user.exists ? '' : ` (mkdir -p ${user.path})`}.`] : [];
  return [line(header), ...rows.map(line), ...advice].join('\n');
}

/** Prints the folders; `pluginsDirs` as typed after --plugins-dir (relative to the working directory). */
export async function runDoctorFolders(pluginsDirs: string[], json: boolean): Promise<number> {
  const folders = pluginFolders({
    installRoot: installRoot(),
    packaged: false,
    configDir: resolveConfigDir(),
    extraDirs: pluginsDirs.map((dir) => path.resolve(dir)),
  });
  const described = await describePluginFolders(folders);
  console.log(json ? JSON.stringify(described, null, 2) : formatFolderTable(described));
  return 0;
}
