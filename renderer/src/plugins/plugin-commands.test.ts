import { describe, expect, it } from 'vitest';
import { pluginCommandsOf } from './plugin-commands.js';
import { commandPluginStatus as pluginStatus } from '../plugin-status/plugin-status-fixtures.test-support.js';
import { readyPluginsOf } from '../state/ready-plugins.js';

describe('pluginCommandsOf', () => {
  it('lists only ready plugins, in plugin id order', () => {
    const commands = pluginCommandsOf(readyPluginsOf([
      pluginStatus('b.tools', [{ id: 'one', title: 'One', keybinding: 'F9' }]),
      pluginStatus('a.tools', [{ id: 'two', title: 'Two', keybinding: null }]),
      pluginStatus('c.crashed', [{ id: 'three', title: 'Three', keybinding: null }], 'crashed'),
    ]));
    expect(commands.map((command) => command.key)).toEqual(['a.tools/two', 'b.tools/one']);
    expect(commands[1]).toMatchObject({ pluginId: 'b.tools', pluginName: 'Plugin b.tools', commandId: 'one', chord: 'F9' });
  });
});
