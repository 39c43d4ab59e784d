/**
 * The workspace's part of the contract: the open folder, its file tree and file names, search
 * across its files, hot-exit backups and the settings. Declared here, wired into `requests`
 * and `events` in contract.ts.
 */
import { z } from 'zod';
import { Eol, FileStamp } from './contract-primitives.js';

const MAX_PATH_LENGTH = 4096;
const filePath = z.string().min(1).max(MAX_PATH_LENGTH);

/** The folder open in this window, if any. */
export const WorkspaceInfo = z.object({
  /** Real path of the open folder; null when none is open (the desktop app can start empty). */
  folder: z.string().nullable(),
  /** The folder's name, for the Explorer's title and the window title. */
  name: z.string().nullable(),
  /**
   * True in the browser edition: only paths inside `folder`, the files named on the command
   * line and settings.json can be reached; anything else is refused with `outside-workspace`.
   */
  confined: z.boolean(),
  /** Where "Open Folder…" may pick from: anywhere (null), or inside this folder (browser edition). */
  openableRoot: z.string().nullable(),
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfo>;

export const TreeEntry = z.object({
  name: z.string(),
  kind: z.enum(['file', 'directory', 'other']),
  /** A symbolic link (shown as what it points to; never followed out of the workspace). */
  symlink: z.boolean(),
});
export type TreeEntry = z.infer<typeof TreeEntry>;

/** One change in the workspace's files, as the Explorer and quick open apply it. */
export const FileTreeChange = z.object({
  /** Absolute path. */
  path: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  isDirectory: z.boolean(),
});
export type FileTreeChange = z.infer<typeof FileTreeChange>;

/** A quick-open row: a workspace file, its fuzzy score and the matched characters of `relativePath`. */
export const FileMatch = z.object({
  path: z.string(),
  relativePath: z.string(),
  score: z.number(),
  /** UTF-16 offsets in `relativePath` of the characters the query matched, ascending. */
  positions: z.array(z.number().int().nonnegative()),
});
export type FileMatch = z.infer<typeof FileMatch>;

export const SearchQuery = z.object({
  pattern: z.string().min(1).max(10_000),
  isRegex: z.boolean(),
  matchCase: z.boolean(),
  wholeWord: z.boolean(),
  /** Comma-separated globs (`src/**, *.ts`); empty means every file. */
  include: z.string().max(10_000),
  /** Comma-separated globs to leave out, on top of `files.exclude` and ignore files. */
  exclude: z.string().max(10_000),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

/** One line with matches. Columns are UTF-16 offsets into `text`, 0-based, end exclusive. */
export const SearchLineMatch = z.object({
  /** 1-based line number. */
  line: z.number().int().positive(),
  /** The line's text (long lines are cut around the first match; `textOffset` says where it starts). */
  text: z.string(),
  /** UTF-16 offset in the full line where `text` starts (0 unless the line was cut). */
  textOffset: z.number().int().nonnegative(),
  ranges: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])),
});
export type SearchLineMatch = z.infer<typeof SearchLineMatch>;

export const SearchFileResult = z.object({
  /** Absolute path. */
  path: z.string(),
  matches: z.array(SearchLineMatch),
});
export type SearchFileResult = z.infer<typeof SearchFileResult>;

export const SearchEngine = z.enum(['ripgrep', 'built-in']);
export type SearchEngine = z.infer<typeof SearchEngine>;

export const SearchSummary = z.object({
  files: z.number().int().nonnegative(),
  matches: z.number().int().nonnegative(),
  /** The result limit was reached and the search stopped early. */
  limitHit: z.boolean(),
  cancelled: z.boolean(),
  elapsedMs: z.number().nonnegative(),
});
export type SearchSummary = z.infer<typeof SearchSummary>;

export const CursorPosition = z.object({
  lineNumber: z.number().int().positive(),
  column: z.number().int().positive(),
});
export type CursorPosition = z.infer<typeof CursorPosition>;

/** What a hot-exit backup says about its tab, besides the text. */
export const BackupMeta = z.object({
  /** Stable per tab for its life: the document's id in this window. */
  key: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
  /** The file the tab edits; null for an untitled tab. */
  path: filePath.nullable(),
  /** Tab name (`notes.md`, `Untitled-2`). */
  name: z.string().min(1).max(1024),
  languageId: z.string().min(1).max(256),
  eol: Eol,
  bom: z.boolean(),
  cursor: CursorPosition,
  /** The file on disk the unsaved text was based on; null when untitled or deleted on disk. */
  diskStamp: FileStamp.nullable(),
  /** Where the tab stood among the tabs, to reopen them in order. */
  tabIndex: z.number().int().nonnegative(),
  /** Milliseconds since the epoch when the backup was taken. */
  backedUpAt: z.number().nonnegative(),
});
export type BackupMeta = z.infer<typeof BackupMeta>;

export const Backup = z.object({ meta: BackupMeta, text: z.string() });
export type Backup = z.infer<typeof Backup>;

/** A backup file that could not be read: kept aside under `keptAt`, never deleted. */
export const UnreadableBackup = z.object({ file: z.string(), keptAt: z.string(), reason: z.string() });
export type UnreadableBackup = z.infer<typeof UnreadableBackup>;

/** The settings the renderer acts on (the plugin ones stay in main). */
export const EditorSettings = z.object({
  /** Keep unsaved text across quits and crashes (default on). */
  hotExit: z.boolean(),
  /** Globs (relative to the workspace) hidden from the Explorer, quick open and search. */
  filesExclude: z.array(z.string()),
  /** Globs left out of search only, on top of `filesExclude`. */
  searchExclude: z.array(z.string()),
  fontSize: z.number(),
  tabSize: z.number().int(),
  insertSpaces: z.boolean(),
  wordWrap: z.enum(['off', 'on']),
});
export type EditorSettings = z.infer<typeof EditorSettings>;

export const SettingsProblem = z.object({ key: z.string(), message: z.string() });
export type SettingsProblem = z.infer<typeof SettingsProblem>;

export const SettingsState = z.object({
  /** Absolute path of settings.json (opened in a tab by "Preferences: Open Settings (JSON)"). */
  path: z.string(),
  values: EditorSettings,
  /** Keys whose values were invalid and ignored (their defaults apply), or a file that is not JSON. */
  problems: z.array(SettingsProblem),
});
export type SettingsState = z.infer<typeof SettingsState>;

export const workspaceRequests = {
  /** The open folder. */
  'workspace.get': { params: z.object({}), result: WorkspaceInfo },
  /** Opens `folder` as the workspace (its session and backups come with it). */
  'workspace.open': { params: z.object({ folder: filePath }), result: WorkspaceInfo },
  /** One folder of the tree, folders first, `files.exclude` applied. */
  'workspace.list': {
    params: z.object({ path: filePath }),
    result: z.object({ path: z.string(), entries: z.array(TreeEntry), truncated: z.boolean() }),
  },
  /** Fuzzy file-name search over every workspace file; `recent` (absolute paths) rank first. */
  'workspace.findFiles': {
    params: z.object({ query: z.string().max(1024), limit: z.number().int().min(1).max(1000), recent: z.array(filePath).max(200) }),
    result: z.object({
      matches: z.array(FileMatch),
      /**
       * How many files are indexed; `indexing` is true until the first crawl has finished and
       * the folder is watched, so the list may still miss changes on disk.
       */
      total: z.number().int().nonnegative(),
      indexing: z.boolean(),
    }),
  },
  'workspace.createFile': { params: z.object({ path: filePath }), result: z.object({}) },
  'workspace.createFolder': { params: z.object({ path: filePath }), result: z.object({}) },
  /** Renames or moves a file or folder; refuses to replace an existing one. */
  'workspace.rename': { params: z.object({ from: filePath, to: filePath }), result: z.object({}) },
  /**
   * Moves to the system trash when there is one (`trashed: true`); with `permanently` it
   * deletes instead (the renderer asks first).
   */
  'workspace.delete': {
    params: z.object({ path: filePath, permanently: z.boolean() }),
    result: z.object({ trashed: z.boolean() }),
  },
  /** Starts a search; results arrive as `search.results` events, then one `search.done`. */
  'search.start': {
    params: z.object({ searchId: z.number().int().nonnegative(), query: SearchQuery, maxResults: z.number().int().min(1).max(100_000) }),
    result: z.object({
      engine: SearchEngine,
      /** One line to show when the slower built-in search is used (ripgrep missing). */
      notice: z.string().nullable(),
    }),
  },
  'search.cancel': { params: z.object({ searchId: z.number().int().nonnegative() }), result: z.object({}) },
  /** Writes a tab's hot-exit backup atomically, replacing its previous one. */
  'backup.write': { params: Backup, result: z.object({}) },
  /** The tab was saved or its changes discarded: drop its backup. */
  'backup.discard': { params: z.object({ key: BackupMeta.shape.key }), result: z.object({}) },
  /** The workspace's backups to restore, and any that could not be read (kept aside). */
  'backup.list': {
    params: z.object({}),
    result: z.object({ backups: z.array(Backup), unreadable: z.array(UnreadableBackup) }),
  },
  /** The settings as they apply now, with any problems in settings.json. */
  'settings.get': { params: z.object({}), result: SettingsState },
} as const;

export const workspaceEvents = {
  /** Another folder was opened in this window. */
  'workspace.changed': WorkspaceInfo,
  /** Files appeared, changed or vanished in the workspace (gathered, a few times a second). */
  'workspace.files': z.object({ changes: z.array(FileTreeChange) }),
  /** More results of a running search. */
  'search.results': z.object({ searchId: z.number().int().nonnegative(), files: z.array(SearchFileResult) }),
  /** A search ended: finished, cancelled, hit its limit, or failed (`error`). */
  'search.done': z.object({
    searchId: z.number().int().nonnegative(),
    summary: SearchSummary,
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
  }),
  /** settings.json changed (saved in Quire or elsewhere). */
  'settings.changed': SettingsState,
} as const;
