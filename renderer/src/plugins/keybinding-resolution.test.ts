import { describe, expect, it } from 'vitest';
import { resolvePluginKeys } from './keybinding-resolution.js';
import { pluginCommandsOf } from './plugin-commands.js';
import { commandPluginStatus as pluginStatus } from '../plugin-status/plugin-status-fixtures.test-support.js';
import { readyPluginsOf } from '../state/ready-plugins.js';

describe('resolvePluginKeys', () => {
  const builtIn = new Map([['Mod+S', 'File: Save']]);

  it('gives a chord to the plugin whose id sorts first, whatever the list order', () => {
    const commands = pluginCommandsOf(readyPluginsOf([
      pluginStatus('z.plugin', [{ id: 'late', title: 'Late', keybinding: 'F9' }]),
      pluginStatus('a.plugin', [{ id: 'early', title: 'Early', keybinding: 'F9' }]),
    ]));
    const keys = resolvePluginKeys(builtIn, commands);
    expect(keys.winners.get('F9')?.key).toBe('a.plugin/early');
    expect(keys.overriddenBy.get('z.plugin/late')).toBe('Early (Plugin a.plugin)');
    expect(keys.overriddenBy.has('a.plugin/early')).toBe(false);
  });

  it('never lets a plugin take a built-in chord', () => {
    const commands = pluginCommandsOf(readyPluginsOf([pluginStatus('a.plugin', [{ id: 'save', title: 'My Save', keybinding: 'Ctrl+S' }])]));
    const keys = resolvePluginKeys(builtIn, commands);
    expect(keys.winners.has('Mod+S')).toBe(false);
    expect(keys.overriddenBy.get('a.plugin/save')).toBe('File: Save');
  });

  it('leaves unbound commands out', () => {
    const commands = pluginCommandsOf(readyPluginsOf([pluginStatus('a.plugin', [{ id: 'x', title: 'X', keybinding: null }])]));
    const keys = resolvePluginKeys(builtIn, commands);
    expect(keys.winners.size).toBe(0);
    expect(keys.overriddenBy.size).toBe(0);
  });
});
