import { pluginFormatsOf, type PluginFormat } from '../../../app/plugin-choice.js';
import { languageForFileName, PLAIN_TEXT } from '../monaco/languages.js';
import { monaco } from '../monaco/setup-monaco.js';
import { selectReadyPlugins, subscribeReadyPlugins } from '../state/ready-plugins.js';
import type { ReadyPlugins } from '../state/ready-plugins.js';
import type { QuireStore } from '../state/store.js';

export interface PluginFormatsDeps {
  store: QuireStore;
  /** Sets an open document's language (what the status bar and the highlighting follow). */
  setLanguage(documentId: string, languageId: string): void;
}

/**
 * Keeps Monaco's languages in step with the plugins' formats: a format becomes a language with
 * its Monarch grammar while its plugin is ready; open files it matches switch to it, and files
 * using it fall back to plain text when its plugin goes away. Monaco cannot forget a language,
 * so a departed format stays in its list but is no longer picked for files.
 */
export class PluginFormats {
  private active = new Map<string, PluginFormat>();
  private readonly grammars = new Map<string, monaco.IDisposable>();
  private readonly registered = new Set<string>();
  /** Formats whose grammar failed, as they were: reported once, not on every plugin list update. */
  private readonly broken = new Map<string, string>();

  constructor(private readonly deps: PluginFormatsDeps) {}

  /** Follows the store's ready plugins and documents from now on. */
  start(): void {
    const { store } = this.deps;
    this.sync(selectReadyPlugins(store.getState()));
    subscribeReadyPlugins(store, (ready) => this.sync(ready));
    store.subscribe((state, previous) => {
      if (state.documents !== previous.documents) this.dropDeparted();
    });
  }

  /** The ready format `languageId` stands for, if a plugin provides it. */
  format(languageId: string): PluginFormat | null {
    return this.active.get(languageId) ?? null;
  }

  private sync(ready: ReadyPlugins): void {
    const next = new Map<string, PluginFormat>();
    for (const [id, format] of pluginFormatsOf(ready)) {
      const current = this.active.get(id);
      if (current && sameContribution(current, format)) next.set(id, current);
      else if (this.broken.get(id) !== JSON.stringify(format) && this.install(format)) next.set(id, format);
    }
    const added = [...next.keys()].filter((id) => !this.active.has(id));
    for (const id of [...this.active.keys()].filter((id) => !next.has(id))) {
      this.grammars.get(id)?.dispose();
      this.grammars.delete(id);
    }
    this.active = next;
    this.dropDeparted();
    if (added.length > 0) this.adoptMatching();
  }

  /** Registers a format's language and grammar; false (and reported) when the grammar is unusable. */
  private install(plugin: PluginFormat): boolean {
    const { pluginName, format } = plugin;
    if (!this.registered.has(format.id)) {
      monaco.languages.register({ id: format.id, extensions: format.extensions, filenames: format.filenames, aliases: [format.name] });
      this.registered.add(format.id);
    }
    this.grammars.get(format.id)?.dispose();
    this.grammars.delete(format.id);
    if (format.monarch === null) return true;
    try {
      this.grammars.set(format.id, monaco.languages.setMonarchTokensProvider(format.id, format.monarch as monaco.languages.IMonarchLanguage));
      return true;
    } catch (error) {
      this.broken.set(format.id, JSON.stringify(plugin));
      this.deps.store.getState().notify({
        severity: 'error',
        // One notice per broken grammar, however often the plugin list brings the format back.
        key: `unusable-grammar:${plugin.pluginId}/${format.id}`,
        message: `The plugin ${pluginName} has a ${format.name} grammar Quire cannot use (${error instanceof Error ? error.message : String(error)}). ${format.name} files open as plain text.`,
      });
      return false;
    }
  }

  /** Files using a format whose plugin is gone (or that Monaco picked for a new file) turn plain text. */
  private dropDeparted(): void {
    for (const document of Object.values(this.deps.store.getState().documents)) {
      if (this.registered.has(document.languageId) && !this.active.has(document.languageId)) {
        this.deps.setLanguage(document.id, PLAIN_TEXT);
      }
    }
  }

  /** Plain-text files a newly ready format matches take it (files opened before the plugins loaded). */
  private adoptMatching(): void {
    const languages = this.detectable();
    for (const document of Object.values(this.deps.store.getState().documents)) {
      if (document.languageId !== PLAIN_TEXT || document.path === null) continue;
      const detected = languageForFileName(document.name, languages);
      if (this.active.has(detected)) this.deps.setLanguage(document.id, detected);
    }
  }

  /** Monaco's languages less the plugin formats that are not (or no longer) usable. */
  detectable(): monaco.languages.ILanguageExtensionPoint[] {
    return monaco.languages.getLanguages().filter((language) => !this.registered.has(language.id) || this.active.has(language.id));
  }
}

function sameContribution(a: PluginFormat, b: PluginFormat): boolean {
  return a.pluginId === b.pluginId && JSON.stringify(a.format) === JSON.stringify(b.format);
}
