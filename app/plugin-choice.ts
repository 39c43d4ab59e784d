/**
 * Which plugin handles a file: its language from the file's name (the editor's languages plus
 * the ready plugins' formats), the formatter of the plugin providing that language, and the
 * linters of that language. The editor (renderer) and the headless `quire format` / `quire lint`
 * both choose with these functions, so a file gets the same plugin in both.
 */
import type { FormatContribution, LinterContribution, PluginDescriptor } from './plugin-contract.js';

/** The parts of Monaco's `ILanguageExtensionPoint` that pick and name a language. */
export interface LanguageInfo {
  id: string;
  extensions?: string[];
  filenames?: string[];
  aliases?: string[];
}

export const PLAIN_TEXT = 'plaintext';

/**
 * The language for a file name: an exact file name (`Dockerfile`) first, then the longest
 * matching extension (`.d.ts` before `.ts`; on a tie, the language listed first), else plain
 * text. Case-insensitive, as file names are on the desktops most files come from.
 */
export function languageForFileName(fileName: string, languages: readonly LanguageInfo[]): string {
  const name = fileName.toLowerCase();
  const byName = languages.find((language) => language.filenames?.some((candidate) => candidate.toLowerCase() === name));
  if (byName) return byName.id;
  let best: { id: string; length: number } | null = null;
  for (const language of languages) {
    for (const extension of language.extensions ?? []) {
      const ext = extension.toLowerCase();
      if (name.endsWith(ext) && name.length > ext.length && (!best || ext.length > best.length)) {
        best = { id: language.id, length: ext.length };
      }
    }
  }
  return best?.id ?? PLAIN_TEXT;
}

/** Descriptors in plugin id order (by code unit, the same on every machine and locale). */
export function inPluginIdOrder(descriptors: readonly PluginDescriptor[]): PluginDescriptor[] {
  return [...descriptors].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A format of a ready plugin, with the plugin it comes from. */
export interface PluginFormat {
  pluginId: string;
  pluginName: string;
  format: FormatContribution;
}

/**
 * The ready plugins' formats (`ready` in plugin id order), one per format id: when two plugins
 * declare the same id, the one whose plugin id sorts first has it.
 */
export function pluginFormatsOf(ready: readonly PluginDescriptor[]): Map<string, PluginFormat> {
  const formats = new Map<string, PluginFormat>();
  for (const descriptor of ready) {
    for (const format of descriptor.formats) {
      if (!formats.has(format.id)) formats.set(format.id, { pluginId: descriptor.id, pluginName: descriptor.name, format });
    }
  }
  return formats;
}

/**
 * `languages` with the formats registered after them, as Monaco's registry does it: a format
 * whose id is already a language adds its extensions and file names to that language; a new
 * id is appended.
 */
export function withPluginFormats(languages: readonly LanguageInfo[], formats: Iterable<PluginFormat>): LanguageInfo[] {
  const merged = languages.map((language) => ({ ...language }));
  for (const { format } of formats) {
    const existing = merged.find((language) => language.id === format.id);
    if (existing) {
      existing.extensions = [...(existing.extensions ?? []), ...format.extensions];
      existing.filenames = [...(existing.filenames ?? []), ...format.filenames];
    } else {
      merged.push({ id: format.id, extensions: [...format.extensions], filenames: [...format.filenames], aliases: [format.name] });
    }
  }
  return merged;
}

/** One linter of one ready plugin, with the marker owner its results are filed under. */
export interface ActiveLinter {
  pluginId: string;
  pluginName: string;
  linter: LinterContribution;
  /** `${pluginId}/${linterId}`: Monaco keeps one marker set per owner and model. */
  owner: string;
}

/** Every linter that ready plugins contribute. A plugin that is not ready lints nothing. */
export function activeLinters(ready: readonly PluginDescriptor[]): ActiveLinter[] {
  return ready.flatMap((descriptor) =>
    descriptor.linters.map((linter) => ({
      pluginId: descriptor.id,
      pluginName: descriptor.name,
      linter,
      owner: `${descriptor.id}/${linter.id}`,
    })),
  );
}

/** The linters that apply to a language. */
export function lintersForLanguage(linters: readonly ActiveLinter[], languageId: string): ActiveLinter[] {
  return linters.filter((active) => active.linter.languages.includes(languageId));
}

/** What handles one file. */
export interface PluginChoice {
  languageId: string;
  /** The plugin format that formats this language; null when no plugin formats it. */
  formatter: PluginFormat | null;
  linters: ActiveLinter[];
}

/**
 * The plugins for a file named `fileName` (a base name), given the ready plugins in plugin id
 * order and the languages the editor knows before any plugin (editor-languages.ts).
 */
export function choosePlugins(fileName: string, ready: readonly PluginDescriptor[], editorLanguages: readonly LanguageInfo[]): PluginChoice {
  const formats = pluginFormatsOf(ready);
  const languageId = languageForFileName(fileName, withPluginFormats(editorLanguages, formats.values()));
  const format = formats.get(languageId);
  return {
    languageId,
    formatter: format?.format.hasFormatter ? format : null,
    linters: lintersForLanguage(activeLinters(ready), languageId),
  };
}
