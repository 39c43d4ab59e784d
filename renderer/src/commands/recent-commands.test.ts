import { describe, expect, it } from 'vitest';
import { loadRecentCommands, MAX_RECENT_COMMANDS, rememberRecentCommand, withRecent } from './recent-commands.js';

/** A Storage over a Map: Node has no localStorage, and these tests are about the list kept in it. */
function memoryStorage(initial: Record<string, string> = {}): Storage {
  const items = new Map(Object.entries(initial));
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('withRecent', () => {
  it('puts the command first without repeating it', () => {
    expect(withRecent(['a', 'b', 'c'], 'b')).toEqual(['b', 'a', 'c']);
    expect(withRecent([], 'a')).toEqual(['a']);
  });

  it('keeps the list bounded, dropping the oldest', () => {
    const full = Array.from({ length: MAX_RECENT_COMMANDS }, (_, index) => `c${index}`);
    const next = withRecent(full, 'new');
    expect(next).toHaveLength(MAX_RECENT_COMMANDS);
    expect(next[0]).toBe('new');
    expect(next).not.toContain(`c${MAX_RECENT_COMMANDS - 1}`);
  });
});

describe('recent commands in storage', () => {
  it('round-trips, most recent first', () => {
    const storage = memoryStorage();
    rememberRecentCommand(storage, 'file.save');
    rememberRecentCommand(storage, 'dev.quire.text-tools/sort-lines');
    rememberRecentCommand(storage, 'file.save');
    expect(loadRecentCommands(storage)).toEqual(['file.save', 'dev.quire.text-tools/sort-lines']);
  });

  it('reads garbage as no history', () => {
    expect(loadRecentCommands(memoryStorage({ 'quire.recentCommands': '{not json' }))).toEqual([]);
    expect(loadRecentCommands(memoryStorage({ 'quire.recentCommands': '{"a":1}' }))).toEqual([]);
    expect(loadRecentCommands(memoryStorage({ 'quire.recentCommands': '["a",2,"b"]' }))).toEqual(['a', 'b']);
  });
});
