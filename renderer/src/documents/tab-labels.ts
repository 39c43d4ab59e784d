import { baseName, dirName } from '../paths/user-path.js';

/**
 * Descriptions that tell apart tabs with the same file name: the name of the folder holding
 * each (`src` vs `test` for two `index.ts`), as VS Code shows them. Unique names get none.
 */
export function tabDescriptions(
  documents: readonly { id: string; path: string | null; name: string }[],
  sep: string,
): Map<string, string> {
  const byName = new Map<string, typeof documents>();
  for (const document of documents) byName.set(document.name, [...(byName.get(document.name) ?? []), document]);
  const descriptions = new Map<string, string>();
  for (const group of byName.values()) {
    if (group.length < 2) continue;
    for (const document of group) {
      if (document.path === null) continue;
      const folder = dirName(document.path, sep);
      descriptions.set(document.id, baseName(folder, sep) || folder);
    }
  }
  return descriptions;
}
