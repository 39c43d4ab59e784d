import type { PluginStatus } from '../../../app/plugin-contract.js';
import { chordOfPluginKeybinding } from '../commands/keybindings.js';
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

/** Plugin ids compare by code unit, so the order is the same on every machine and locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
