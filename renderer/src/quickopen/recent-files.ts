/** How many recently opened files quick open remembers per workspace. */
export const MAX_REMEMBERED_FILES = 50;
/** The most `recent` paths one quick-open request may carry (the contract's limit). */
export const MAX_RECENT_IN_QUERY = 200;

const STORAGE_PREFIX = 'quire.recentFiles:';

/** The remembered files of the workspace at `folder`, most recent first; anything unreadable counts as none. */
export function loadRecentFiles(storage: Pick<Storage, 'getItem'>, folder: string): string[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(STORAGE_PREFIX + folder) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((item): item is string => typeof item === 'string' && item !== '').slice(0, MAX_REMEMBERED_FILES);
  } catch {
    return [];
  }
}

/** Puts `path` first in the workspace's remembered files. */
export function rememberRecentFile(storage: Pick<Storage, 'getItem' | 'setItem'>, folder: string, path: string): void {
  const remembered = mergeRecent([path], loadRecentFiles(storage, folder), MAX_REMEMBERED_FILES);
  try {
    storage.setItem(STORAGE_PREFIX + folder, JSON.stringify(remembered));
  } catch {
    // A full or disabled storage only costs the ordering of quick open, never an error.
  }
}

/** The lists merged in order, each path once, at most `max`. */
export function mergeRecent(first: readonly string[], then: readonly string[], max = MAX_RECENT_IN_QUERY): string[] {
  return [...new Set([...first, ...then])].slice(0, max);
}
