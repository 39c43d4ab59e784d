import type { monaco as MonacoApi } from '../monaco/setup-monaco.js';
import type { DocumentState } from '../state/documents-slice.js';
import type { QuireStore } from '../state/store.js';
import type { LintService } from './lint-service.js';

type Monaco = typeof MonacoApi;
type TextModel = MonacoApi.editor.ITextModel;

/** Which document a model belongs to, by the model's URI; `dispose` stops the wiring. */
export interface OpenDocumentModels {
  documentIdOf(resource: string): string | undefined;
  dispose(): void;
}

interface Tracked {
  model: TextModel;
  path: string | null;
  detach: () => void;
}

/**
 * Attaches every open document's model to the lint service and tells it about saves, from
 * outside the workbench: it pairs models with documents and infers saves from the store.
 *
 * Pairing: the document service creates a document's model and adds the document to the store
 * right after, synchronously, so a document that appears belongs to the model created last.
 * Saves: a document turning clean outside a content change is a save (or a reload from disk,
 * which also makes the model equal the file); turning clean during one is an undo.
 */
export function lintOpenDocuments(monaco: Monaco, store: QuireStore, service: LintService): OpenDocumentModels {
  const tracked = new Map<string, Tracked>();
  let created: TextModel[] = [];
  let changing = false;
  // settings.json is JSON with comments, checked by Quire's own schema; a plugin's JSON linter
  // would call its comments errors.
  const attach = (model: TextModel, path: string | null) =>
    path !== null && path === store.getState().appInfo?.settingsFile ? () => undefined : service.attach(model, path);

  const onCreate = monaco.editor.onDidCreateModel((model) => {
    created.push(model);
    // Registered before the document service's own listener, so it runs before the store hears of the change.
    model.onDidChangeContent(() => {
      changing = true;
      queueMicrotask(() => {
        changing = false;
      });
    });
  });

  const sync = (documents: Record<string, DocumentState>, previous: Record<string, DocumentState>) => {
    for (const [id, entry] of tracked) {
      if (!documents[id]) {
        entry.detach();
        tracked.delete(id);
      }
    }
    for (const document of Object.values(documents)) {
      const entry = tracked.get(document.id);
      if (!entry) {
        const model = created.pop();
        created = [];
        if (model && !model.isDisposed()) {
          tracked.set(document.id, { model, path: document.path, detach: attach(model, document.path) });
        }
        continue;
      }
      if (entry.path !== document.path) {
        entry.detach();
        tracked.set(document.id, { model: entry.model, path: document.path, detach: attach(entry.model, document.path) });
      } else if (previous[document.id]?.dirty === true && !document.dirty && !changing) {
        service.saved(entry.model);
      }
    }
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.documents !== previous.documents) sync(state.documents, previous.documents);
  });

  return {
    documentIdOf: (resource) => {
      for (const [id, entry] of tracked) {
        if (entry.model.uri.toString() === resource) return id;
      }
      return undefined;
    },
    dispose: () => {
      unsubscribe();
      onCreate.dispose();
      for (const entry of tracked.values()) entry.detach();
      tracked.clear();
    },
  };
}
