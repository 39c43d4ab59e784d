/** What the two search engines (ripgrep and the built-in one) share: their request, their output and how they end. */
import type { SearchLineMatch, SearchQuery } from '../../app/workspace-contract.js';
import type { GlobFilter } from './search-globs.js';

export interface EngineRequest {
  /** The workspace folder, searched recursively. */
  folder: string;
  query: SearchQuery;
  filter: GlobFilter;
}

/** Where an engine puts each file's matching lines as soon as the file is done. */
export interface FileSink {
  /** How many more matches the search may report before its limit is reached. */
  remaining(): number;
  /**
   * One file's matching lines, in line order. Answers false when the search wants no more
   * (its limit is reached or it was cancelled): the engine then stops.
   */
  add(path: string, lines: SearchLineMatch[]): boolean;
}

export type EngineError = { code: 'bad-request' | 'internal'; message: string };

/** An engine's end: `error` null when it finished or was stopped through the signal. */
export type EngineEnd = { error: EngineError | null };

/**
 * Searches `request.folder`, reporting into `sink` until done, or until `signal` aborts; it
 * resolves only once everything it started (ripgrep's process) has ended.
 */
export type SearchEngineRun = (request: EngineRequest, sink: FileSink, signal: AbortSignal) => Promise<EngineEnd>;

/** How many matches the lines hold (their ranges): what a search's limit counts. */
export const matchCount = (lines: readonly SearchLineMatch[]) => lines.reduce((sum, line) => sum + line.ranges.length, 0);
