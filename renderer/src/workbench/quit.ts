import type { QuireApi } from '../../../app/contract.js';
import type { QuireStore } from '../state/store.js';
import type { DocumentService } from './document-service.js';

/** Quits once unsaved changes are dealt with: saved, knowingly dropped, or the quit cancelled. */
export async function quitQuire(api: QuireApi, store: QuireStore, documents: DocumentService): Promise<void> {
  const dirty = documents.dirtyDocuments();
  if (dirty.length > 0) {
    const answer = await store.getState().askChoice({
      message:
        dirty.length === 1
          ? `Do you want to save the changes you made to ${dirty[0]?.name}?`
          : `Do you want to save the changes to the following ${dirty.length} files?`,
      detail: "Your changes will be lost if you don't save them.",
      items: dirty.map((document) => document.path ?? document.name),
      choices: [
        { id: 'save', label: 'Save All' },
        { id: 'discard', label: "Don't Save" },
        { id: 'cancel', label: 'Cancel' },
      ],
      defaultId: 'save',
      cancelId: 'cancel',
    });
    if (answer === 'cancel') return;
    if (answer === 'save') {
      for (const document of dirty) {
        // A failed or cancelled save stops the quit: its text must not be lost.
        if (!(await documents.save(document.id))) return;
      }
    }
  }
  const result = await api.request('app.quit', {});
  if (!result.ok) store.getState().notify({ severity: 'error', message: result.error.message });
}
