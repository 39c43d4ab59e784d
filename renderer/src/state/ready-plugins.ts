import { shallow } from 'zustand/shallow';
import { inPluginIdOrder } from '../../../app/plugin-choice.js';
import type { PluginDescriptor, PluginStatus } from '../../../app/plugin-contract.js';
import type { QuireState, QuireStore } from './store.js';

/**
 * The plugins that may be called now, by what they contribute: the descriptors of the plugin
 * files in state `ready`, in plugin id order (by code unit, the same on every machine and
 * locale). Commands, formats and linters are all derived from this one list.
 */
export type ReadyPlugins = readonly PluginDescriptor[];

/** The derivation itself, for a list that is not in a store (tests). */
export function readyPluginsOf(plugins: readonly PluginStatus[]): ReadyPlugins {
  return inPluginIdOrder(plugins.flatMap((plugin) => (plugin.state === 'ready' && plugin.descriptor !== null ? [plugin.descriptor] : [])));
}

const derived = new WeakMap<readonly PluginStatus[], ReadyPlugins>();

/**
 * The store's ready plugins. Derived once per plugin list: every caller given the same list gets
 * the same array. A list that changed only in what does not make a plugin callable (its stats,
 * its log) yields an array with the same descriptors (the plugins slice keeps an unchanged
 * descriptor's identity), so `shallow` — `useShallow` in components, `subscribeReadyPlugins`
 * elsewhere — sees no change.
 */
export function selectReadyPlugins(state: Pick<QuireState, 'plugins'>): ReadyPlugins {
  let ready = derived.get(state.plugins);
  if (ready === undefined) {
    ready = readyPluginsOf(state.plugins);
    derived.set(state.plugins, ready);
  }
  return ready;
}

/** Calls `listener` whenever the ready plugins change (not on every plugin list); returns the unsubscribe. */
export function subscribeReadyPlugins(store: QuireStore, listener: (ready: ReadyPlugins) => void): () => void {
  return store.subscribe((state, previous) => {
    if (state.plugins === previous.plugins) return;
    const ready = selectReadyPlugins(state);
    if (!shallow(ready, selectReadyPlugins(previous))) listener(ready);
  });
}
