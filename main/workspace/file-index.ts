/**
 * Every file in the workspace, by relative path, kept live: one crawl to start, then one
 * chokidar watcher for the whole folder (with `files.exclude` as its ignore rule) whose events
 * update the index and go out, gathered, as `workspace.files` changes.
 *
 * The watcher watches folders only. chokidar would otherwise hold an inotify watch and its
 * bookkeeping for every file (100,000 files: 100,000 watches, some 800 MiB and 20 s to set
 * up); a folder's watch already reports its files appearing, changing and vanishing, as raw
 * events that name them, and each named file is checked with one lstat when its batch goes out.
 *
 * A watcher that cannot be set up (the inotify limit, ENOSPC) is closed and said so in one
 * line; the index then stays as crawled, and the Explorer still lists folders when opened.
 */
import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { watch, type ChokidarOptions, type FSWatcher } from 'chokidar';
import { fuzzyCandidate, type FuzzyCandidate } from '../../app/fuzzy-path.js';
import type { FileTreeChange } from '../../app/workspace-contract.js';
import { errnoOf } from '../services/fs-errors.js';
import { crawlFolder, isLinkToFileInside, type CrawledFolder } from './crawl.js';
import type { ExcludeMatcher } from './exclude-matcher.js';
import { relativeInside } from './path-policy.js';

/** How long changes are gathered before they go out together. */
export const CHANGE_BATCH_MS = 100;
/** About how many entries chokidar is given to read at once (see startWatcher). */
const WATCH_CHUNK_ENTRIES = 2000;
/** The pause between chunks lasts until a timer of this length fires on time. */
const QUIET_PROBE_MS = 10;
/** Touched files checked at once when a batch goes out (a `git checkout` touches thousands). */
const PARALLEL_CHECKS = 64;

export type WatchFunction = (paths: string | string[], options: ChokidarOptions) => FSWatcher;

export interface FileIndexOptions {
  folder: string;
  excluded: ExcludeMatcher;
  /** Receives the changes of each batch, absolute paths. */
  onChanges(changes: FileTreeChange[]): void;
  log(line: string): void;
  /** Starts the watcher; chokidar's `watch` unless a test wraps it. */
  watch?: WatchFunction;
}

export class FileIndex {
  private readonly items: FuzzyCandidate[] = [];
  private readonly positions = new Map<string, number>();
  private watcher: FSWatcher | null = null;
  private pending = new Map<string, FileTreeChange>();
  /** Files a folder's watch named since the last batch: checked when the batch goes out. */
  private touched = new Set<string>();
  private flushTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private crawling = true;
  private settingUp = true;
  private changeCount = 0;
  private readonly crawled: Promise<CrawledFolder[]>;
  private readonly watching: Promise<void>;

  constructor(private readonly options: FileIndexOptions) {
    this.crawled = crawlFolder(options.folder, options.excluded, {
      onFiles: (files) => {
        for (const file of files) this.add(file);
      },
      cancelled: () => this.closed,
    }).finally(() => {
      this.crawling = false;
    });
    // The watcher starts once the crawl is done, so the two do not compete for the disk while
    // quick open waits for the crawl; it is handed the folders the crawl found.
    this.watching = this.crawled
      .then((folders) => this.startWatcher(folders))
      .finally(() => {
        this.settingUp = false;
      });
  }

  /**
   * True until the first crawl has finished and the watcher reports changes (or gave up): until
   * then the list may miss what changes on disk, and the watcher's start competes for the thread.
   */
  get indexing(): boolean {
    return this.crawling || this.settingUp;
  }

  get size(): number {
    return this.items.length;
  }

  /** Changes whenever a file is added or removed: results computed on the files stay valid while it holds. */
  get version(): number {
    return this.changeCount;
  }

  /** The indexed files, prepared for fuzzy matching. Valid until the next change; do not keep. */
  candidates(): readonly FuzzyCandidate[] {
    return this.items;
  }

  has(relativePath: string): boolean {
    return this.positions.has(relativePath);
  }

  /** Resolves when the first crawl has finished. */
  async ready(): Promise<void> {
    await this.crawled;
  }

  /** Resolves when the watcher is reporting changes (or has given up). */
  live(): Promise<void> {
    return this.watching;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.pending.clear();
    await this.crawled;
    await this.watching;
    await this.stopWatcher();
  }

  private add(relativePath: string): boolean {
    if (this.positions.has(relativePath)) return false;
    this.changeCount++;
    this.positions.set(relativePath, this.items.length);
    this.items.push(fuzzyCandidate(relativePath));
    return true;
  }

