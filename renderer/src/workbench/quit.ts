import type { QuireApi } from '../../../app/contract.js';
import type { BackupSync } from '../hotexit/backup-sync.js';
import type { QuireStore } from '../state/store.js';
import type { DocumentService } from './document-service.js';

/** Quits once unsaved changes are dealt with: backed up (hot exit), saved, knowingly dropped, or the quit cancelled. */
export async function quitQuire(api: QuireApi, store: QuireStore, documents: DocumentService, backups: BackupSync): Promise<void> {
  if (!(await settleUnsavedChanges(store, documents, backups))) return;
  const result = await api.request('app.quit', {});
  if (result.ok) return;
  backups.release();
  store.getState().notify({ severity: 'error', message: result.error.message });
}

/**
 * Before the open documents go away (quitting, opening another folder). With hot exit on, their
 * unsaved changes are backed up now and come back next start, without asking. Otherwise (or
 * when backing up failed) it asks whether to save them, and "Don't Save" drops their backups
 * too. True once each is backed up, saved or knowingly dropped, with backing up held (call
 * `backups.release()` if the documents stay after all); false when the user cancelled or a
 * save failed, and the documents must stay.
 */
export async function settleUnsavedChanges(store: QuireStore, documents: DocumentService, backups?: BackupSync): Promise<boolean> {
  const dirty = documents.dirtyDocuments();
  if (dirty.length === 0) return true;
  let backupFailed = false;
  if (backups && store.getState().settings.hotExit) {
    backups.hold();
    if (await backups.flushAll()) return true;
    backups.release();
    backupFailed = true;
  }
  const answer = await store.getState().askChoice({
    message:
      dirty.length === 1
        ? `Do you want to save the changes you made to ${dirty[0]?.name}?`
        : `Do you want to save the changes to the following ${dirty.length} files?`,
    detail: backupFailed
      ? "Quire could not back them up for next time, so they will be lost if you don't save them."
      : "Your changes will be lost if you don't save them.",
    items: dirty.map((document) => document.path ?? document.name),
    choices: [
      { id: 'save', label: 'Save All' },
      { id: 'discard', label: "Don't Save" },
      { id: 'cancel', label: 'Cancel' },
    ],
    defaultId: 'save',
    cancelId: 'cancel',
  });
  if (answer === 'cancel') return false;
  if (answer === 'save') {
    for (const document of dirty) {
      // A failed or cancelled save stops what was under way: its text must not be lost.
      if (!(await documents.save(document.id))) return false;
    }
  }
  backups?.hold();
  if (answer === 'discard') await backups?.drop(dirty.map((document) => document.id));
  return true;
}
