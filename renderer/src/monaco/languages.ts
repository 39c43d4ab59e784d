import type { LanguageInfo } from '../../../app/plugin-choice.js';

// One choice of language for a file name, shared with the headless commands (app/plugin-choice.ts).
export { languageForFileName, PLAIN_TEXT, type LanguageInfo } from '../../../app/plugin-choice.js';

/** The name people know a language by (`TypeScript`, not `typescript`). */
export function languageName(id: string, languages: readonly LanguageInfo[]): string {
  return languages.find((language) => language.id === id)?.aliases?.[0] ?? id;
}
