/**
 * `search.start` and `search.cancel` for one connection. One search runs at a time: a new one
 * cancels the one before (which still ends with its `search.done`), and closing the connection
 * cancels whatever runs. ripgrep does the searching where it is installed; elsewhere the
 * built-in engine does, and `search.start` answers with a one-line notice saying so.
 */
import { stat } from 'node:fs/promises';
import type { Outcome, Params, Result } from '../../app/contract.js';
import { ok, type ConnectionContext, type HandlerGroup } from '../api/handler-context.js';
import { builtinSearch } from './builtin-search.js';
import { fallbackNotice, findRipgrep } from './find-ripgrep.js';
import { ripgrepSearch } from './ripgrep-search.js';
import { globFilter } from './search-globs.js';
import { SearchRun } from './search-run.js';

/** What a search needs from the window: where to look and what to leave out. */
export interface SearchScope {
  /** The open folder (a real path), or null when none is open. */
  folder(): string | null;
  /** `files.exclude` and `search.exclude` globs that are on, relative to the folder. */
  excludes(): readonly string[];
}

const failure = (code: 'not-found' | 'bad-request', message: string): Outcome<never> => ({ ok: false, error: { code, message } });

async function isDirectory(folder: string): Promise<boolean> {
  try {
    return (await stat(folder)).isDirectory();
  } catch {
    return false;
  }
}

export function searchHandlers(
  context: ConnectionContext,
  scope: SearchScope,
  env: NodeJS.ProcessEnv = process.env,
): HandlerGroup<'search.start' | 'search.cancel'> {
  const runs = new Map<number, SearchRun>();
  let closed = false;
  const cancelAll = () => Promise.all([...runs.values()].map((run) => run.cancel()));
  context.onDispose(async () => {
    closed = true;
    await cancelAll();
  });

  const start = async ({ searchId, query, maxResults }: Params<'search.start'>): Promise<Outcome<Result<'search.start'>>> => {
    await cancelAll();
    if (closed) return failure('not-found', 'The window closed before the search could start.');
    const folder = scope.folder();
    if (!folder) return failure('not-found', 'No folder is open: open a folder first (File: Open Folder…), then search its files.');
    if (!(await isDirectory(folder))) return failure('not-found', `The open folder ${folder} is no longer there: open a folder again to search.`);
    if (query.pattern.includes('\n')) {
      return failure('bad-request', 'Search looks within single lines: take the line break out of the text to find.');
    }
    const ripgrep = await findRipgrep(env);
    const run = new SearchRun({
      searchId,
      maxResults,
      engine: ripgrep.found ? ripgrepSearch(ripgrep.ripgrep) : builtinSearch,
      request: { folder, query, filter: globFilter(query, scope.excludes()) },
      emit: context.emit,
    });
    runs.set(searchId, run);
    void run.finished.then(() => {
      if (runs.get(searchId) === run) runs.delete(searchId);
    });
    return ok(ripgrep.found ? { engine: 'ripgrep', notice: null } : { engine: 'built-in', notice: fallbackNotice(ripgrep.reason) });
  };

  // Starts are handled one at a time, so two quick ones cannot both get past the cancelling.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    'search.start': (params) => {
      const started = queue.then(() => start(params));
      queue = started.catch(() => undefined);
      return started;
    },
    'search.cancel': async ({ searchId }) => {
      await runs.get(searchId)?.cancel();
      return ok({});
    },
  };
}
