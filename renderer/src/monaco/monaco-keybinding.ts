import type { Chord } from '../commands/keybindings.js';
import { monaco } from './setup-monaco.js';

const modifiers: Record<string, number> = {
  Mod: monaco.KeyMod.CtrlCmd,
  Ctrl: monaco.KeyMod.WinCtrl,
  Alt: monaco.KeyMod.Alt,
  Shift: monaco.KeyMod.Shift,
};

/** A chord as Monaco encodes keybindings (so its palette shows the key next to a command). */
export function toMonacoKeybinding(chord: Chord): number | null {
  const parts = chord.split('+');
  const key = parts.pop() ?? '';
  const keyCodeName = /^[A-Z]$/.test(key) ? `Key${key}` : key;
  const keyCode = monaco.KeyCode[keyCodeName as keyof typeof monaco.KeyCode];
  if (keyCode === undefined) return null;
  let binding: number = keyCode;
  for (const part of parts) {
    const modifier = modifiers[part];
    if (modifier === undefined) return null;
    binding |= modifier;
  }
  return binding;
}
