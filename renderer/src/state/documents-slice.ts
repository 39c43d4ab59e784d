import type { StateCreator } from 'zustand/vanilla';
import type { Eol } from '../../../app/contract.js';
import type { QuireState } from './store.js';

/** What the UI shows about one open document. Its text lives in a Monaco model, not here. */
export interface DocumentState {
  id: string;
  /** Absolute path on disk; null while untitled. */
  path: string | null;
  /** File name, or `Untitled-N`. */
  name: string;
  dirty: boolean;
  /** The file vanished from disk while open; saving recreates it. */
  deletedOnDisk: boolean;
  languageId: string;
  eol: Eol;
  bom: boolean;
}

export interface DocumentsSlice {
  documents: Record<string, DocumentState>;
  /** Document ids in tab order. */
  tabOrder: string[];
  activeId: string | null;
  /** Document ids, most recently active first: where focus goes when a tab closes. */
  recentIds: string[];
  addDocument(document: DocumentState): void;
  updateDocument(id: string, patch: Partial<Omit<DocumentState, 'id'>>): void;
  removeDocument(id: string): void;
  activateDocument(id: string): void;
  moveTab(id: string, toIndex: number): void;
}

export const createDocumentsSlice: StateCreator<QuireState, [], [], DocumentsSlice> = (set) => ({
  documents: {},
  tabOrder: [],
  activeId: null,
  recentIds: [],
  addDocument: (document) =>
    set((state) => ({
      documents: { ...state.documents, [document.id]: document },
      tabOrder: [...state.tabOrder, document.id],
      activeId: document.id,
      recentIds: [document.id, ...state.recentIds],
    })),
  updateDocument: (id, patch) =>
    set((state) => {
      const current = state.documents[id];
      if (!current) return {};
      return { documents: { ...state.documents, [id]: { ...current, ...patch } } };
    }),
  removeDocument: (id) =>
    set((state) => {
      if (!state.documents[id]) return {};
      const { [id]: _removed, ...documents } = state.documents;
      const recentIds = state.recentIds.filter((candidate) => candidate !== id);
      const activeId = state.activeId === id ? (recentIds[0] ?? null) : state.activeId;
      return { documents, tabOrder: state.tabOrder.filter((candidate) => candidate !== id), activeId, recentIds };
    }),
  activateDocument: (id) =>
    set((state) => {
      if (!state.documents[id] || state.activeId === id) return {};
      return { activeId: id, recentIds: [id, ...state.recentIds.filter((candidate) => candidate !== id)] };
    }),
  moveTab: (id, toIndex) =>
    set((state) => {
      if (!state.tabOrder.includes(id)) return {};
      const rest = state.tabOrder.filter((candidate) => candidate !== id);
      const index = Math.max(0, Math.min(rest.length, toIndex));
      return { tabOrder: [...rest.slice(0, index), id, ...rest.slice(index)] };
    }),
});

/** The documents in tab order. */
export function documentsInTabOrder(state: Pick<DocumentsSlice, 'documents' | 'tabOrder'>): DocumentState[] {
  return state.tabOrder.flatMap((id) => {
    const document = state.documents[id];
    return document ? [document] : [];
  });
}

/** The lowest `Untitled-N` name no open document uses, as VS Code numbers them. */
export function nextUntitledName(documents: readonly Pick<DocumentState, 'path' | 'name'>[]): string {
  const used = new Set(documents.filter((document) => document.path === null).map((document) => document.name));
  let n = 1;
  while (used.has(`Untitled-${n}`)) n++;
  return `Untitled-${n}`;
}
