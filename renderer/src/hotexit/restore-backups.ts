import type { QuireApi } from '../../../app/contract.js';
import type { Backup, BackupMeta, UnreadableBackup } from '../../../app/workspace-contract.js';
import { baseName, dirName } from '../paths/user-path.js';
import type { QuireStore } from '../state/store.js';
import type { NotificationRequest } from '../state/ui-slice.js';
import type { DocumentService } from '../workbench/document-service.js';
import type { EditorHost } from '../workbench/editor-host.js';
import { sameDiskStamp } from './backup-meta.js';
import type { BackupSync } from './backup-sync.js';

export interface RestoreDeps {
  api: QuireApi;
  store: QuireStore;
  documents: DocumentService;
  host: EditorHost;
  backups: BackupSync;
}

/**
 * Brings back the unsaved changes of the last run (hot exit, or a crash): each backup reopens
 * dirty with its text, line ending, BOM, language and cursor, in the tab of its file or as an
 * untitled tab. A file changed on disk since its backup was taken is not overwritten: the user
 * picks which to keep. Backups that could not be read are reported once, with where they are kept.
 */
export async function restoreBackups(deps: RestoreDeps): Promise<void> {
  const { api, store } = deps;
  const listed = await api.request('backup.list', {});
  if (!listed.ok) {
    store.getState().notify({ severity: 'warning', message: `Quire could not look for unsaved changes from the last session: ${listed.error.message}` });
    return;
  }
  const { backups, unreadable } = listed.value;
  if (unreadable.length > 0) store.getState().notify(unreadableNotification(unreadable, store.getState().appInfo?.pathSeparator ?? '/'));
  const activeBefore = store.getState().activeId;
  for (const backup of backups) await restoreOne(deps, backup);
  // The tab that was active in the last session stays active; restored tabs wait beside it.
  if (activeBefore !== null && backups.length > 0) store.getState().activateDocument(activeBefore);
}

async function restoreOne(deps: RestoreDeps, { meta, text }: Backup): Promise<void> {
  const { api, store, documents, host, backups } = deps;
  const id = await documentFor(deps, meta);
  if (id === null) {
    // The user chose the file on disk: its unsaved changes are dropped, as they asked.
    await api.request('backup.discard', { key: meta.key });
    return;
  }
  documents.restoreUnsaved(id, { text, eol: meta.eol, bom: meta.bom, languageId: meta.languageId });
  host.placeCursor(id, meta.cursor);
  store.getState().moveTab(id, meta.tabIndex);
  // The old backup goes only once the text is backed up again under this page's key.
  if (await backups.flush(id)) await api.request('backup.discard', { key: meta.key });
}

/** The document to put the backed-up text in; null when the user chose the file on disk instead. */
async function documentFor({ store, documents }: RestoreDeps, meta: BackupMeta): Promise<string | null> {
  if (meta.path === null) return documents.newUntitled(meta.name);
  const opened = await documents.open(meta.path);
  if (!opened.ok) {
    // Deleted meanwhile: the unsaved text is all there is of it; saving creates the file again.
    if (opened.error.code === 'not-found') return documents.openDeleted(meta.path);
    const id = documents.newUntitled();
    const name = store.getState().documents[id]?.name ?? 'an untitled tab';
    store.getState().notify({
      severity: 'warning',
      message: `Quire could not reopen ${meta.path} (${opened.error.message}), so its unsaved changes are in ${name}.`,
    });
    return id;
  }
  const id = opened.value;
  if (sameDiskStamp(documents.diskStamp(id), meta.diskStamp)) return id;
  return (await askWhichToKeep(store, meta)) === 'keep' ? id : null;
}

/** The file changed on disk after its unsaved changes were backed up: never overwrite either silently. */
function askWhichToKeep(store: QuireStore, meta: BackupMeta): Promise<string> {
  return store.getState().askChoice({
    message: `${meta.name} changed on disk after Quire backed up your unsaved changes to it.`,
    detail:
      'Keep your unsaved changes (the tab shows them, and the file on disk stays as it is until you save), or use the file as it is on disk now and drop them.',
    items: meta.path === null ? [] : [meta.path],
    choices: [
      { id: 'keep', label: 'Keep my unsaved changes' },
      { id: 'disk', label: 'Use the file on disk' },
    ],
    defaultId: 'keep',
    // Escape must not drop anything.
    cancelId: 'keep',
  });
}

function unreadableNotification(unreadable: readonly UnreadableBackup[], sep: string): NotificationRequest {
  const folders = [...new Set(unreadable.map((kept) => dirName(kept.keptAt, sep)))];
  const what = unreadable.length === 1 ? 'A backup of unsaved changes' : `${unreadable.length} backups of unsaved changes`;
  return {
    key: 'hot-exit:unreadable',
    severity: 'warning',
    message: `${what} could not be read and ${unreadable.length === 1 ? 'was' : 'were'} not restored. ${unreadable.length === 1 ? 'It is' : 'They are'} kept in ${folders.join(', ')}.`,
    // The folder is named above: each file by its name there.
    detail: unreadable.map((kept) => `${baseName(kept.keptAt, sep)}: ${kept.reason}`),
  };
}
