import { KEYBINDING_KEYS, parseKeybinding } from '../../../app/keybinding-grammar.js';
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
  { chord: 'Mod+P', command: 'workbench.quickOpen' },
  { chord: 'Mod+Shift+F', command: 'workbench.findInFiles' },
  { chord: 'Alt+Shift+F', command: 'editor.formatDocument' },
  { chord: 'Mod+,', command: 'workbench.openSettings' },
  { chord: 'Mod+B', command: 'workbench.toggleSideBar' },
  { chord: 'Mod+Shift+E', command: 'workbench.view.explorer' },
  { chord: 'Mod+Alt+R', command: 'explorer.revealActiveFile' },
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

const GRAMMAR_KEYS: ReadonlySet<string> = new Set(KEYBINDING_KEYS);
/** DOM `key` values whose name in a chord is the grammar's (app/keybinding-grammar.ts). */
const DOM_KEY_NAMES: Record<string, string> = {
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  ' ': 'Space',
  Spacebar: 'Space',
  Esc: 'Escape',
  Del: 'Delete',
};
/** Physical keys (DOM `code`) of the grammar's digits and punctuation, for when Shift changed `key`. */
const CODE_KEY_NAMES: Record<string, string> = {
  Backquote: '`',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Slash: '/',
};

/**
 * The key's name in a chord: the name the keybinding grammar gives it (`Up`, `Space`, `/`), so
 * a plugin's "Alt+Up" matches the key press. A letter is taken from `key` so other keyboard
 * layouts get the letter printed on the key; when a modifier turned it into a symbol
 * (Option+N on a Mac types `˜`, Shift+1 types `!`), the physical key from `code` is used.
 */
function keyName(press: KeyPress): string | null {
  if (/^[a-z]$/i.test(press.key)) return press.key.toUpperCase();
  if (/^F\d{1,2}$/.test(press.key)) return press.key;
  const named = DOM_KEY_NAMES[press.key];
  if (named !== undefined) return named;
  if (GRAMMAR_KEYS.has(press.key)) return press.key;
  const letter = /^Key([A-Z])$/.exec(press.code);
  if (letter) return letter[1] ?? null;
  const digit = /^Digit([0-9])$/.exec(press.code);
  if (digit) return digit[1] ?? null;
  const punctuation = CODE_KEY_NAMES[press.code];
  if (punctuation !== undefined) return punctuation;
  if (['Control', 'Meta', 'Alt', 'Shift', 'AltGraph', 'Dead', 'Unidentified'].includes(press.key)) return null;
  return press.key.length === 1 ? press.key.toUpperCase() : press.key;
}

const CHORD_MODIFIER_ORDER = ['Mod', 'Ctrl', 'Alt', 'Shift'] as const;
const CHORD_MODIFIER: Record<string, (typeof CHORD_MODIFIER_ORDER)[number]> = { Ctrl: 'Mod', Meta: 'Mod', Alt: 'Alt', Shift: 'Shift' };

/**
 * A plugin's keybinding ("Ctrl+Alt+S", "Shift+F9") as a Quire chord, parsed by the same
 * grammar the loader checked it with (app/keybinding-grammar.ts). As in VS Code, a plugin's
 * Ctrl means Cmd on macOS (`Mod`), so one binding suits every platform; Meta means the same.
 * Null for anything the grammar refuses (the loader has refused such a plugin already).
 */
export function chordOfPluginKeybinding(keybinding: string): Chord | null {
  const parsed = parseKeybinding(keybinding);
  if (!parsed.ok) return null;
  const modifiers = new Set(parsed.value.modifiers.map((modifier) => CHORD_MODIFIER[modifier]));
  return [...CHORD_MODIFIER_ORDER.filter((modifier) => modifiers.has(modifier)), parsed.value.key].join('+');
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
