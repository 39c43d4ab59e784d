/** How long a document is left alone after a change before its backup is written. */
export const QUIET_MS = 600;
/** The longest a change waits for its backup, however continuously the user types. */
export const MAX_WAIT_MS = 1000;

export interface Timers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Pending {
  handle: unknown;
  /** When the first change not yet backed up happened. */
  since: number;
}

/**
 * When each document's backup is due: a quiet moment after its last change, but never later
 * than `MAX_WAIT_MS` after the first change it has not backed up, so continuous typing is
 * backed up about once a second.
 */
export class BackupScheduler {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly due: (id: string) => void,
    private readonly timers: Timers = realTimers,
  ) {}

  changed(id: string): void {
    const now = this.timers.now();
    const current = this.pending.get(id);
    const since = current?.since ?? now;
    if (current) this.timers.clearTimeout(current.handle);
    const delay = Math.max(0, Math.min(QUIET_MS, since + MAX_WAIT_MS - now));
    const handle = this.timers.setTimeout(() => {
      this.pending.delete(id);
      this.due(id);
    }, delay);
    this.pending.set(id, { handle, since });
  }

  cancel(id: string): void {
    const current = this.pending.get(id);
    if (current) this.timers.clearTimeout(current.handle);
    this.pending.delete(id);
  }

  cancelAll(): void {
    for (const id of [...this.pending.keys()]) this.cancel(id);
  }

  isPending(id: string): boolean {
    return this.pending.has(id);
  }
}
