/**
 * What Quire remembers about workspaces between runs: the folder open at the last quit, kept
 * in `workspace-state.json` in the config folder, so `quire` without a folder reopens it.
 */
import { stat } from 'node:fs/promises';
import { z } from 'zod';
import { JsonFileStore } from '../services/json-file-store.js';

const WorkspaceState = z.object({
  /** Real path of the folder open last; null when the last window had none. */
  lastFolder: z.string().max(4096).nullable(),
});
type WorkspaceState = z.infer<typeof WorkspaceState>;

export class WorkspaceStateStore extends JsonFileStore<WorkspaceState> {
  constructor(configDir: string) {
    super(configDir, 'workspace-state.json', WorkspaceState, () => ({ lastFolder: null }));
  }
}

/** The folder open last, if it is still a folder; null otherwise. */
export async function lastWorkspaceFolder(configDir: string): Promise<string | null> {
  const { lastFolder } = await new WorkspaceStateStore(configDir).get();
  if (lastFolder === null) return null;
  const info = await stat(lastFolder).catch(() => null);
  return info?.isDirectory() ? lastFolder : null;
}
