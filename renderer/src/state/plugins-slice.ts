import type { StateCreator } from 'zustand/vanilla';
import type { PluginDescriptor, PluginFolderInfo, PluginStatus } from '../../../app/plugin-contract.js';
import type { QuireState } from './store.js';

/** Every plugin file main knows about, as main last reported it (plugins.list / plugins.changed). */
export interface PluginsSlice {
  plugins: PluginStatus[];
  pluginFolders: PluginFolderInfo[];
  /** Quire started with --disable-plugins: no plugin loads until the user enables it. */
  pluginsSafeMode: boolean;
  setPlugins(plugins: PluginStatus[]): void;
  setPluginFolders(folders: PluginFolderInfo[], safeMode: boolean): void;
}

export const createPluginsSlice: StateCreator<QuireState, [], [], PluginsSlice> = (set, get) => ({
  plugins: [],
  pluginFolders: [],
  pluginsSafeMode: false,
  setPlugins: (plugins) => set({ plugins: keepUnchangedDescriptors(get().plugins, plugins) }),
  setPluginFolders: (pluginFolders, pluginsSafeMode) => set({ pluginFolders, pluginsSafeMode }),
});

/**
 * Main sends the whole list on every change, accounting included (so after every plugin call).
 * A file whose descriptor did not change keeps the descriptor object it had, so what is derived
 * from descriptors (the ready plugins: state/ready-plugins.ts) stays the same object too.
 */
export function keepUnchangedDescriptors(previous: readonly PluginStatus[], next: PluginStatus[]): PluginStatus[] {
  const before = new Map<string, PluginDescriptor>();
  for (const plugin of previous) if (plugin.descriptor !== null) before.set(plugin.path, plugin.descriptor);
  return next.map((plugin) => {
    const kept = plugin.descriptor === null ? undefined : before.get(plugin.path);
    return kept !== undefined && kept !== plugin.descriptor && sameDescriptor(kept, plugin.descriptor) ? { ...plugin, descriptor: kept } : plugin;
  });
}

/** Descriptors are plain data from one JSON encoder, so equal ones serialize alike. */
function sameDescriptor(a: PluginDescriptor, b: PluginDescriptor | null): boolean {
  return b !== null && JSON.stringify(a) === JSON.stringify(b);
}
