import type { Chord } from '../commands/keybindings.js';
import type { PluginCommand } from './plugin-commands.js';

/** Who owns each plugin chord once clashes are settled. */
export interface ResolvedPluginKeys {
  /** Chord → the plugin command it runs. */
  winners: Map<Chord, PluginCommand>;
  /** Plugin command key → what took its chord: a built-in command's title, or a plugin command's title and plugin. */
  overriddenBy: Map<string, string>;
}

/**
 * Settles which plugin command a chord runs: Quire's built-in bindings always win; between
 * plugins, the command of the plugin whose id sorts first wins (then the first it declares).
 * The losers keep their chord, shown struck through in the palette.
 */
export function resolvePluginKeys(
  builtIn: ReadonlyMap<Chord, string>,
  commands: readonly PluginCommand[],
): ResolvedPluginKeys {
  const winners = new Map<Chord, PluginCommand>();
  const overriddenBy = new Map<string, string>();
  const ordered = [...commands].sort((a, b) => (a.pluginId < b.pluginId ? -1 : a.pluginId > b.pluginId ? 1 : 0));
  for (const command of ordered) {
    if (command.chord === null) continue;
    const builtInTitle = builtIn.get(command.chord);
    const earlier = winners.get(command.chord);
    if (builtInTitle !== undefined) overriddenBy.set(command.key, builtInTitle);
    else if (earlier) overriddenBy.set(command.key, `${earlier.title} (${earlier.pluginName})`);
    else winners.set(command.chord, command);
  }
  return { winners, overriddenBy };
}
