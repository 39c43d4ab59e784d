/**
 * One search from start to `search.done`: runs its engine, keeps to the result limit and sends
 * the results in batches, the first file's at once (so the first result shows quickly) and
 * the rest gathered every BATCH_INTERVAL_MS (so a search with thousands of matching files does
 * not send thousands of events).
 */
import type { ConnectionContext } from '../api/handler-context.js';
import type { SearchFileResult, SearchLineMatch } from '../../app/workspace-contract.js';
import { matchCount, type EngineError, type EngineRequest, type FileSink, type SearchEngineRun } from './search-engine.js';

export const BATCH_INTERVAL_MS = 75;

export interface SearchRunOptions {
  searchId: number;
  /** Matches (ranges) to report at most; the search stops once there would be more. */
  maxResults: number;
  engine: SearchEngineRun;
  request: EngineRequest;
  emit: ConnectionContext['emit'];
}

/** The first `room` matches of `lines`. */
function firstMatches(lines: readonly SearchLineMatch[], room: number): SearchLineMatch[] {
  const kept: SearchLineMatch[] = [];
  let left = room;
  for (const line of lines) {
    if (left <= 0) break;
    kept.push(line.ranges.length <= left ? line : { ...line, ranges: line.ranges.slice(0, left) });
    left -= line.ranges.length;
  }
  return kept;
}

export class SearchRun {
  /** Settles once the engine has stopped and `search.done` went out; never rejects. */
  readonly finished: Promise<void>;
  private readonly controller = new AbortController();
  private readonly startedAt = performance.now();
  private pending: SearchFileResult[] = [];
  private timer: NodeJS.Timeout | null = null;
  private sentAny = false;
  private files = 0;
  private matches = 0;
  private limitHit = false;
  private cancelled = false;

  constructor(private readonly options: SearchRunOptions) {
    this.finished = options.engine(options.request, this.sink(), this.controller.signal).then(
      (end) => this.finish(end.error),
      (cause: unknown) =>
        this.finish({
          code: 'internal',
          message: `Search failed unexpectedly: ${cause instanceof Error ? cause.message : String(cause)}. Please report this.`,
        }),
    );
  }

  /** Stops the search; resolves once its engine has stopped and `search.done` went out. */
  cancel(): Promise<void> {
    if (!this.controller.signal.aborted) {
      this.cancelled = true;
      this.controller.abort();
    }
    return this.finished;
  }

  private sink(): FileSink {
    return {
      remaining: () => this.options.maxResults - this.matches,
      add: (path, lines) => {
        if (this.controller.signal.aborted) return false;
        const room = this.options.maxResults - this.matches;
        const count = matchCount(lines);
        const kept = count <= room ? lines : firstMatches(lines, room);
        if (kept.length > 0) {
          this.files++;
          this.matches += Math.min(count, room);
          this.pending.push({ path, matches: kept });
          this.schedule();
        }
        if (count > room) {
          this.limitHit = true;
          this.controller.abort();
          return false;
        }
        return true;
      },
    };
  }

  private schedule(): void {
    if (!this.sentAny) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), BATCH_INTERVAL_MS);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    this.sentAny = true;
    this.options.emit('search.results', { searchId: this.options.searchId, files: this.pending });
    this.pending = [];
  }

  private finish(error: EngineError | null): void {
    // An engine that failed may have left work going: whatever it still reports is refused.
    this.controller.abort();
    this.flush();
    this.options.emit('search.done', {
      searchId: this.options.searchId,
      summary: {
        files: this.files,
        matches: this.matches,
        limitHit: this.limitHit,
        cancelled: this.cancelled,
        elapsedMs: performance.now() - this.startedAt,
      },
      error,
    });
  }
}
