import type { Chord } from '../commands/keybindings.js';
import type { PaletteEntry } from '../commands/palette-ranking.js';
import type { monaco } from '../monaco/setup-monaco.js';
import type { DocumentState } from '../state/documents-slice.js';
import type { ReadyPlugins } from '../state/ready-plugins.js';
import { resolvePluginKeys } from './keybinding-resolution.js';
import type { ResolvedPluginKeys } from './keybinding-resolution.js';
import { pluginCommandsOf } from './plugin-commands.js';
import type { PluginCommand } from './plugin-commands.js';
import type { PluginEditRunner } from './plugin-edit-runner.js';

export interface PluginCommandCenterDeps {
  runner: PluginEditRunner;
  /** Chords Quire's own commands use, with the command's title: they beat any plugin's. */
  builtInChords: ReadonlyMap<Chord, string>;
  editor(): monaco.editor.ICodeEditor | null;
  activeDocument(): DocumentState | null;
  /** Tells the user something (that a command needs an open document). */
  inform(message: string): void;
}

/**
 * The ready plugins' commands: what the palette lists, which chord runs which, and running one
 * on the active document. Derived from the ready plugins (`selectReadyPlugins`) each time they change.
 */
export class PluginCommandCenter {
  private source: ReadyPlugins | null = null;
  private commands: PluginCommand[] = [];
  private keys: ResolvedPluginKeys = { winners: new Map(), overriddenBy: new Map() };

  constructor(private readonly deps: PluginCommandCenterDeps) {}

  /** Palette rows for the plugins' commands. */
  entries(ready: ReadyPlugins): PaletteEntry[] {
    this.follow(ready);
    return this.commands.map((command) => ({
      key: command.key,
      title: command.title,
      pluginName: command.pluginName,
      chord: command.chord,
      overriddenBy: this.keys.overriddenBy.get(command.key) ?? null,
    }));
  }

  /** The plugin command `chord` runs, after clashes are settled. */
  commandForChord(ready: ReadyPlugins, chord: Chord): PluginCommand | null {
    this.follow(ready);
    return this.keys.winners.get(chord) ?? null;
  }

  find(ready: ReadyPlugins, key: string): PluginCommand | null {
    this.follow(ready);
    return this.commands.find((command) => command.key === key) ?? null;
  }

  /** Runs a plugin command on the document the editor shows; nothing without one. */
  async run(command: PluginCommand): Promise<void> {
    const editor = this.deps.editor();
    const document = this.deps.activeDocument();
    if (!editor || !document) {
      this.deps.inform(`${command.title} works on a document: open or create one first.`);
      return;
    }
    await this.deps.runner.runInEditor(
      { pluginId: command.pluginId, kind: 'command', handler: command.commandId, title: command.title },
      editor,
      document.languageId,
      document.path ?? '',
    );
  }

  private follow(ready: ReadyPlugins): void {
    if (ready === this.source) return;
    this.source = ready;
    this.commands = pluginCommandsOf(ready);
    this.keys = resolvePluginKeys(this.deps.builtInChords, this.commands);
  }
}