  private remove(relativePath: string): boolean {
    const position = this.positions.get(relativePath);
    if (position === undefined) return false;
    this.changeCount++;
    // Swap with the last item so removal costs the same on 100,000 files as on ten.
    const last = this.items.pop() as FuzzyCandidate;
    if (position < this.items.length) {
      this.items[position] = last;
      this.positions.set(last.path, position);
    }
    this.positions.delete(relativePath);
    return true;
  }

  private removeFolder(relativeFolder: string): void {
    const prefix = `${relativeFolder}/`;
    const inside = this.items.filter((item) => item.path.startsWith(prefix)).map((item) => item.path);
    for (const path of inside) this.remove(path);
  }

  /**
   * Watches each folder by itself (chokidar's `depth: 0`), a few hundred at a time with a pause
   * until the event loop is quiet, because chokidar reads and stats every entry of a folder it
   * starts watching: 100,000 at once would keep the process busy for seconds.
   */
  private async startWatcher(crawled: readonly CrawledFolder[]): Promise<void> {
    if (this.closed) return;
    const { folder, excluded } = this.options;
    const [first = [folder], ...rest] = chunks(crawled, (relativePath) => (relativePath === '' ? folder : join(folder, relativePath)));
    const watcher = (this.options.watch ?? watch)(first, {
      ignoreInitial: true,
      followSymlinks: false,
      ignorePermissionErrors: true,
      depth: 0,
      // Everything but folders is left to the folders' own watches (see the top of this file).
      ignored: (path: string, stats?: Stats) => {
        if (stats && !stats.isDirectory()) return true;
        const relativePath = this.relativeOf(path);
        return relativePath !== null && relativePath !== '' && excluded.hides(relativePath);
      },
    });
    this.watcher = watcher;
    watcher.on('addDir', (path) => void this.onFolderAdded(path));
    watcher.on('unlinkDir', (path) => this.onFolderRemoved(path));
    watcher.on('raw', (_event, name: string | null, details) => this.onRaw(name, (details as { watchedPath?: string }).watchedPath));
    const ready = new Promise<void>((done) => watcher.once('ready', () => done()));
    const failed = new Promise<void>((done) => {
      watcher.on('error', (error) => {
        void this.onWatcherError(error).then(done);
      });
    });
    await Promise.race([ready, failed]);
    // Files may have come or gone between the crawl reading a folder and its watch starting.
    const crawledFiles = this.filesByFolder();
    await this.reconcile(first, crawledFiles);
    for (const chunk of rest) {
      if (this.closed || this.watcher !== watcher) return;
      watcher.add(chunk);
      await untilQuiet();
      await this.reconcile(chunk, crawledFiles);
    }
  }

  /** The indexed files' names by folder (relative), as the crawl left them. */
  private filesByFolder(): Map<string, string[]> {
    const byFolder = new Map<string, string[]>();
    for (const { path, nameStart } of this.items) {
      const folder = nameStart === 0 ? '' : path.slice(0, nameStart - 1);
      const names = byFolder.get(folder) ?? [];
      names.push(path.slice(nameStart));
      byFolder.set(folder, names);
    }
    return byFolder;
  }

  /** Marks for checking every file that is in one of `folders` now but was not crawled, or the other way round. */
  private async reconcile(folders: readonly string[], crawledFiles: ReadonlyMap<string, string[]>): Promise<void> {
    for (const path of folders) {
      const relativeFolder = this.relativeOf(path);
      if (this.closed || relativeFolder === null) return;
      const entries = await readdir(path, { withFileTypes: true }).catch(() => [] as Dirent[]);
      const now = new Set(entries.filter((entry) => !entry.isDirectory()).map((entry) => entry.name));
      for (const entry of entries) {
        const relativePath = relativeFolder === '' ? entry.name : `${relativeFolder}/${entry.name}`;
        if (entry.isFile() && !this.has(relativePath) && !this.options.excluded.matches(relativePath)) this.touched.add(join(path, entry.name));
      }
      for (const name of crawledFiles.get(relativeFolder) ?? []) if (!now.has(name)) this.touched.add(join(path, name));
    }
    if (this.touched.size > 0) this.scheduleFlush();
  }

  private async stopWatcher(): Promise<void> {
    const watcher = this.watcher;
    this.watcher = null;
    await watcher?.close();
  }

  private async onWatcherError(error: unknown): Promise<void> {
    const code = errnoOf(error);
    if (code !== 'ENOSPC' && code !== 'EMFILE') return;
    if (!this.watcher) return;
    const why =
      code === 'ENOSPC'
        ? 'the system limit on watched folders is reached (raise fs.inotify.max_user_watches)'
        : 'too many files are open';
    this.options.log(
      `Quire: live updates of ${this.options.folder} are off: ${why}. The file tree and quick open show the files as they were when the folder was opened.`,
    );
    await this.stopWatcher();
  }

