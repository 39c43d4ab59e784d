/**
 * Tells the supervisor which files are in the plugins folders, and when one appears, changes
 * (once writing has finished) or disappears — promptly and once per change. It loads nothing.
 *
 * Watch events are only hints: each prompts a fresh look at its path (`observe`), and the
 * resulting state is compared with what was last delivered (`ChangeBatcher`). That one rule
 * absorbs duplicate events, the delete/create pairs of atomic saves and anything a watch misses
 * that a later look finds. Folders are checked every second, so a folder made after start is
 * picked up and a deleted or replaced one is watched afresh.
 */
import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { ChangeBatcher, type PluginFileChange } from './change-batcher.js';
import { messageOf, observe } from './file-observation.js';
import type { PluginFolder } from './plugin-folders.js';
import { WriteSettler } from './write-settler.js';

export type { FileChangeKind, PluginFileChange } from './change-batcher.js';

export interface PluginFolderWatcherOptions {
  /** Quiet time after the latest change before a batch is delivered (default 50 ms). */
  burstMs?: number;
  /** How long a file must go unwritten to count as completely written (default 150 ms). */
  writeSettleMs?: number;
  /** Problems watching or reading the folders; none is fatal. Default: a warning on stderr. */
  onError?: (message: string) => void;
}

const DEFAULT_BURST_MS = 50;
const DEFAULT_WRITE_SETTLE_MS = 150;
/** The longest a batch is held after its first change, however busy the folders stay. */
const MAX_BATCH_HOLD_MS = 300;
/** How often folders are checked for appearing, disappearing or being replaced. */
const FOLDER_CHECK_MS = 1000;

