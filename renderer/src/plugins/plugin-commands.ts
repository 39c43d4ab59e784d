import { chordOfPluginKeybinding } from '../commands/keybindings.js';
import type { Chord } from '../commands/keybindings.js';
import type { ReadyPlugins } from '../state/ready-plugins.js';

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

/** Every command of the ready plugins, in plugin id order (the order `selectReadyPlugins` gives). */
export function pluginCommandsOf(ready: ReadyPlugins): PluginCommand[] {
  return ready.flatMap((descriptor) =>
    descriptor.commands.map((command) => ({
      key: pluginCommandKey(descriptor.id, command.id),
      pluginId: descriptor.id,
      pluginName: descriptor.name,
      commandId: command.id,
      title: command.title,
      chord: command.keybinding === null ? null : chordOfPluginKeybinding(command.keybinding),
    })),
  );
}
