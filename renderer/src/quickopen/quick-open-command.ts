import type { QuireStore } from '../state/store.js';
import type { DocumentService } from '../workbench/document-service.js';

/** Go to File… (Ctrl+P): asks for a workspace file by name and opens it. */
export async function quickOpenFile(store: QuireStore, documents: DocumentService): Promise<void> {
  const path = await store.getState().askQuickInput({ kind: 'file' });
  if (path !== null) await documents.openAndReport(path);
}
