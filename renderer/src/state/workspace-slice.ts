import type { StateCreator } from 'zustand/vanilla';
import { defaultSettings, editorSettingsOf } from '../../../app/settings-schema.js';
import type { EditorSettings, SettingsProblem, WorkspaceInfo } from '../../../app/workspace-contract.js';
import type { QuireState } from './store.js';

/** The side bar's views, switched from its activity bar (Explorer: Ctrl+Shift+E, Search: Ctrl+Shift+F). */
export type SideBarView = 'explorer' | 'search';

/** Settings before main has answered: the documented defaults. */
export const DEFAULT_EDITOR_SETTINGS: EditorSettings = editorSettingsOf(defaultSettings());

/** The open folder, the side bar, and the settings as main last reported them. */
export interface WorkspaceSlice {
  /** Null until main has said which folder is open. */
  workspace: WorkspaceInfo | null;
  setWorkspace(workspace: WorkspaceInfo): void;
  sideBar: { visible: boolean; view: SideBarView };
  /** Ctrl+B: shows or hides the side bar. */
  toggleSideBar(): void;
  /** Shows the side bar on `view` (and the view's own focus is the view's business). */
  showSideBarView(view: SideBarView): void;
  settings: EditorSettings;
  settingsProblems: SettingsProblem[];
  setSettings(settings: EditorSettings, problems: SettingsProblem[]): void;
}

export const createWorkspaceSlice: StateCreator<QuireState, [], [], WorkspaceSlice> = (set) => ({
  workspace: null,
  setWorkspace: (workspace) => set({ workspace }),
  sideBar: { visible: true, view: 'explorer' },
  toggleSideBar: () => set((state) => ({ sideBar: { ...state.sideBar, visible: !state.sideBar.visible } })),
  showSideBarView: (view) => set({ sideBar: { visible: true, view } }),
  settings: DEFAULT_EDITOR_SETTINGS,
  settingsProblems: [],
  setSettings: (settings, settingsProblems) => set({ settings, settingsProblems }),
});
