import type { QuireApi } from '../../../app/contract.js';
import type { BackupSync } from '../hotexit/backup-sync.js';
import type { QuireStore } from '../state/store.js';
import type { DocumentService } from '../workbench/document-service.js';
import type { FilePickers } from '../workbench/file-pickers.js';
import { settleUnsavedChanges } from '../workbench/quit.js';

export interface OpenFolderDeps {
  api: QuireApi;
  store: QuireStore;
  documents: DocumentService;
  pickers: FilePickers;
  backups: BackupSync;
  /** Stores the tabs of the folder being left as its session (`finish`); `start` again when the switch fails. */
  session: { finish(): Promise<void>; start(): void };
  /**
   * Starts the page over in the new workspace, so its session and backups come back through
   * the normal start-up; unsaved changes have been dealt with by then.
   */
  reload(): void;
}

/**
 * File: Open Folder…: one workspace per window, so the window switches to the picked folder.
 * Unsaved changes are backed up by hot exit (and come back with this folder); with hot exit
 * off, the user is asked as when quitting.
 */
export async function openFolder({ api, store, documents, pickers, backups, session, reload }: OpenFolderDeps): Promise<void> {
  const folder = await pickers.pickFolder();
  if (folder === null || folder === store.getState().workspace?.folder) return;
  if (!(await settleUnsavedChanges(store, documents, backups))) return;
  await session.finish();
  const opened = await api.request('workspace.open', { folder });
  if (!opened.ok) {
    backups.release();
    session.start();
    store.getState().notify({ severity: 'error', message: `Could not open the folder: ${opened.error.message}` });
    return;
  }
  reload();
}
