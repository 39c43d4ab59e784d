import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { createDocumentsSlice } from './documents-slice.js';
import type { DocumentsSlice } from './documents-slice.js';
import { createPluginsSlice } from './plugins-slice.js';
import type { PluginsSlice } from './plugins-slice.js';
import { createStatusSlice } from './status-slice.js';
import type { StatusSlice } from './status-slice.js';
import { createUiSlice } from './ui-slice.js';
import type { UiSlice } from './ui-slice.js';
import { createWorkspaceSlice } from './workspace-slice.js';
import type { WorkspaceSlice } from './workspace-slice.js';

export type QuireState = DocumentsSlice & UiSlice & StatusSlice & PluginsSlice & WorkspaceSlice;
export type QuireStore = StoreApi<QuireState>;

/** The renderer's one store. Vanilla, so services outside React read and change it too. */
export function createQuireStore(): QuireStore {
  return createStore<QuireState>()((...args) => ({
    ...createDocumentsSlice(...args),
    ...createUiSlice(...args),
    ...createStatusSlice(...args),
    ...createPluginsSlice(...args),
    ...createWorkspaceSlice(...args),
  }));
}

