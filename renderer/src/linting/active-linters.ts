import type { LinterContribution } from '../../../app/plugin-contract.js';
import type { ReadyPlugins } from '../state/ready-plugins.js';

/** One linter of one ready plugin, with the marker owner its results are filed under. */
export interface ActiveLinter {
  pluginId: string;
  pluginName: string;
  linter: LinterContribution;
  /** `${pluginId}/${linterId}`: Monaco keeps one marker set per owner and model. */
  owner: string;
}

/** Every linter that ready plugins contribute (`selectReadyPlugins`). A plugin that is not ready lints nothing. */
export function activeLinters(ready: ReadyPlugins): ActiveLinter[] {
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