  /** A folder's watch saw `name` in it change: a file came, went or was written. */
  private onRaw(name: string | null, watchedPath: string | undefined): void {
    if (this.closed || !name || !watchedPath) return;
    const path = join(watchedPath, name);
    const relativePath = this.relativeOf(path);
    if (relativePath === null || relativePath === '' || this.options.excluded.hides(relativePath)) return;
    this.touched.add(path);
    this.scheduleFlush();
  }

  /**
   * A new folder (created, or moved in with everything in it). chokidar reports it but, with
   * `depth: 0`, watches nothing inside: its files are indexed and its folders watched here.
   */
  private async onFolderAdded(path: string): Promise<void> {
    const relativeFolder = this.relativeOf(path);
    if (this.closed || relativeFolder === null || relativeFolder === '') return;
    this.queue({ path, kind: 'added', isDirectory: true });
    const found: string[] = [];
    const folders = await crawlFolder(path, this.options.excluded.within(relativeFolder), {
      onFiles: (files) => found.push(...files),
      cancelled: () => this.closed,
    });
    for (const file of found) this.touched.add(join(path, file));
    this.scheduleFlush();
    const watched = folders.map((crawledFolder) => (crawledFolder.path === '' ? path : join(path, crawledFolder.path)));
    this.watcher?.add(watched);
    // A file written after the crawl read its folder but before that folder's watch started
    // is seen by neither: once the watches are up, read the new folders once more.
    await untilQuiet();
    await this.reconcile(watched, new Map());
  }

  private onFolderRemoved(path: string): void {
    const relativePath = this.relativeOf(path);
    if (this.closed || relativePath === null || relativePath === '') return;
    this.removeFolder(relativePath);
    this.queue({ path, kind: 'removed', isDirectory: true });
  }

  /** Brings the index up to date with one touched path and queues what changed. */
  private async check(path: string): Promise<void> {
    const relativePath = this.relativeOf(path);
    if (relativePath === null) return;
    const info = await lstat(path).catch(() => null);
    const isFile = info !== null && (info.isFile() || (info.isSymbolicLink() && (await isLinkToFileInside(this.options.folder, relativePath))));
    if (isFile) {
      const added = this.add(relativePath);
      this.queue({ path, kind: added ? 'added' : 'changed', isDirectory: false });
    } else if (this.remove(relativePath)) {
      this.queue({ path, kind: 'removed', isDirectory: false });
    } else if (info !== null && !info.isDirectory()) {
      // A link leading out or to a folder, a pipe: shown in the tree, never indexed.
      this.queue({ path, kind: 'changed', isDirectory: false });
    }
  }

  private queue(change: FileTreeChange): void {
    const earlier = this.pending.get(change.path);
    // A file created and then written within one batch is still news as `added`.
    const kind = earlier?.kind === 'added' && change.kind === 'changed' ? 'added' : change.kind;
    this.pending.delete(change.path);
    this.pending.set(change.path, { ...change, kind });
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.closed) return;
    this.flushTimer ??= setTimeout(() => void this.flush(), CHANGE_BATCH_MS);
  }

  /** Checks the touched files, then sends everything gathered as one batch. */
  private async flush(): Promise<void> {
    const touched = [...this.touched];
    this.touched = new Set();
    for (let i = 0; i < touched.length; i += PARALLEL_CHECKS) {
      await Promise.all(touched.slice(i, i + PARALLEL_CHECKS).map((path) => this.check(path)));
    }
    // Cleared only now, so changes that arrive during the checks wait for the next batch.
    this.flushTimer = null;
    const changes = [...this.pending.values()];
    this.pending = new Map();
    if (changes.length > 0 && !this.closed) this.options.onChanges(changes);
    if (this.touched.size > 0 || this.pending.size > 0) this.scheduleFlush();
  }

  private relativeOf(path: string): string | null {
    return relativeInside(this.options.folder, path);
  }
}

/** Resolves once the event loop keeps time again: the work started before has mostly run. */
async function untilQuiet(): Promise<void> {
  for (let probe = 0; probe < 500; probe++) {
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, QUIET_PROBE_MS));
    if (performance.now() - started < QUIET_PROBE_MS * 2) return;
  }
}

/** The folders' absolute paths in groups of about WATCH_CHUNK_ENTRIES entries. */
function chunks(folders: readonly CrawledFolder[], absolute: (relativePath: string) => string): string[][] {
  const groups: string[][] = [];
  let group: string[] = [];
  let entries = 0;
  for (const folder of folders) {
    group.push(absolute(folder.path));
    entries += folder.entries + 1;
    if (entries >= WATCH_CHUNK_ENTRIES) {
      groups.push(group);
      group = [];
      entries = 0;
    }
  }
  if (group.length > 0) groups.push(group);
  return groups;
}
