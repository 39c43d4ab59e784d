/**
 * Decides when a file in a plugins folder has finished being written, so a plugin being copied
 * in is never loaded half-written, without making every new plugin wait.
 *
 * A file is done once nothing has written to it for `settleMs`. Its mtime says when it was last
 * written, so a file copied long ago (or with its times preserved) is done at once and a file
 * being written is done `settleMs` after its last write; each look at the file only needs its
 * stat, and any write restarts the wait because it moves the mtime.
 *
 * A file renamed into place is done at once, however recent its mtime: on Linux the folder's
 * inotify watch reports every write to a file inside it, so a file that arrived (by rename or
 * create) with content and without a single write seen since cannot be half-written. That
 * does not hold for a symlink, whose target is written elsewhere. On other systems the watch
 * events are coalesced or late (macOS FSEvents), so only the mtime rule applies.
 */

export interface WrittenFile {
  /** Changes whenever the content may have (inode, size, mtime). */
  identity: string;
  size: number;
  mtimeMs: number;
  /** Reached through a symlink: the file lives elsewhere, where the folder's watch cannot see it written. */
  linked: boolean;
}

export class WriteSettler {
  /** Files still being waited for, and when each was last written. */
  private readonly waiting = new Map<string, { identity: string; lastWriteAt: number }>();
  /** The state of each file last found complete, so another look at it does not wait again. */
  private readonly complete = new Map<string, { identity: string; lastWriteAt: number }>();
  /** Sequence numbers of the folder watch's last arrival and write event per path. */
  private readonly arrivals = new Map<string, number>();
  private readonly writes = new Map<string, number>();
  private sequence = 0;

  constructor(
    private readonly settleMs: number,
    private readonly writesAreAllReported = process.platform === 'linux',
  ) {}

  /** The folder's own watch saw a name appear, disappear or be replaced ("rename"). */
  noteArrival(path: string): void {
    this.arrivals.set(path, ++this.sequence);
  }

  /** The folder's own watch saw a write to (or the attributes of) the file at `path` change. */
  noteWrite(path: string): void {
    this.writes.set(path, ++this.sequence);
  }

  /** Nothing is at `path` any more. */
  forget(path: string): void {
    this.complete.delete(path);
    this.waiting.delete(path);
    this.arrivals.delete(path);
    this.writes.delete(path);
  }

  /**
   * Whether `file` at `path` counts as completely written: `waitMs` 0 means now, otherwise look
   * again after `waitMs`. `lastWriteAt` is when it was last written, as far as can be told.
   */
  async assess(path: string, file: WrittenFile): Promise<{ waitMs: number; lastWriteAt: number }> {
    const done = this.complete.get(path);
    if (done?.identity === file.identity) return { waitMs: 0, lastWriteAt: done.lastWriteAt };
    const now = Date.now();
    const previous = this.waiting.get(path);
    const lastWriteAt = previous?.identity === file.identity ? previous.lastWriteAt : lastWriteTime(file.mtimeMs, now);
    const remaining = Math.ceil(this.settleMs - (now - lastWriteAt));
    if (remaining <= 0 || (file.size > 0 && !file.linked && (await this.arrivedWhole(path)))) {
      this.forget(path);
      this.complete.set(path, { identity: file.identity, lastWriteAt });
      return { waitMs: 0, lastWriteAt };
    }
    this.waiting.set(path, { identity: file.identity, lastWriteAt });
    return { waitMs: remaining, lastWriteAt };
  }

  private async arrivedWhole(path: string): Promise<boolean> {
    if (!this.writesAreAllReported || !this.arrivals.has(path)) return false;
    // A write made just before our stat may still sit in the watch's queue; two turns of the
    // event loop include a poll phase that delivers it before the verdict.
    await nextTurn();
    await nextTurn();
    const arrival = this.arrivals.get(path);
    return arrival !== undefined && (this.writes.get(path) ?? 0) < arrival;
  }
}

/**
 * When the file was last written, as far as its mtime can be trusted. A whole-second mtime may
 * come from a filesystem that keeps only seconds (FAT, HFS+, some network mounts) and a future
 * one from a skewed clock; neither says when writing stopped, so the wait then starts now.
 */
function lastWriteTime(mtimeMs: number, now: number): number {
  return mtimeMs % 1000 === 0 || mtimeMs > now ? now : mtimeMs;
}

function nextTurn(): Promise<void> {
  return new Promise((done) => setImmediate(done));
}
