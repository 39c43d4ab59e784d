/**
 * The grammar of a plugin's default keybinding (quire_command.keybinding in quire_plugin.h):
 * modifiers from Ctrl, Shift, Alt, Meta, each at most once, joined by '+', then one key from
 * the header's list; e.g. "Ctrl+Alt+S", "F9", "Shift+/". Case matters, as the header writes
 * them. The loader refuses a descriptor whose keybinding does not parse here, the contract's
 * descriptor schema checks it again, and the renderer turns what parses into a chord: one
 * grammar, so nothing the loader accepts is dropped later and nothing is guessed.
 */

export const KEYBINDING_MODIFIERS = ['Ctrl', 'Shift', 'Alt', 'Meta'] as const;
export type KeybindingModifier = (typeof KEYBINDING_MODIFIERS)[number];

const LETTERS = Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i));
const DIGITS = Array.from({ length: 10 }, (_, i) => String(i));
const FUNCTION_KEYS = Array.from({ length: 24 }, (_, i) => `F${i + 1}`);
/** Named keys, in the header's order. */
export const KEYBINDING_NAMED_KEYS = [
  'Enter',
  'Escape',
  'Tab',
  'Space',
  'Backspace',
  'Delete',
  'Insert',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Up',
  'Down',
  'Left',
  'Right',
] as const;
/** The punctuation keys of a US layout, unshifted. */
export const KEYBINDING_PUNCTUATION = ['`', '-', '=', '[', ']', '\\', ';', "'", ',', '.', '/'] as const;

/** Every key a keybinding may end with: A–Z, 0–9, F1–F24, the named keys and the punctuation. */
export const KEYBINDING_KEYS: readonly string[] = [...LETTERS, ...DIGITS, ...FUNCTION_KEYS, ...KEYBINDING_NAMED_KEYS, ...KEYBINDING_PUNCTUATION];
const KEY_SET: ReadonlySet<string> = new Set(KEYBINDING_KEYS);
const MODIFIER_SET: ReadonlySet<string> = new Set(KEYBINDING_MODIFIERS);

/** The longest keybinding the grammar allows: all four modifiers and the longest key. */
export const KEYBINDING_MAX_LENGTH =
  KEYBINDING_MODIFIERS.join('+').length + 1 + Math.max(...KEYBINDING_KEYS.map((key) => key.length));

export interface ParsedKeybinding {
  /** In the order written. */
  modifiers: KeybindingModifier[];
  /** One of KEYBINDING_KEYS. */
  key: string;
}

export type KeybindingParse = { ok: true; value: ParsedKeybinding } | { ok: false; problem: string };

const EXAMPLE = '(e.g. "Ctrl+Alt+S", "F9"; modifiers Ctrl, Shift, Alt, Meta)';

/** Parses `text` by the header's grammar; `problem` completes `"<text>" …` in a message. */
export function parseKeybinding(text: string): KeybindingParse {
  const refuse = (): KeybindingParse => ({ ok: false, problem: `"${text}" is not a keybinding Quire understands ${EXAMPLE}` });
  if (text.length === 0 || text.length > KEYBINDING_MAX_LENGTH) return refuse();
  const parts = text.split('+');
  const key = parts.pop() as string;
  if (!KEY_SET.has(key)) return refuse();
  const seen = new Set<string>();
  for (const part of parts) {
    if (!MODIFIER_SET.has(part) || seen.has(part)) return refuse();
    seen.add(part);
  }
  return { ok: true, value: { modifiers: parts as KeybindingModifier[], key } };
}

export function isKeybinding(text: string): boolean {
  return parseKeybinding(text).ok;
}
