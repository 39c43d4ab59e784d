type Level = 'debug' | 'info' | 'warning' | 'error';

/** Lines a plugin may log in one call (or its init) before the rest are only counted. */
export const LINES_PER_CALL = 1_000;
/** Bytes waiting on the channel past which lines are dropped even within the line budget. */
const MAX_QUEUED_BYTES = 4 * 1024 * 1024;

/**
 * Bounds what a plugin's host->log costs. While the plugin runs, the host's event loop is
 * blocked inside the plugin, so nothing it logs reaches main until the call returns: a
 * million lines would sit in the channel's write queue (about 1 GiB). Past the budget, lines
 * are dropped and counted, and the log says how many once the call is over.
 */
export class LogBudget {
  private sent = 0;
  private dropped = 0;

  constructor(
    private readonly send: (level: Level, message: string) => void,
    private readonly queuedBytes: () => number,
  ) {}

  add(level: Level, message: string): void {
    if (this.sent >= LINES_PER_CALL || this.queuedBytes() > MAX_QUEUED_BYTES) {
      this.dropped++;
      return;
    }
    this.sent++;
    this.send(level, message);
  }

  /** Closes the call's account: reports what was dropped and starts the next budget. */
  endOfCall(): void {
    if (this.dropped > 0) {
      this.send(
        'warning',
        `Quire dropped ${this.dropped} log line${this.dropped === 1 ? '' : 's'} from this call: a plugin may log at most ${LINES_PER_CALL} lines per call.`,
      );
    }
    this.sent = 0;
    this.dropped = 0;
  }
}
