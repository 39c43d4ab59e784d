import type { QuireApi } from '../../../app/contract.js';
import type { QuireStore } from '../state/store.js';
import type { DocumentService } from './document-service.js';

/**
 * Brings the workbench up: learns about this Quire, reopens the last session's files (those
 * that cannot be opened any more are named once, not one error each), then opens the files
 * given on the command line. Returns false when Quire could not even describe itself.
 */
export async function restoreWorkbench(api: QuireApi, store: QuireStore, documents: DocumentService): Promise<boolean> {
  const info = await api.request('app.info', {});
  if (!info.ok) {
    store.getState().notify({ severity: 'error', message: `Quire could not start: ${info.error.message}` });
    return false;
  }
  store.getState().setAppInfo(info.value);

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

  for (const path of info.value.initialFiles) await documents.openAndReport(path);
  return true;
}