export class PluginFolderWatcher {
  private readonly folders: string[];
  private readonly settler: WriteSettler;
  private readonly batcher: ChangeBatcher;
  private readonly onError: (message: string) => void;
  private watcher: FSWatcher | null = null;
  /** Each watched folder and its identity (device and inode), so a folder made again is noticed. */
  private live = new Map<string, string>();
  /** The look at each path in progress; looks at one path run one after another. */
  private readonly checks = new Map<string, Promise<void>>();
  private readonly checkAgain = new Set<string>();
  /** Paths a watch event named since their last look: a change found then happened just now. */
  private readonly eventSeen = new Set<string>();
  private readonly settleTimers = new Map<string, NodeJS.Timeout>();
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  private folderTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    folders: PluginFolder[],
    private readonly onChanges: (batch: PluginFileChange[]) => void,
    options: PluginFolderWatcherOptions = {},
  ) {
    this.folders = [...new Set(folders.map((folder) => resolve(folder.path)))];
    this.settler = new WriteSettler(options.writeSettleMs ?? DEFAULT_WRITE_SETTLE_MS);
    this.batcher = new ChangeBatcher(
      (batch) => this.deliver(batch),
      { burstMs: options.burstMs ?? DEFAULT_BURST_MS, maxHoldMs: MAX_BATCH_HOLD_MS },
      () => this.checks.size > 0 || this.settleTimers.size > 0,
    );
    this.onError = options.onError ?? ((message) => console.warn(`Quire plugins: ${message}`));
  }

  /**
   * Starts watching and resolves once the first batch — every file already in the folders, as
   * 'added' — has been delivered (no batch when the folders are empty). A file still being
   * written at that moment comes in a later batch, once it is complete.
   */
  async start(): Promise<void> {
    await this.refreshFolders();
    if (this.closed) return;
    this.batcher.flush();
    this.folderTimer = setInterval(() => this.recheckFolders(), FOLDER_CHECK_MS);
    // The folder watch keeps the process alive while it is needed; this timer need not.
    this.folderTimer.unref();
  }

  /**
   * Whether everything found so far has been delivered: no look in progress, no file waited on
   * until it is completely written, no batch held back. A command that runs once (`quire
   * lint`) waits for this, so a plugin file written just before it started is not missed.
   */
  idle(): boolean {
    return this.refreshing === null && this.checks.size === 0 && this.settleTimers.size === 0 && !this.batcher.hasPending();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.folderTimer) clearInterval(this.folderTimer);
    for (const timer of this.settleTimers.values()) clearTimeout(timer);
    this.settleTimers.clear();
    this.batcher.close();
    await this.watcher?.close();
    this.watcher = null;
    await this.refreshing;
    await Promise.allSettled([...this.checks.values()]);
  }

  private recheckFolders(): void {
    void this.refreshFolders();
    for (const path of this.batcher.danglingPaths()) void this.requestCheck(path);
  }

  /** Brings the watch in line with which folders exist now; one refresh at a time. */
  private refreshFolders(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    const run = async () => {
      do {
        this.refreshAgain = false;
        await this.refreshOnce();
      } while (this.refreshAgain && !this.closed);
    };
    this.refreshing = run()
      .catch((err) => this.fail(`Could not watch the plugins folders: ${messageOf(err)}`))
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  private async refreshOnce(): Promise<void> {
    const found = new Map<string, string>();
    for (const folder of this.folders) {
      const identity = await folderIdentity(folder);
      if (identity) found.set(folder, identity);
    }
    if (this.closed || sameEntries(found, this.live)) return;
    this.live = found;
    // A fresh watcher rather than unwatch/add: a folder deleted and made again must be watched
    // by its new inode, and chokidar keeps stale entries for a path it has unwatched. The old
    // watcher stays until the new one is ready, so no change slips through in between.
    const next = found.size > 0 ? await this.openWatcher([...found.keys()]) : null;
    const previous = this.watcher;
    this.watcher = next;
    await previous?.close();
    if (this.closed) {
      await next?.close();
      return;
    }
    await this.reconcile();
  }

  private openWatcher(folders: string[]): Promise<FSWatcher> {
    const watched = new Set(folders);
    const watcher = watch(folders, {
      depth: 0,
      // The reconcile that follows lists what is already there, dangling symlinks included.
      ignoreInitial: true,
      // States are compared here; chokidar's atomic-save handling would only delay removals.
      atomic: false,
      ignored: (path: string) => watched.has(dirname(path)) && isTemporaryFileName(basename(path)),
    });
    watcher.on('raw', (event, name, details) => this.onRawEvent(event, name, details));
    watcher.on('all', (event, path) => this.onEvent(event, path));
    watcher.on('error', (err) => {
      this.fail(`Watching the plugins folders failed: ${messageOf(err)}`);
      void this.refreshFolders();
    });
    return new Promise((ready) => watcher.once('ready', () => ready(watcher)));
  }

  /** Looks at every file in the watched folders and every path known before. */
  private async reconcile(): Promise<void> {
    const paths = new Set(this.batcher.knownPaths());
    for (const folder of this.live.keys()) {
      // A folder that vanished since is caught by the next refresh and its known paths are looked
      // at below; chokidar reports any other failure to list it.
      const names = await readdir(folder).catch(() => []);
      for (const name of names) {
        if (!isTemporaryFileName(name)) paths.add(join(folder, name));
      }
    }
    await Promise.all([...paths].map((path) => this.requestCheck(path)));
  }

  /**
   * fs.watch events as chokidar received them. The folder's own watch names the entry that
   * changed: "rename" when a name appears or goes, "change" when a file inside is written.
   */
  private onRawEvent(event: string, name: string | null, details: unknown): void {
    const watchedPath = typeof details === 'object' && details !== null && 'watchedPath' in details ? details.watchedPath : undefined;
    if (typeof watchedPath !== 'string' || this.closed) return;
    if (this.live.has(watchedPath)) {
      if (!name) {
        void this.reconcile();
        return;
      }
      // fs.watch names the folder itself when the folder is deleted or moved away.
      if (name === basename(watchedPath)) void this.refreshFolders();
      if (isTemporaryFileName(name)) return;
      const path = join(watchedPath, name);
      if (event === 'rename') this.settler.noteArrival(path);
      else this.settler.noteWrite(path);
      this.eventSeen.add(path);
      void this.requestCheck(path);
    } else if (this.live.has(dirname(watchedPath))) {
      // A file's own watch follows a symlink to its target, which may live outside the folder.
      this.eventSeen.add(watchedPath);
      void this.requestCheck(watchedPath);
    }
  }

  private onEvent(event: string, path: string): void {
    if (this.closed) return;
    if (this.folders.includes(path)) {
      if (event === 'unlinkDir') void this.refreshFolders();
    } else if (this.live.has(dirname(path))) {
      this.eventSeen.add(path);
      void this.requestCheck(path);
    }
  }

  /** Looks at `path` now, or right after the look already in progress. */
  private requestCheck(path: string): Promise<void> {
    const timer = this.settleTimers.get(path);
    if (timer) clearTimeout(timer);
    this.settleTimers.delete(path);
    const running = this.checks.get(path);
    if (running) {
      this.checkAgain.add(path);
      return running;
    }
    const run = async () => {
      try {
        do {
          this.checkAgain.delete(path);
          await this.check(path);
        } while (this.checkAgain.has(path) && !this.closed);
      } catch (err) {
        this.fail(`Could not examine ${path}: ${messageOf(err)}`);
      } finally {
        this.checks.delete(path);
        this.batcher.wake();
      }
    };
    const checking = run();
    this.checks.set(path, checking);
    return checking;
  }

  private async check(path: string): Promise<void> {
    const byEvent = this.eventSeen.delete(path);
    const seen = await observe(path);
    if (this.closed) return;
    switch (seen.kind) {
      case 'unreadable':
        this.fail(seen.message);
        return;
      case 'none':
        this.settler.forget(path);
        this.batcher.record(path, null, Date.now());
        return;
      case 'dangling':
        this.settler.forget(path);
        this.batcher.record(path, { realPath: seen.realPath, identity: seen.identity, dangling: true }, Date.now());
        return;
      case 'file': {
        const { waitMs, lastWriteAt } = await this.settler.assess(path, seen);
        if (this.closed) return;
        if (waitMs > 0) {
          this.settleTimers.set(
            path,
            setTimeout(() => {
              this.settleTimers.delete(path);
              void this.requestCheck(path);
            }, waitMs),
          );
          return;
        }
        // Found complete when its wait ran out, the file changed when it was last written; found
        // on an event (a rename, a deletion), it changed just now.
        const changedAt = byEvent ? Date.now() : lastWriteAt;
        this.batcher.record(path, { realPath: seen.realPath, identity: seen.identity, dangling: false }, changedAt);
      }
    }
  }

  private deliver(batch: PluginFileChange[]): void {
    try {
      this.onChanges(batch);
    } catch (err) {
      this.fail(`The plugin supervisor failed on a batch of changes: ${messageOf(err)}`);
    }
  }

  private fail(message: string): void {
    try {
      this.onError(message);
    } catch {
      // Reporting a problem must not become one: the watch goes on regardless.
    }
  }
}

/**
 * Names that editors, copy tools and browsers give files while writing them (`.foo.so.swp`,
 * rsync's `.foo.so.XXXXXX`, `.tmp-*`, `foo.so.part`, `foo.so.crdownload`, `foo.so~`). They are
 * never plugins and usually vanish within moments, so they are not even listed: the finished
 * file arrives under its real name. Every other dot-file is hidden by convention and left out too.
 */
function isTemporaryFileName(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || /\.(part|partial|crdownload|tmp)$/i.test(name);
}

/** The folder's device and inode, or null when there is no folder at `path`. */
async function folderIdentity(path: string): Promise<string | null> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch {
    return null;
  }
  return info.isDirectory() ? `${info.dev}:${info.ino}` : null;
}

function sameEntries(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([key, value]) => b.get(key) === value);
}
