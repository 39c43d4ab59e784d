/**
 * The folder open in one window (desktop) or served by one `quire serve` (browser edition),
 * shared by every connection to it: its file index and watcher, its session and backups, and
 * the path policy that confines the browser edition to it.
 *
 *   new Workspace(options: WorkspaceOptions)         // sync; starts indexing `options.folder` at once
 *   folder(): string | null                          // real path of the open folder
 *   info(): WorkspaceInfo                            // { folder, name, confined, openableRoot }
 *   open(folder): Promise<Outcome<WorkspaceInfo>>    // switches folder, tells onDidChange
 *   onDidChange(listener: (info) => void): () => void             // 'workspace.changed' (also after files.exclude changed)
 *   onFiles(listener: (changes: FileTreeChange[]) => void): () => void   // 'workspace.files', ~100 ms batches
 *   sessionStore(): SessionStore                     // <config>/workspaces/<id>/session.json; <config>/session.json with no folder
 *   backupFolder(): string                           // <config>/Backups/<id>, or <config>/Backups/empty with no folder
 *   excludes(): string[]                             // effective files.exclude globs (relative to the folder)
 *   isExcluded(absolutePath): boolean                // files.exclude applied to one path in the folder
 *   checkPath(path, target?: 'file' | 'entry'): Promise<Outcome<string>>  // the path policy; ok → absolute path
 *   findFiles(query, limit, recent): FindFilesResult // quick open
 *   list(path) / createFile(path) / createFolder(path) / rename(from, to) / delete(path, permanently)
 *   indexed(): Promise<void>                         // the open folder's first crawl has ended
 *   watching(): Promise<void>                        // its watcher reports changes (or has given up)
 *   close(): Promise<void>
 *
 * `<id>` is `folderId(folder)`: the first 16 hex digits of the SHA-256 of the folder's real path.
 */
