import type { LinterContribution, PluginStatus } from '../../../app/plugin-contract.js';

/** One linter of one ready plugin, with the marker owner its results are filed under. */
export interface ActiveLinter {
  pluginId: string;
  pluginName: string;
  linter: LinterContribution;
  /** `${pluginId}/${linterId}`: Monaco keeps one marker set per owner and model. */
  owner: string;
}

/** Every linter that ready plugins contribute. A plugin that is not ready lints nothing. */
export function activeLinters(plugins: readonly PluginStatus[]): ActiveLinter[] {
  return plugins.flatMap((plugin) => {
    const descriptor = plugin.descriptor;
    if (plugin.state !== 'ready' || !descriptor) return [];
    return descriptor.linters.map((linter) => ({
      pluginId: descriptor.id,
      pluginName: descriptor.name,
      linter,
      owner: `${descriptor.id}/${linter.id}`,
    }));
  });
}

/** The linters that apply to a language. */
export function lintersForLanguage(linters: readonly ActiveLinter[], languageId: string): ActiveLinter[] {
  return linters.filter((active) => active.linter.languages.includes(languageId));
}
