import { describe, expect, it } from 'vitest';
import type { PluginStatus } from '../../../app/plugin-contract.js';
import { commandPluginStatus, pluginStatus } from '../plugin-status/plugin-status-fixtures.test-support.js';
import { readyPluginsOf, selectReadyPlugins, subscribeReadyPlugins } from './ready-plugins.js';
import type { ReadyPlugins } from './ready-plugins.js';
import { createQuireStore } from './store.js';

const sort = [{ id: 'sort', title: 'Sort Lines', keybinding: null }];

/** The same list as main sends it again: new objects throughout, as after JSON. */
function resent(plugins: PluginStatus[], change: (plugin: PluginStatus) => PluginStatus = (plugin) => plugin): PluginStatus[] {
  return (JSON.parse(JSON.stringify(plugins)) as PluginStatus[]).map(change);
}

describe('readyPluginsOf', () => {
  it('keeps only ready plugins with a descriptor, in plugin id order by code unit', () => {
    const ready = readyPluginsOf([
      commandPluginStatus('b.tools', sort),
      commandPluginStatus('a.tools', sort),
      commandPluginStatus('B.upper', sort),
      commandPluginStatus('c.crashed', sort, 'crashed'),
      commandPluginStatus('d.loading', sort, 'loading'),
      pluginStatus('/p/odd.so', 'ready', { descriptor: null }),
    ]);
    expect(ready.map((descriptor) => descriptor.id)).toEqual(['B.upper', 'a.tools', 'b.tools']);
  });
});

describe('selectReadyPlugins', () => {
  it('derives once per plugin list: the same list gives the same array', () => {
    const store = createQuireStore();
    store.getState().setPlugins([commandPluginStatus('a.tools', sort)]);
    const first = selectReadyPlugins(store.getState());
    expect(selectReadyPlugins(store.getState())).toBe(first);
    store.getState().notify({ severity: 'info', message: 'unrelated' });
    expect(selectReadyPlugins(store.getState())).toBe(first);
  });

  it('keeps each descriptor when main resends a list that changed only in stats and log', () => {
    const store = createQuireStore();
    const plugins = [commandPluginStatus('a.tools', sort), commandPluginStatus('b.tools', sort)];
    store.getState().setPlugins(plugins);
    const before = selectReadyPlugins(store.getState());
    store.getState().setPlugins(resent(plugins, (plugin) => ({ ...plugin, stats: { ...plugin.stats, calls: 7 } })));
    const after = selectReadyPlugins(store.getState());
    expect(after).not.toBe(before);
    expect(after).toHaveLength(2);
    after.forEach((descriptor, i) => expect(descriptor).toBe(before[i]));
    expect(store.getState().plugins[0]?.stats.calls).toBe(7);
  });

  it('gives a new descriptor when it changed, and drops a plugin that is no longer ready', () => {
    const store = createQuireStore();
    const plugins = [commandPluginStatus('a.tools', sort), commandPluginStatus('b.tools', sort)];
    store.getState().setPlugins(plugins);
    const before = selectReadyPlugins(store.getState());
    store.getState().setPlugins([
      commandPluginStatus('a.tools', [...sort, { id: 'upper', title: 'Uppercase', keybinding: null }]),
      commandPluginStatus('b.tools', sort, 'crashed'),
    ]);
    const after = selectReadyPlugins(store.getState());
    expect(after.map((descriptor) => descriptor.id)).toEqual(['a.tools']);
    expect(after[0]).not.toBe(before[0]);
    expect(after[0]?.commands.map((command) => command.title)).toEqual(['Sort Lines', 'Uppercase']);
  });
});

describe('subscribeReadyPlugins', () => {
  it('tells of a changed ready list, not of every plugin list', () => {
    const store = createQuireStore();
    const heard: ReadyPlugins[] = [];
    const unsubscribe = subscribeReadyPlugins(store, (ready) => heard.push(ready));
    const plugins = [commandPluginStatus('a.tools', sort, 'loading')];
    store.getState().setPlugins(plugins);
    expect(heard).toEqual([]);
    store.getState().setPlugins(resent(plugins, (plugin) => ({ ...plugin, state: 'ready' })));
    expect(heard.map((ready) => ready.map((descriptor) => descriptor.id))).toEqual([['a.tools']]);
    store.getState().setPlugins(resent(store.getState().plugins, (plugin) => ({ ...plugin, log: [{ at: 1, source: 'plugin', level: 'info', text: 'hi' }] })));
    expect(heard).toHaveLength(1);
    store.getState().setPlugins(resent(store.getState().plugins, (plugin) => ({ ...plugin, state: 'crashed' })));
    expect(heard.map((ready) => ready.length)).toEqual([1, 0]);
    unsubscribe();
    store.getState().setPlugins(resent(plugins, (plugin) => ({ ...plugin, state: 'ready' })));
    expect(heard).toHaveLength(2);
  });
});
