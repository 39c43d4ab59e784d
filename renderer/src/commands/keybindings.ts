import type { CommandId } from './command-ids.js';

/**
 * A key chord written as modifiers then key, e.g. `Mod+Shift+S`. `Mod` is Cmd on macOS and
 * Ctrl elsewhere; `Ctrl` is the real Control key on macOS.
 */
export type Chord = string;

export interface Keybinding {
  chord: Chord;
  command: CommandId;
  /** Browsers keep this chord for themselves (a page never sees Ctrl+N or Ctrl+W). */
  reservedByBrowsers?: boolean;
}

/** The one place keys map to commands. */
export const keybindings: readonly Keybinding[] = [
  { chord: 'Mod+N', command: 'file.new', reservedByBrowsers: true },
  { chord: 'Alt+N', command: 'file.new' },
  { chord: 'Mod+O', command: 'file.open' },
  { chord: 'Mod+S', command: 'file.save' },
  { chord: 'Mod+Shift+S', command: 'file.saveAs' },
  { chord: 'Mod+W', command: 'file.close', reservedByBrowsers: true },
  { chord: 'Alt+W', command: 'file.close' },
  { chord: 'Mod+F', command: 'editor.find' },
  { chord: 'Mod+Shift+P', command: 'workbench.commandPalette' },
  { chord: 'F1', command: 'workbench.commandPalette' },
  { chord: 'Alt+Shift+F', command: 'editor.formatDocument' },
];

/** What a keyboard event says about the key pressed; a DOM `KeyboardEvent` fits. */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The chord a key press spells, or null for a bare modifier. */
export function chordOf(press: KeyPress, isMac: boolean): Chord | null {
  const key = keyName(press);
  if (key === null) return null;
  const parts: string[] = [];
  if (isMac ? press.metaKey : press.ctrlKey) parts.push('Mod');
  if (isMac && press.ctrlKey) parts.push('Ctrl');
  if (press.altKey) parts.push('Alt');
  if (press.shiftKey) parts.push('Shift');
  parts.push(key);
  return parts.join('+');
}

/**
 * The key's name in a chord. A letter is taken from `key` so other keyboard layouts get the
 * letter printed on the key; when a modifier turned it into a symbol (Option+N on a Mac types
 * `˜`), the physical key from `code` is used instead.
 */
function keyName(press: KeyPress): string | null {
  if (/^[a-z]$/i.test(press.key)) return press.key.toUpperCase();
  if (/^F\d{1,2}$/.test(press.key)) return press.key;
  const letter = /^Key([A-Z])$/.exec(press.code);
  if (letter) return letter[1] ?? null;
  if (['Control', 'Meta', 'Alt', 'Shift', 'AltGraph', 'Dead', 'Unidentified'].includes(press.key)) return null;
  return press.key.length === 1 ? press.key.toUpperCase() : press.key;
}

export function commandForKey(press: KeyPress, isMac: boolean): CommandId | null {
  const chord = chordOf(press, isMac);
  if (chord === null) return null;
  return keybindings.find((binding) => binding.chord === chord)?.command ?? null;
}

/** The chord to show for a command: one the current edition actually receives. */
export function chordFor(command: CommandId, inBrowser: boolean): Chord | null {
  const usable = keybindings.filter(
    (binding) => binding.command === command && !(inBrowser && binding.reservedByBrowsers),
  );
  return usable[0]?.chord ?? null;
}

/** The keys of a chord as people read them: `['Ctrl', 'Shift', 'S']`, or `['⇧', '⌘', 'S']` on macOS. */
export function chordKeys(chord: Chord, isMac: boolean): string[] {
  const parts = chord.split('+');
  if (!isMac) return parts.map((part) => (part === 'Mod' ? 'Ctrl' : part));
  const symbols: Record<string, string> = { Mod: '⌘', Ctrl: '⌃', Alt: '⌥', Shift: '⇧' };
  // macOS lists modifiers in the order Control, Option, Shift, Command.
  const order = ['Ctrl', 'Alt', 'Shift', 'Mod'];
  const modifiers = parts.slice(0, -1).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return [...modifiers.map((part) => symbols[part] ?? part), parts[parts.length - 1] ?? ''];
}
