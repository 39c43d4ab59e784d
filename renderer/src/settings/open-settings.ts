import type { QuireApi } from '../../../app/contract.js';
import type { QuireStore } from '../state/store.js';
import type { DocumentService } from '../workbench/document-service.js';

/**
 * Preferences: Open Settings (JSON): settings.json in a tab, created as `{}` when there is none
 * yet. Saving the tab applies the settings: main watches the file.
 */
export async function openSettingsFile(api: QuireApi, store: QuireStore, documents: DocumentService): Promise<void> {
  const file = store.getState().appInfo?.settingsFile;
  if (!file) return;
  const opened = await documents.open(file);
  if (opened.ok) return;
  if (opened.error.code !== 'not-found') {
    store.getState().notify({ severity: 'error', message: opened.error.message });
    return;
  }
  const created = await api.request('file.write', { path: file, text: '{}\n', format: { bom: false, eol: 'LF' } });
  if (!created.ok) {
    store.getState().notify({ severity: 'error', message: `Quire could not create ${file}: ${created.error.message}` });
    return;
  }
  await documents.openAndReport(file);
}
