import type { QuireApi } from '../../../app/contract.js';
import type { QuireStore } from '../state/store.js';
import type { DocumentService } from './document-service.js';

/**
 * Brings the workbench up: learns about this Quire and its open folder, reopens the last
 * session's files (those that cannot be opened any more are named once, not one error each),
 * brings back the unsaved changes kept by hot exit (`restoreUnsaved`), then opens the files
 * given on the command line. Returns false when Quire could not even describe itself.
 */
export async function restoreWorkbench(
  api: QuireApi,
  store: QuireStore,
  documents: DocumentService,
  restoreUnsaved: () => Promise<void>,
): Promise<boolean> {
  const info = await api.request('app.info', {});
  if (!info.ok) {
    store.getState().notify({ severity: 'error', message: `Quire could not start: ${info.error.message}` });
    return false;
  }
  store.getState().setAppInfo(info.value);

  // The folder first: the Explorer shows it while the last session's files reopen.
  const workspace = await api.request('workspace.get', {});
  if (workspace.ok) store.getState().setWorkspace(workspace.value);
  else store.getState().notify({ severity: 'warning', message: `Quire could not tell which folder is open: ${workspace.error.message}` });

  const session = await api.request('session.get', {});
  if (session.ok) {
    const missing: string[] = [];
    for (const path of session.value.openFiles) {
      if (!(await documents.open(path)).ok) missing.push(path);
    }
    const active = session.value.activeFile === null ? undefined : documents.findByPath(session.value.activeFile);
    if (active) store.getState().activateDocument(active.id);
    if (missing.length > 0) {
      const files = missing.length === 1 ? 'a file' : `${missing.length} files`;
      store.getState().notify({
        severity: 'warning',
        message: `Could not reopen ${files} from the last session: ${missing.join(', ')}`,
      });
    }
  } else {
    store.getState().notify({
      severity: 'warning',
      message: `Could not restore the last session: ${session.error.message}`,
    });
  }

  await restoreUnsaved();
  for (const path of info.value.initialFiles) await documents.openAndReport(path);
  return true;
}
