import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
/** The loader's test plugins, built by `npm run build` from native/test-plugins. */
export const TEST_PLUGINS = path.join(ROOT, 'dist', 'test-plugins');

/** A plugins folder in the workspace holding copies of these test plugins. */
export async function pluginsFolderWith(workspace: string, ...names: string[]): Promise<string> {
  const folder = path.join(workspace, 'plugins');
  await mkdir(folder, { recursive: true });
  for (const name of names) await copyFile(path.join(TEST_PLUGINS, `${name}.so`), path.join(folder, `${name}.so`));
  return folder;
}
