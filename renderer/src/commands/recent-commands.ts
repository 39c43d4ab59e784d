/** How many recently run commands the palette remembers. */
export const MAX_RECENT_COMMANDS = 20;

const STORAGE_KEY = 'quire.recentCommands';

/** `key` moved to the front of `recent`, the list cut to `max` entries. */
export function withRecent(recent: readonly string[], key: string, max = MAX_RECENT_COMMANDS): string[] {
  return [key, ...recent.filter((existing) => existing !== key)].slice(0, max);
}

/** The recently run command keys, most recent first; anything unreadable counts as none. */
export function loadRecentCommands(storage: Storage): string[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((item): item is string => typeof item === 'string').slice(0, MAX_RECENT_COMMANDS);
  } catch {
    return [];
  }
}

export function rememberRecentCommand(storage: Storage, key: string): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(withRecent(loadRecentCommands(storage), key)));
}
