/**
 * Drives the search handlers the way a connection does, for the tests and the benchmark: it
 * stands in for the transport, keeping every event (serialized as the transports serialize
 * them) and running the connection's cleanups when closed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { AppInfo, EventName, EventPayload } from '../../../app/contract.js';
import type { SearchFileResult, SearchQuery } from '../../../app/workspace-contract.js';
import type { ConnectionContext } from '../../api/handler-context.js';
import { searchHandlers, type SearchScope } from '../search-handlers.js';

export type SearchDone = EventPayload<'search.done'>;

export interface FinishedSearch {
  engine: string;
  notice: string | null;
  files: SearchFileResult[];
  /** `search.results` events, in order. */
  batches: number;
  done: SearchDone;
}

export const query = (pattern: string, options: Partial<SearchQuery> = {}): SearchQuery => ({
  pattern,
  isRegex: false,
  matchCase: false,
  wholeWord: false,
  include: '',
  exclude: '',
  ...options,
});

export class SearchClient {
  readonly handlers;
  private readonly cleanups: (() => Promise<void> | void)[] = [];
  private readonly listeners = new Set<(event: EventName, payload: unknown) => void>();
  private nextId = 1;

  constructor(scope: SearchScope, env: NodeJS.ProcessEnv = process.env) {
    const context: ConnectionContext = {
      appInfo: { edition: 'browser' } as AppInfo,
      emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
        const copy = JSON.parse(JSON.stringify(payload)) as unknown;
        for (const listener of this.listeners) listener(event, copy);
      },
      onDispose: (cleanup) => this.cleanups.push(cleanup),
    };
    this.handlers = searchHandlers(context, scope, env);
  }

  /** Calls `listener` with every event from now on; returns the unsubscribe. */
  listen(listener: (event: EventName, payload: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  newId(): number {
    return this.nextId++;
  }

  /** Starts a search and waits for its `search.done`; throws when `search.start` is refused. */
  async search(searchQuery: SearchQuery, maxResults = 100_000): Promise<FinishedSearch> {
    const searchId = this.newId();
    const files: SearchFileResult[] = [];
    let batches = 0;
    let unlisten: () => void = () => undefined;
    const done = new Promise<SearchDone>((resolve) => {
      unlisten = this.listen((event, payload) => {
        const typed = payload as { searchId: number };
        if (typed.searchId !== searchId) return;
        if (event === 'search.results') {
          batches++;
          files.push(...(payload as EventPayload<'search.results'>).files);
        } else if (event === 'search.done') {
          resolve(payload as SearchDone);
        }
      });
    });
    const started = await this.handlers['search.start']({ searchId, query: searchQuery, maxResults });
    if (!started.ok) {
      unlisten();
      throw new Error(`search.start refused: ${started.error.code}: ${started.error.message}`);
    }
    const finished = await done;
    unlisten();
    return { engine: started.value.engine, notice: started.value.notice, files, batches, done: finished };
  }

  /** Closes the connection: runs its cleanups, as the transports do. */
  async close(): Promise<void> {
    await Promise.all(this.cleanups.map((cleanup) => cleanup()));
  }
}

/** Process ids of the ripgrep processes this process started that are still running. */
export function ripgrepChildren(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces, so read from its closing parenthesis.
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (comm === 'rg' && ppid === process.pid) pids.push(Number(entry));
    } catch {
      // The process ended while being read.
    }
  }
  return pids;
}
