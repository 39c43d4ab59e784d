/**
 * Turns the latest known state of each path into batches of changes: what changed since the
 * last batch delivered, one entry per path, with changes that happen close together delivered
 * together (twenty files dropped at once are one batch, so the supervisor plans one burst).
 *
 * A batch goes out `burstMs` after the latest change in it, and not while the watcher is still
 * busy with files that may belong to it (ones still being written, looks in progress), but
 * never later than `maxHoldMs` after its first change. A change is dated by when it happened,
 * not when it was confirmed: a copied file confirmed complete 150 ms after its last write needs
 * no further wait, while twenty files landing together wait for the last of them.
 *
 * Comparing with what was delivered, rather than adding up events, is what collapses a path's
 * history within a batch: added then changed is "added", added then removed is nothing, removed
 * then added again is "changed" (or nothing if the very same file came back).
 */
import { dirname } from 'node:path';

export type FileChangeKind = 'added' | 'changed' | 'removed';

export interface PluginFileChange {
  kind: FileChangeKind;
  /** As found in the folder (absolute). */
  path: string;
  /** Symlinks resolved; for 'removed', the last real path reported for `path`. */
  realPath: string;
  /** The plugins folder the file is in. */
  folder: string;
}

export interface FileState {
  realPath: string;
  /** Equal identities mean nothing worth reloading changed. */
  identity: string;
  /** A symlink that leads nowhere: worth looking at again, since its target may appear. */
  dangling: boolean;
}

export interface BatchTiming {
  /** Quiet time after the latest change before the batch goes out. */
  burstMs: number;
  /** Longest a batch is held after its first change, however busy the folder stays. */
  maxHoldMs: number;
}

export class ChangeBatcher {
  private readonly delivered = new Map<string, FileState>();
  private readonly pending = new Map<string, FileState | null>();
  /** When the pending batch got its first change, and when its latest change happened. */
  private openedAt: number | null = null;
  private latestChangeAt = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deliver: (batch: PluginFileChange[]) => void,
    private readonly timing: BatchTiming,
    private readonly busy: () => boolean,
  ) {}

  /**
   * The current state of `path` (null: nothing there), to be delivered with the next batch;
   * `changedAt` is when the change happened (e.g. the file's last write).
   */
  record(path: string, state: FileState | null, changedAt: number): void {
    const latest = this.pending.has(path) ? this.pending.get(path) : this.delivered.get(path);
    if ((latest?.identity ?? null) === (state?.identity ?? null)) return;
    this.pending.set(path, state);
    this.openedAt ??= Date.now();
    this.latestChangeAt = Math.max(this.latestChangeAt, changedAt);
    this.consider();
  }

  /** The watcher finished some work that may have held the batch back. */
  wake(): void {
    if (this.openedAt !== null) this.consider();
  }

  /** Delivers what is pending now; nothing is delivered when nothing changed. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.openedAt = null;
    this.latestChangeAt = 0;
    const batch: PluginFileChange[] = [];
    for (const [path, state] of this.pending) {
      const before = this.delivered.get(path);
      const folder = dirname(path);
      if (state) {
        this.delivered.set(path, state);
        if (!before) batch.push({ kind: 'added', path, realPath: state.realPath, folder });
        else if (before.identity !== state.identity) batch.push({ kind: 'changed', path, realPath: state.realPath, folder });
      } else if (before) {
        this.delivered.delete(path);
        batch.push({ kind: 'removed', path, realPath: before.realPath, folder });
      }
    }
    this.pending.clear();
    if (batch.length > 0) this.deliver(batch.sort((a, b) => a.path.localeCompare(b.path)));
  }

  /** Whether changes wait to be delivered. */
  hasPending(): boolean {
    return this.openedAt !== null;
  }

  /** Every path delivered or about to be. */
  knownPaths(): string[] {
    return [...new Set([...this.delivered.keys(), ...this.pending.keys()])];
  }

  /** Delivered paths that are dangling symlinks. */
  danglingPaths(): string[] {
    return [...this.delivered].filter(([, state]) => state.dangling).map(([path]) => path);
  }

  private consider(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.openedAt === null) return;
    const now = Date.now();
    const deadline = this.openedAt + this.timing.maxHoldMs;
    const quietAt = this.latestChangeAt + this.timing.burstMs;
    if (now >= deadline || (now >= quietAt && !this.busy())) {
      this.flush();
      return;
    }
    // While busy, wait for `wake` (or the deadline) rather than polling.
    const wakeAt = now < quietAt ? Math.min(quietAt, deadline) : deadline;
    this.timer = setTimeout(() => this.consider(), wakeAt - now);
  }

  /** Drops what is pending; nothing is delivered after this. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.openedAt = null;
    this.pending.clear();
  }
}
