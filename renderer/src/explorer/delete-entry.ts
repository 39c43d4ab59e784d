import type { QuireApi } from '../../../app/contract.js';
import { baseName } from '../paths/user-path.js';
import type { QuireStore } from '../state/store.js';
import type { ExplorerService } from './explorer-service.js';

export interface DeleteDeps {
  api: QuireApi;
  store: QuireStore;
  explorer: ExplorerService;
}

/**
 * Delete in the Explorer, as VS Code asks it: move to the system trash after a confirmation
 * whose default is "Move to Trash"; where there is no trash, ask again before deleting for good.
 */
export async function deleteEntry({ api, store, explorer }: DeleteDeps, path: string, kind: 'file' | 'directory' | 'other'): Promise<void> {
  const state = store.getState();
  const sep = state.appInfo?.pathSeparator ?? '/';
  const name = baseName(path, sep);
  const what = kind === 'directory' ? 'folder and its contents' : 'file';
  const toTrash = await state.askChoice({
    message: kind === 'directory' ? `Are you sure you want to delete '${name}' and its contents?` : `Are you sure you want to delete '${name}'?`,
    detail: `You can restore this ${what} from the Trash.`,
    choices: [
      { id: 'trash', label: 'Move to Trash' },
      { id: 'cancel', label: 'Cancel' },
    ],
    defaultId: 'trash',
    cancelId: 'cancel',
  });
  if (toTrash !== 'trash') return explorer.focus();
  const trashed = await api.request('workspace.delete', { path, permanently: false });
  if (trashed.ok && trashed.value.trashed) return explorer.removed(path);
  // No trash here (main says so with `trashed: false`, or refuses as unsupported): offer the real thing.
  if (!trashed.ok && trashed.error.code !== 'unsupported') return failed(store, explorer, trashed.error.message);
  const permanently = await state.askChoice({
    message: `Quire could not move '${name}' to the Trash. Do you want to permanently delete it instead?`,
    detail: trashed.ok ? 'There is no Trash on this system. This action is irreversible!' : `${trashed.error.message} This action is irreversible!`,
    choices: [
      { id: 'delete', label: 'Delete Permanently' },
      { id: 'cancel', label: 'Cancel' },
    ],
    defaultId: 'delete',
    cancelId: 'cancel',
  });
  if (permanently !== 'delete') return explorer.focus();
  const deleted = await api.request('workspace.delete', { path, permanently: true });
  if (!deleted.ok) return failed(store, explorer, deleted.error.message);
  explorer.removed(path);
}

function failed(store: QuireStore, explorer: ExplorerService, message: string): void {
  store.getState().notify({ severity: 'error', message });
  explorer.focus();
}
