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
 * matching extension (`.d.ts` before `.ts`), else plain text. Case-insensitive, as file
 * names are on the desktops most files come from.
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

/** The name people know a language by (`TypeScript`, not `typescript`). */
export function languageName(id: string, languages: readonly LanguageInfo[]): string {
  return languages.find((language) => language.id === id)?.aliases?.[0] ?? id;
}
