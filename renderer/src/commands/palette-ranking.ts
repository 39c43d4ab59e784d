import type { Chord } from './keybindings.js';
import { fuzzyMatch } from './fuzzy.js';

/** One row of the command palette: a built-in command or a plugin's. */
export interface PaletteEntry {
  /** A built-in command id, or `pluginId/commandId`. */
  key: string;
  title: string;
  /** The plugin's name for a plugin command; null for Quire's own. */
  pluginName: string | null;
  chord: Chord | null;
  /** What took this entry's chord, when it lost a clash. */
  overriddenBy: string | null;
}

export interface RankedEntry {
  entry: PaletteEntry;
  /** Indexes of the title's characters that matched the query. */
  positions: number[];
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base' });

/**
 * The entries that match `query`, best first. With no query, recently run commands come first
 * (most recent first) and the rest follow by title; with one, the fuzzy score decides and
 * recency breaks ties. A plugin's name matches too ("text so" finds Text Tools' Sort Lines).
 */
export function rankPaletteEntries(entries: readonly PaletteEntry[], query: string, recent: readonly string[]): RankedEntry[] {
  const recency = (key: string) => {
    const index = recent.indexOf(key);
    return index < 0 ? Number.POSITIVE_INFINITY : index;
  };
  const ranked: { ranked: RankedEntry; score: number }[] = [];
  for (const entry of entries) {
    const onTitle = fuzzyMatch(query, entry.title);
    const withPlugin = onTitle ?? (entry.pluginName === null ? null : fuzzyMatch(query, `${entry.pluginName}: ${entry.title}`));
    if (withPlugin === null) continue;
    const positions = onTitle?.positions ?? [];
    ranked.push({ ranked: { entry, positions }, score: onTitle ? onTitle.score : withPlugin.score - 1 });
  }
  return ranked
    .sort(
      (a, b) =>
        b.score - a.score ||
        recency(a.ranked.entry.key) - recency(b.ranked.entry.key) ||
        collator.compare(a.ranked.entry.title, b.ranked.entry.title),
    )
    .map((item) => item.ranked);
}
