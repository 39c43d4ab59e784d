import { describe, expect, it } from 'vitest';
import { chordFor, chordKeys, chordOf, chordOfPluginKeybinding, commandForKey, keybindings } from './keybindings.js';
import type { KeyPress } from './keybindings.js';

function press(key: string, modifiers: Partial<KeyPress> = {}): KeyPress {
  const code = /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : key;
  return { key, code, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...modifiers };
}

describe('commandForKey', () => {
  it('maps the file commands on Linux and Windows', () => {
    expect(commandForKey(press('s', { ctrlKey: true }), false)).toBe('file.save');
    expect(commandForKey(press('S', { ctrlKey: true, shiftKey: true }), false)).toBe('file.saveAs');
    expect(commandForKey(press('o', { ctrlKey: true }), false)).toBe('file.open');
    expect(commandForKey(press('n', { altKey: true }), false)).toBe('file.new');
    expect(commandForKey(press('w', { altKey: true }), false)).toBe('file.close');
    expect(commandForKey(press('P', { ctrlKey: true, shiftKey: true }), false)).toBe('workbench.commandPalette');
    expect(commandForKey(press('F1'), false)).toBe('workbench.commandPalette');
  });

  it('maps the side bar and Explorer keys, as in VS Code', () => {
    expect(commandForKey(press('b', { ctrlKey: true }), false)).toBe('workbench.toggleSideBar');
    expect(commandForKey(press('E', { ctrlKey: true, shiftKey: true }), false)).toBe('workbench.view.explorer');
    expect(commandForKey(press('r', { ctrlKey: true, altKey: true }), false)).toBe('explorer.revealActiveFile');
    expect(commandForKey(press('b', { metaKey: true }), true)).toBe('workbench.toggleSideBar');
  });

  it('uses Cmd as the main modifier on macOS', () => {
    expect(commandForKey(press('s', { metaKey: true }), true)).toBe('file.save');
    expect(commandForKey(press('s', { ctrlKey: true }), true)).toBeNull();
    expect(commandForKey(press('s', { metaKey: true }), false)).toBeNull();
  });

  it('finds the letter when Option turned it into a symbol', () => {
    expect(commandForKey({ ...press('˜', { altKey: true }), code: 'KeyN' }, true)).toBe('file.new');
  });

  it('follows the layout for letters (AZERTY A sits where QWERTY has Q)', () => {
    expect(chordOf({ ...press('a', { ctrlKey: true }), code: 'KeyQ' }, false)).toBe('Mod+A');
  });

  it('ignores unbound chords and bare modifiers', () => {
    expect(commandForKey(press('s'), false)).toBeNull();
    expect(commandForKey(press('s', { ctrlKey: true, altKey: true }), false)).toBeNull();
    expect(chordOf({ ...press('Control', { ctrlKey: true }), code: 'ControlLeft' }, false)).toBeNull();
  });
});

describe('keybinding table', () => {
  it('binds no chord twice', () => {
    const chords = keybindings.map((binding) => binding.chord);
    expect(new Set(chords).size).toBe(chords.length);
  });
});

describe('chordFor and chordKeys', () => {
  it('shows a chord the browser lets through', () => {
    expect(chordFor('file.new', true)).toBe('Alt+N');
    expect(chordFor('file.new', false)).toBe('Mod+N');
    expect(chordFor('editor.changeEol', false)).toBeNull();
  });

  it('writes chords the platform way', () => {
    expect(chordKeys('Mod+Shift+S', false)).toEqual(['Ctrl', 'Shift', 'S']);
    expect(chordKeys('Mod+Shift+S', true)).toEqual(['⇧', '⌘', 'S']);
    expect(chordKeys('F1', true)).toEqual(['F1']);
    expect(chordKeys('Mod+Shift+P', false)).toEqual(['Ctrl', 'Shift', 'P']);
    expect(chordKeys('Mod+Alt+Ctrl+X', true)).toEqual(['⌃', '⌥', '⌘', 'X']);
  });
});

describe('chordOfPluginKeybinding (the grammar the loader checks descriptors with)', () => {
  it('writes plugin keybindings as Quire chords, Ctrl and Meta as Mod', () => {
    expect(chordOfPluginKeybinding('F9')).toBe('F9');
    expect(chordOfPluginKeybinding('Shift+F9')).toBe('Shift+F9');
    expect(chordOfPluginKeybinding('Ctrl+Alt+S')).toBe('Mod+Alt+S');
    expect(chordOfPluginKeybinding('Shift+Ctrl+K')).toBe('Mod+Shift+K');
    expect(chordOfPluginKeybinding('Meta+K')).toBe('Mod+K');
    expect(chordOfPluginKeybinding('Alt+Enter')).toBe('Alt+Enter');
    expect(chordOfPluginKeybinding('Ctrl+Shift+/')).toBe('Mod+Shift+/');
    expect(chordOfPluginKeybinding('Alt+Up')).toBe('Alt+Up');
  });

  it('refuses what the loader refuses: other case, unknown modifiers and keys, repeats, no key', () => {
    for (const refused of ['ctrl+k', 'Ctrl+k', 'shift+f9', 'Hyper+K', 'Cmd+K', 'Ctrl+', 'Ctrl+Ctrl+K', 'ArrowUp', 'F25', '', ' Ctrl+K']) {
      expect(chordOfPluginKeybinding(refused), refused).toBeNull();
    }
  });

  it('matches the chord a key press spells', () => {
    const bound = (keybinding: string, key: string, code: string, modifiers: Partial<KeyPress>) =>
      chordOf({ ...press(key, modifiers), code }, false) === chordOfPluginKeybinding(keybinding);
    expect(bound('Ctrl+Alt+S', 's', 'KeyS', { ctrlKey: true, altKey: true })).toBe(true);
    expect(bound('Alt+Up', 'ArrowUp', 'ArrowUp', { altKey: true })).toBe(true);
    expect(bound('Ctrl+Space', ' ', 'Space', { ctrlKey: true })).toBe(true);
    expect(bound('Ctrl+Shift+/', '?', 'Slash', { ctrlKey: true, shiftKey: true })).toBe(true);
    expect(bound('Ctrl+Shift+1', '!', 'Digit1', { ctrlKey: true, shiftKey: true })).toBe(true);
    expect(bound('Alt+Escape', 'Escape', 'Escape', { altKey: true })).toBe(true);
    expect(bound('F9', 'F9', 'F9', {})).toBe(true);
  });
});
