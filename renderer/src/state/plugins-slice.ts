import type { StateCreator } from 'zustand/vanilla';
import type { PluginFolderInfo, PluginStatus } from '../../../app/plugin-contract.js';
import type { QuireState } from './store.js';

/** Every plugin file main knows about, as main last reported it (plugins.list / plugins.changed). */
export interface PluginsSlice {
  plugins: PluginStatus[];
  pluginFolders: PluginFolderInfo[];
  setPlugins(plugins: PluginStatus[]): void;
  setPluginFolders(folders: PluginFolderInfo[]): void;
}

export const createPluginsSlice: StateCreator<QuireState, [], [], PluginsSlice> = (set) => ({
  plugins: [],
  pluginFolders: [],
  setPlugins: (plugins) => set({ plugins }),
  setPluginFolders: (pluginFolders) => set({ pluginFolders }),
});
