import { describe, expect, it } from 'vitest';
import { KEYBINDING_KEYS, KEYBINDING_MAX_LENGTH, parseKeybinding } from './keybinding-grammar.js';

describe('the keybinding grammar of quire_plugin.h', () => {
  it('accepts modifiers joined by "+" and then one key, in any modifier order', () => {
    expect(parseKeybinding('Ctrl+Alt+S')).toEqual({ ok: true, value: { modifiers: ['Ctrl', 'Alt'], key: 'S' } });
    expect(parseKeybinding('Shift+Meta+Ctrl+Alt+Backspace')).toMatchObject({ ok: true, value: { key: 'Backspace' } });
    expect(parseKeybinding('F9')).toEqual({ ok: true, value: { modifiers: [], key: 'F9' } });
  });

  it('knows every key the header lists', () => {
    const listed = [
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
      ...Array.from({ length: 24 }, (_, i) => `F${i + 1}`),
      ...['Enter', 'Escape', 'Tab', 'Space', 'Backspace', 'Delete', 'Insert', 'Home', 'End', 'PageUp', 'PageDown', 'Up', 'Down', 'Left', 'Right'],
      ...'`-=[]\\;\',./',
    ];
    expect([...KEYBINDING_KEYS].sort()).toEqual([...listed].sort());
    for (const key of listed) expect(parseKeybinding(`Ctrl+${key}`).ok, key).toBe(true);
  });

  it('refuses other case, unknown names, repeated modifiers, a missing key and spaces', () => {
    for (const text of ['', 'ctrl+S', 'Ctrl+s', 'Control+S', 'Cmd+S', 'Ctrl+Ctrl+S', 'Ctrl+', '+S', 'Ctrl++', 'F0', 'F25', 'ArrowUp', 'Ctrl + S', 'S+Ctrl']) {
      const parsed = parseKeybinding(text);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.problem).toContain(`"${text}" is not a keybinding Quire understands`);
    }
  });

  it('bounds the length by the longest keybinding it accepts', () => {
    expect(KEYBINDING_MAX_LENGTH).toBe('Ctrl+Shift+Alt+Meta+Backspace'.length);
    expect(parseKeybinding(`${'Ctrl+'.repeat(1000)}S`).ok).toBe(false);
  });
});
