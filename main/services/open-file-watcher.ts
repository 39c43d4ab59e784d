/**
 * Tells the editor when a file it has open changes on disk or disappears, but not when the
 * change is Quire's own save.
 *
 * Each event only prompts a fresh stat of the file, which is compared with the last state
 * reported or noted (`noteRead`/`noteWritten`); only a real difference is reported. That one
 * rule suppresses our own saves, duplicate events and the unlink/add pairs of editors that
 * save by renaming a new file over the old one.
 */
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { EventPayload, FileStamp } from '../../app/contract.js';
import { errnoOf } from './fs-errors.js';

export type FileChange = EventPayload<'file.changed'>;

/** How long a path must be quiet before it is checked, so bursts of events cost one stat. */
const SETTLE_MS = 50;
/** How long a file's size must hold still before chokidar reports it, so half-written files are not. */
const WRITE_STABILITY_MS = 100;

type DiskState = FileStamp | 'deleted';

/** One chokidar watcher on a folder, letting through only the open files inside it. */
type FolderWatch = { files: ReadonlySet<string>; watcher: FSWatcher; ready: Promise<void> };

export class OpenFileWatcher {
  private paths = new Set<string>();
  private readonly folders = new Map<string, FolderWatch>();
  /** Every watcher not yet closed, including ones being replaced. */
  private readonly watchers = new Set<FSWatcher>();
  private readonly lastKnown = new Map<string, DiskState>();
  private readonly settleTimers = new Map<string, NodeJS.Timeout>();
  private readonly checks = new Map<string, Promise<void>>();
  private closed = false;

  constructor(private readonly onChange: (change: FileChange) => void) {}

  /** Replaces the set of watched files. */
  setPaths(paths: string[]): void {
    if (this.closed) return;
    this.paths = new Set(paths.map((path) => resolve(path)));
    for (const path of this.lastKnown.keys()) {
      if (!this.paths.has(path)) this.lastKnown.delete(path);
    }

    const wanted = new Map<string, Set<string>>();
    for (const path of this.paths) {
      const folder = dirname(path);
      const files = wanted.get(folder) ?? new Set<string>();
      files.add(path);
      wanted.set(folder, files);
    }
    for (const [folder, current] of this.folders) {
      if (!wanted.has(folder)) {
        this.folders.delete(folder);
        this.retire(current.watcher);
      }
    }
    for (const [folder, files] of wanted) {
      const current = this.folders.get(folder);
      if (current && sameMembers(current.files, files)) continue;
      const next = this.watchFolder(folder, files);
      this.folders.set(folder, next);
      // The old watcher keeps reporting until the new one is ready, so no change slips through
      // in between; the overlap's duplicate events are absorbed by the state comparison.
      if (current) void next.ready.then(() => this.retire(current.watcher));
    }
  }

  /** Our own save produced this state: the events it causes are not news. */
  noteWritten(path: string, stamp: FileStamp): void {
    this.lastKnown.set(resolve(path), stamp);
  }

  /** The editor has just read this state of the file. */
  noteRead(path: string, stamp: FileStamp): void {
    this.lastKnown.set(resolve(path), stamp);
  }

  /** Resolves once every folder watch for the current set has finished its initial scan. */
  async ready(): Promise<void> {
    await Promise.all([...this.folders.values()].map((folder) => folder.ready));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.settleTimers.values()) clearTimeout(timer);
    this.settleTimers.clear();
    this.folders.clear();
    await Promise.all([...this.watchers].map((watcher) => this.retire(watcher)));
  }

  private watchFolder(folder: string, files: ReadonlySet<string>): FolderWatch {
    // Watching the folder rather than each file is what sees a file replaced by rename
    // (a new inode under the old name) or deleted and created again.
    const watcher = watch(folder, {
      ignoreInitial: true,
      depth: 0,
      awaitWriteFinish: { stabilityThreshold: WRITE_STABILITY_MS, pollInterval: 25 },
      ignored: (path: string) => path !== folder && !files.has(path),
    });
    this.watchers.add(watcher);
    watcher.on('all', (event, path) => {
      if (event === 'unlinkDir' && path === folder) {
        for (const file of files) this.settleThenCheck(file);
      } else {
        this.settleThenCheck(path);
      }
    });
    // A failing watch must not take main down; the file's next read or save reports real problems.
    watcher.on('error', () => undefined);
    const ready = new Promise<void>((done) => watcher.once('ready', () => done()));
    return { files, watcher, ready };
  }

  private async retire(watcher: FSWatcher): Promise<void> {
    if (!this.watchers.delete(watcher)) return;
    await watcher.close();
  }

  private settleThenCheck(path: string): void {
    if (this.closed || !this.paths.has(path)) return;
    clearTimeout(this.settleTimers.get(path));
    this.settleTimers.set(
      path,
      setTimeout(() => {
        this.settleTimers.delete(path);
        // Checks of one path run one after another, so two cannot report the same change.
        const previous = this.checks.get(path) ?? Promise.resolve();
        const next = previous.then(() => this.check(path));
        this.checks.set(path, next);
        void next.finally(() => {
          if (this.checks.get(path) === next) this.checks.delete(path);
        });
      }, SETTLE_MS),
    );
  }

  private async check(path: string): Promise<void> {
    const state = await diskStateOf(path);
    if (state === undefined || this.closed || !this.paths.has(path)) return;
    if (sameState(this.lastKnown.get(path), state)) return;
    this.lastKnown.set(path, state);
    this.onChange({ path, kind: state === 'deleted' ? 'deleted' : 'changed' });
  }
}

/** The file's state now; undefined when it cannot be told (e.g. its folder became unreadable). */
async function diskStateOf(path: string): Promise<DiskState | undefined> {
  try {
    const info = await stat(path);
    return { mtimeMs: info.mtimeMs, size: info.size };
  } catch (err) {
    const errno = errnoOf(err);
    return errno === 'ENOENT' || errno === 'ENOTDIR' ? 'deleted' : undefined;
  }
}

function sameState(a: DiskState | undefined, b: DiskState): boolean {
  if (a === undefined || a === 'deleted' || b === 'deleted') return a === b;
  return a.mtimeMs === b.mtimeMs && a.size === b.size;
}

function sameMembers(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((item) => b.has(item));
}
