import { describe, expect, it } from 'vitest';
import { chordOfPluginKeybinding, pluginCommandsOf } from './plugin-commands.js';
import { pluginStatus } from './plugin-status-for-tests.js';

describe('chordOfPluginKeybinding', () => {
  it('writes plugin keybindings as Quire chords', () => {
    expect(chordOfPluginKeybinding('F9')).toBe('F9');
    expect(chordOfPluginKeybinding('Shift+F9')).toBe('Shift+F9');
    expect(chordOfPluginKeybinding('Ctrl+Alt+s')).toBe('Mod+Alt+S');
    expect(chordOfPluginKeybinding('shift+ctrl+k')).toBe('Mod+Shift+K');
    expect(chordOfPluginKeybinding('Alt+enter')).toBe('Alt+Enter');
  });

  it('refuses unknown modifiers and a missing key', () => {
    expect(chordOfPluginKeybinding('Hyper+K')).toBeNull();
    expect(chordOfPluginKeybinding('Ctrl+')).toBeNull();
  });
});

describe('pluginCommandsOf', () => {
  it('lists only ready plugins, in plugin id order', () => {
    const commands = pluginCommandsOf([
      pluginStatus('b.tools', [{ id: 'one', title: 'One', keybinding: 'F9' }]),
      pluginStatus('a.tools', [{ id: 'two', title: 'Two', keybinding: null }]),
      pluginStatus('c.crashed', [{ id: 'three', title: 'Three', keybinding: null }], 'crashed'),
    ]);
    expect(commands.map((command) => command.key)).toEqual(['a.tools/two', 'b.tools/one']);
    expect(commands[1]).toMatchObject({ pluginId: 'b.tools', pluginName: 'Plugin b.tools', commandId: 'one', chord: 'F9' });
  });
});
