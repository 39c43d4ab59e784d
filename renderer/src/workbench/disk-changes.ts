import type { EventPayload } from '../../../app/contract.js';
import type { QuireStore } from '../state/store.js';
import { diskChangeKey } from './document-service.js';
import type { DocumentService } from './document-service.js';

/**
 * Reacts to an open file changing on disk: a clean document follows the disk (undoably), a
 * dirty one asks first, and a deleted file keeps its text and turns dirty so saving recreates it.
 */
export async function handleDiskChange(
  change: EventPayload<'file.changed'>,
  documents: DocumentService,
  store: QuireStore,
): Promise<void> {
  const document = documents.findByPath(change.path);
  if (!document) return;
  if (change.kind === 'deleted') {
    documents.markDeletedOnDisk(document.id, true);
    return;
  }
  if (document.deletedOnDisk) documents.markDeletedOnDisk(document.id, false);
  const current = store.getState().documents[document.id];
  if (!current) return;
  if (!current.dirty) {
    await documents.reload(document.id);
    return;
  }
  store.getState().notify({
    severity: 'warning',
    message: `${current.name} changed on disk.`,
    key: diskChangeKey(change.path),
    actions: [
      { label: 'Reload', run: () => void documents.reload(document.id) },
      // Keeping needs no action: the prompt goes away and the next save overwrites the disk.
      { label: 'Keep my version', run: () => {} },
    ],
  });
}
