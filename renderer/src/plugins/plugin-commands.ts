import type { PluginStatus } from '../../../app/plugin-contract.js';
import type { Chord } from '../commands/keybindings.js';

/** A command of a ready plugin, as the palette and the key handler know it. */
export interface PluginCommand {
  /** `pluginId/commandId`: unique across plugins, stable across reloads (the recent list keeps it). */
  key: string;
  pluginId: string;
  pluginName: string;
  commandId: string;
  title: string;
  /** The plugin's default keybinding as a Quire chord; null when it has none or it cannot be read. */
  chord: Chord | null;
}

export function pluginCommandKey(pluginId: string, commandId: string): string {
  return `${pluginId}/${commandId}`;
}

/** Every command of every ready plugin, in plugin id order. */
export function pluginCommandsOf(plugins: readonly PluginStatus[]): PluginCommand[] {
  return plugins
    .filter((plugin) => plugin.state === 'ready' && plugin.descriptor !== null)
    .flatMap((plugin) => {
      const descriptor = plugin.descriptor;
      if (!descriptor) return [];
      return descriptor.commands.map((command) => ({
        key: pluginCommandKey(descriptor.id, command.id),
        pluginId: descriptor.id,
        pluginName: descriptor.name,
        commandId: command.id,
        title: command.title,
        chord: command.keybinding === null ? null : chordOfPluginKeybinding(command.keybinding),
      }));
    })
    .sort((a, b) => compareIds(a.pluginId, b.pluginId));
}

const MODIFIER_ORDER = ['Mod', 'Ctrl', 'Alt', 'Shift'] as const;

/**
 * A plugin's keybinding ("Ctrl+Alt+S", "shift+f9") as a Quire chord. As in VS Code, a
 * plugin's Ctrl means Cmd on macOS (`Mod`), so one binding suits every platform. Null when it
 * names an unknown modifier or no key.
 */
export function chordOfPluginKeybinding(keybinding: string): Chord | null {
  const parts = keybinding.split('+').map((part) => part.trim());
  const rawKey = parts.pop() ?? '';
  const modifiers = new Set<string>();
  for (const part of parts) {
    const modifier = modifierName(part.toLowerCase());
    if (modifier === null) return null;
    modifiers.add(modifier);
  }
  const key = keyName(rawKey);
  if (key === null) return null;
  return [...MODIFIER_ORDER.filter((modifier) => modifiers.has(modifier)), key].join('+');
}

function modifierName(part: string): (typeof MODIFIER_ORDER)[number] | null {
  if (['ctrl', 'control', 'cmd', 'command', 'meta', 'mod', 'cmdorctrl'].includes(part)) return 'Mod';
  if (['alt', 'option', 'opt'].includes(part)) return 'Alt';
  if (part === 'shift') return 'Shift';
  return null;
}

function keyName(key: string): string | null {
  if (key === '') return null;
  if (/^f\d{1,2}$/i.test(key)) return key.toUpperCase();
  if (key.length === 1) return key.toUpperCase();
  return key[0]?.toUpperCase() + key.slice(1).toLowerCase();
}

/** Plugin ids compare by code unit, so the order is the same on every machine and locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