import { createHash } from 'node:crypto';
import { realpathSync, statSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { findBestPaths, narrows, type FuzzyCandidate } from '../../app/fuzzy-path.js';
import type { Outcome } from '../../app/contract.js';
import type { FileMatch, FileTreeChange, WorkspaceInfo } from '../../app/workspace-contract.js';
import { errorCodeOf } from '../services/fs-errors.js';
import { SessionStore } from '../services/session-store.js';
import { excludeMatcher, type ExcludeMatcher } from './exclude-matcher.js';
import { FileIndex, type WatchFunction } from './file-index.js';
import { isInside, outsideWorkspace, PathPolicy, relativeInside, type PathTarget } from './path-policy.js';
import { createFile, createFolder, deleteEntry, listFolder, renameEntry, type FolderListing } from './workspace-files.js';
import { openFolderError } from './workspace-messages.js';
import { WorkspaceStateStore } from './workspace-state.js';

export interface WorkspaceOptions {
  configDir: string;
  /** The folder to open at once (absolute); null opens none. */
  folder: string | null;
  /**
   * The browser edition: requests reach only `folder` as given here (the served folder), the
   * `namedFiles` and settings.json, and Open Folder only picks inside the served folder.
   */
  confined: boolean;
  /** The files named on the command line. */
  namedFiles?: readonly string[];
  /** The effective `files.exclude` globs (SettingsService.excludes); none when absent. */
  excludes?: () => string[];
  /** Subscribes to changes that may change `excludes()` (SettingsService.onChange); returns the unsubscribe. */
  onExcludesChange?: (listener: () => void) => () => void;
  /** Remembers the open folder for `lastWorkspaceFolder` (default: when not confined). */
  rememberFolder?: boolean;
  /** Where one-line notices go (the watcher giving up); console.warn by default. */
  log?: (line: string) => void;
  /** Starts the file watcher; chokidar's `watch` unless a test wraps it. */
  watch?: WatchFunction;
}

export interface FindFilesResult {
  matches: FileMatch[];
  /** How many files are indexed. */
  total: number;
  /** True while the first crawl of the folder runs. */
  indexing: boolean;
}

type Empty = Record<string, never>;

/** The open folder with what belongs to it. */
interface OpenFolder {
  folder: string;
  /** First 16 hex digits of sha256(folder): names its session and backup folders. */
  id: string;
  excluded: ExcludeMatcher;
  index: FileIndex;
}

export class Workspace {
  private current: OpenFolder | null = null;
  private readonly policy: PathPolicy;
  private readonly changeListeners = new Set<(info: WorkspaceInfo) => void>();
  private readonly fileListeners = new Set<(changes: FileTreeChange[]) => void>();
  private readonly sessions = new Map<string, SessionStore>();
  private readonly state: WorkspaceStateStore;
  private readonly stopExcludes: () => void;
  private excludeGlobs: string[];
  private closed = false;
  /** The folder switch under way, if any. */
  private opening: Promise<unknown> = Promise.resolve();
  /** The last write of the remembered folder, awaited on close. */
  private remembering: Promise<void> = Promise.resolve();
  /** The last quick-open query and the files it matched: a query typed on from it searches only those. */
  private lastSearch: { index: FileIndex; version: number; query: string; matched: FuzzyCandidate[] } | null = null;

  constructor(private readonly options: WorkspaceOptions) {
    this.state = new WorkspaceStateStore(options.configDir);
    this.excludeGlobs = options.excludes?.() ?? [];
    const folder = options.folder === null ? null : this.realFolder(options.folder);
    this.policy = new PathPolicy({
      confined: options.confined,
      root: folder,
      allowedFiles: [...(options.namedFiles ?? []), join(options.configDir, 'settings.json')],
    });
    if (folder !== null) this.switchTo(folder);
    this.stopExcludes = options.onExcludesChange?.(() => this.excludesMayHaveChanged()) ?? (() => undefined);
  }

  /** Real path of the open folder; null when none is open. */
  folder(): string | null {
    return this.current?.folder ?? null;
  }

  info(): WorkspaceInfo {
    const folder = this.folder();
    return {
      folder,
      name: folder === null ? null : basename(folder) || folder,
      confined: this.policy.confined,
      openableRoot: this.policy.confined ? this.policy.root : null,
    };
  }

  /** Opens `folder` in place of the current one; in the browser edition only inside the served folder. */
  open(folder: string): Promise<Outcome<WorkspaceInfo>> {
    // One switch at a time, so two quick opens cannot leave a folder's watcher running unseen.
    const opened = this.opening.then(() => this.switchFolder(folder));
    this.opening = opened.catch(() => undefined);
    return opened;
  }

  private async switchFolder(folder: string): Promise<Outcome<WorkspaceInfo>> {
    const absolute = resolve(folder);
    let real: string;
    try {
      real = await realpath(absolute);
      if (!(await stat(real)).isDirectory()) return { ok: false, error: openFolderError(absolute, 'not-a-directory') };
    } catch (err) {
      return { ok: false, error: openFolderError(absolute, errorCodeOf(err), err) };
    }
    if (this.policy.confined) {
      const root = this.policy.root;
      if (root === null || !isInside(real, root)) return { ok: false, error: outsideWorkspace(absolute, root) };
    }
    if (real !== this.folder() && !this.closed) {
      await this.current?.index.close();
      this.switchTo(real);
      this.notifyChange();
    }
    return { ok: true, value: this.info() };
  }

  /** Calls `listener` when another folder is opened or `files.exclude` changed; returns the unsubscribe. */
  onDidChange(listener: (info: WorkspaceInfo) => void): () => void {
    this.changeListeners.add(listener);
    return () => {
      this.changeListeners.delete(listener);
    };
  }

  /** Calls `listener` with each batch (about every 100 ms) of file changes in the folder; returns the unsubscribe. */
  onFiles(listener: (changes: FileTreeChange[]) => void): () => void {
    this.fileListeners.add(listener);
    return () => {
      this.fileListeners.delete(listener);
    };
  }

  /** The open tabs of this folder: `<config>/workspaces/<id>/session.json`, or `<config>/session.json` with no folder. */
  sessionStore(): SessionStore {
    const id = this.current?.id ?? '';
    let store = this.sessions.get(id);
    if (!store) {
      store = new SessionStore(id === '' ? this.options.configDir : join(this.options.configDir, 'workspaces', id));
      this.sessions.set(id, store);
    }
    return store;
  }

  /** Where this folder's hot-exit backups go: `<config>/Backups/<id>`, or `<config>/Backups/empty` with no folder. */
  backupFolder(): string {
    return join(this.options.configDir, 'Backups', this.current?.id ?? 'empty');
  }

  /** The `files.exclude` globs in effect, relative to the folder. */
  excludes(): string[] {
    return [...this.excludeGlobs];
  }

  /** Whether `files.exclude` hides `path` (absolute); false for paths outside the folder. */
  isExcluded(path: string): boolean {
    const current = this.current;
    const relativePath = current ? relativeInside(current.folder, resolve(path)) : null;
    return current !== null && relativePath !== null && current.excluded.hides(relativePath);
  }

  /**
   * The path policy: the absolute path when a request may use it, else `outside-workspace`.
   * `file` follows the path (read, write, list, watch); `entry` acts on the entry itself (rename, delete).
   */
  checkPath(path: string, target: PathTarget = 'file'): Promise<Outcome<string>> {
    return this.policy.check(path, target);
  }

  /** Quick open: the best `limit` files for `query`; `recent` (absolute, most recent first) rank first. */
  findFiles(query: string, limit: number, recent: readonly string[]): FindFilesResult {
    const current = this.current;
    if (!current) return { matches: [], total: 0, indexing: false };
    const recentRelative = recent.map((path) => relativeInside(current.folder, resolve(path))).filter((path): path is string => !!path);
    const { index } = current;
    const last = this.lastSearch;
    const narrowed = last !== null && last.index === index && last.version === index.version && narrows(query, last.query);
    const matched: FuzzyCandidate[] = [];
    const matches = findBestPaths(query, narrowed ? last.matched : index.candidates(), { limit, recent: recentRelative, matched });
    this.lastSearch = { index, version: index.version, query, matched };
    return {
      matches: matches.map((match) => ({
        path: join(current.folder, match.path),
        relativePath: match.path,
        score: match.score,
        positions: match.positions,
      })),
      total: current.index.size,
      indexing: current.index.indexing,
    };
  }

  /** One folder for the Explorer: folders first, natural order, `files.exclude` applied inside the workspace. */
  async list(path: string): Promise<Outcome<FolderListing>> {
    const allowed = await this.checkPath(path);
    if (!allowed.ok) return allowed;
    const folder = allowed.value;
    const current = this.current;
    const relativeFolder = current ? relativeInside(current.folder, folder) : null;
    const hidden = (name: string): boolean =>
      current !== null && relativeFolder !== null && current.excluded.matches(relativeFolder === '' ? name : `${relativeFolder}/${name}`);
    return listFolder(folder, hidden);
  }

  /** Creates an empty file (and missing folders above it); refuses one that exists with `already-exists`. */
  async createFile(path: string): Promise<Outcome<Empty>> {
    const allowed = await this.checkPath(path);
    return allowed.ok ? createFile(allowed.value) : allowed;
  }

  /** Creates a folder (and missing folders above it); refuses one that exists with `already-exists`. */
  async createFolder(path: string): Promise<Outcome<Empty>> {
    const allowed = await this.checkPath(path);
    return allowed.ok ? createFolder(allowed.value) : allowed;
  }

  /** Renames or moves; never replaces an existing `to` (`already-exists`); case-only renames work. */
  async rename(from: string, to: string): Promise<Outcome<Empty>> {
    const source = await this.checkPath(from, 'entry');
    if (!source.ok) return source;
    const target = await this.checkPath(to, 'entry');
    if (!target.ok) return target;
    return renameEntry(source.value, target.value);
  }

  /** To the system trash (`trashed: true`), or with `permanently` deleted; `unsupported` when no trash can take it. */
  async delete(path: string, permanently: boolean): Promise<Outcome<{ trashed: boolean }>> {
    const allowed = await this.checkPath(path, 'entry');
    return allowed.ok ? deleteEntry(allowed.value, permanently) : allowed;
  }

  /** Resolves when the open folder's first crawl has finished (at once with no folder). */
  async indexed(): Promise<void> {
    await this.current?.index.ready();
  }

  /** Resolves when the open folder's watcher reports changes (or has given up). */
  async watching(): Promise<void> {
    await this.current?.index.live();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.opening;
    this.stopExcludes();
    this.changeListeners.clear();
    this.fileListeners.clear();
    await this.current?.index.close();
    await this.remembering;
  }

  /** The real path of a folder given at start, or null (said in the log) when it is not one. */
  private realFolder(folder: string): string | null {
    try {
      const real = realpathSync(resolve(folder));
      if (statSync(real).isDirectory()) return real;
      this.log(`Quire: ${folder} is not a folder; no folder is open.`);
    } catch (err) {
      this.log(`Quire: cannot open the folder ${folder} (${err instanceof Error ? err.message : String(err)}); no folder is open.`);
    }
    return null;
  }

  private switchTo(folder: string): void {
    const excluded = excludeMatcher(this.excludeGlobs);
    const index = new FileIndex({
      folder,
      excluded,
      onChanges: (changes) => {
        for (const listener of this.fileListeners) listener(changes);
      },
      log: (line) => this.log(line),
      ...(this.options.watch ? { watch: this.options.watch } : {}),
    });
    this.current = { folder, id: folderId(folder), excluded, index };
    this.lastSearch = null;
    if (this.options.rememberFolder ?? !this.options.confined) {
      this.remembering = this.state.set({ lastFolder: folder }).catch((err: unknown) => {
        this.log(`Quire: cannot remember the open folder (${err instanceof Error ? err.message : String(err)}).`);
      });
    }
  }

  private excludesMayHaveChanged(): void {
    const globs = this.options.excludes?.() ?? [];
    if (this.closed || sameList(globs, this.excludeGlobs)) return;
    this.excludeGlobs = globs;
    const current = this.current;
    if (!current) return;
    // Everything hidden or shown may differ: index again and let the Explorer list again.
    void current.index.close();
    this.switchTo(current.folder);
    this.notifyChange();
  }

  private notifyChange(): void {
    const info = this.info();
    for (const listener of this.changeListeners) listener(info);
  }

  private log(line: string): void {
    (this.options.log ?? console.warn)(line);
  }
}

/** Names a folder's session and backups: the first 16 hex digits of the SHA-256 of its real path. */
export function folderId(folder: string): string {
  return createHash('sha256').update(folder).digest('hex').slice(0, 16);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
