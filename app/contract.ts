/**
 * The one API between the renderer and main, declared once.
 *
 * Both transports (Electron IPC and the browser edition's WebSocket) carry exactly these
 * messages, and main validates every incoming one against these schemas before any handler
 * sees it. Only plain data crosses: no class instances, no functions.
 *
 * Requests are answered with a `Response`: errors are values with a stable `code`, so the
 * renderer can branch on them and show the message as written.
 */
import { z } from 'zod';
import { ERROR_CODES } from './error-codes.js';
import { workspaceEvents, workspaceRequests } from './workspace-contract.js';
import { HandlerKind, PluginCallResult, PluginDocument, PluginFolderInfo, PluginStatusList, pluginOutcome } from './plugin-schemas.js';

/** Largest file Quire opens as text. Bigger files are refused with `too-large`. */
export const MAX_TEXT_FILE_BYTES = 50 * 1024 * 1024;
/** Longest path accepted in any message (Linux PATH_MAX). */
export const MAX_PATH_LENGTH = 4096;
/** Largest single message a transport accepts before parsing it. */
export const MAX_MESSAGE_BYTES = 2 * MAX_TEXT_FILE_BYTES + 1024 * 1024;
/** Most entries a directory listing returns; the rest are counted, not sent. */
export const MAX_DIR_ENTRIES = 5000;

const filePath = z.string().min(1).max(MAX_PATH_LENGTH);
// A UTF-16 string of this many code units can still exceed the byte limit once encoded;
// the file service checks the encoded size too.
const documentText = z.string().max(MAX_TEXT_FILE_BYTES);

export { Eol, FileStamp } from './contract-primitives.js';
import { Eol, FileStamp } from './contract-primitives.js';

/** What the file service knows about a text file's encoding on disk. */
export const TextFormat = z.object({
  /** True when the file starts with the UTF-8 byte order mark; kept on save. */
  bom: z.boolean(),
  /** The file's line ending; a file with none is reported as LF. */
  eol: Eol,
});
export type TextFormat = z.infer<typeof TextFormat>;

export const OpenedFile = z.object({
  path: z.string(),
  /** The text with its line endings as found on disk, without the BOM. */
  text: z.string(),
  format: TextFormat,
  stamp: FileStamp,
});
export type OpenedFile = z.infer<typeof OpenedFile>;

export const DirEntry = z.object({
  name: z.string(),
  kind: z.enum(['file', 'directory', 'other']),
});
export type DirEntry = z.infer<typeof DirEntry>;

export const Edition = z.enum(['desktop', 'browser']);
export type Edition = z.infer<typeof Edition>;

export const AppInfo = z.object({
  edition: Edition,
  version: z.string(),
  platform: z.string(),
  /** Where relative paths typed by the user resolve (the directory `quire` was started in). */
  cwd: z.string(),
  homeDir: z.string(),
  pathSeparator: z.string(),
  /** Files named on the command line, to open on start. */
  initialFiles: z.array(z.string()),
  /** The folder named on the command line to open as the workspace, if any. */
  initialFolder: z.string().nullable(),
  /** Absolute path of settings.json. */
  settingsFile: z.string(),
  /** True where native open/save dialogs exist (desktop only). */
  nativeDialogs: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const Session = z.object({
  /** Files open at the last quit, in tab order. */
  openFiles: z.array(filePath).max(500),
  activeFile: filePath.nullable(),
});
export type Session = z.infer<typeof Session>;

/** Commands main asks the renderer to run (native menu items, second-instance opens). */
export const MenuCommand = z.enum([
  'file.new',
  'file.open',
  'file.save',
  'file.saveAs',
  'file.close',
  'app.quit',
  'file.openFolder',
  'editor.find',
  'workbench.commandPalette',
  'workbench.toggleSideBar',
  'workbench.quickOpen',
  'workbench.findInFiles',
  'workbench.openSettings',
]);
export type MenuCommand = z.infer<typeof MenuCommand>;

/** Every request: its params schema and its result schema. Add new ones here only. */
export const requests = {
  /** About this instance of Quire. */
  'app.info': { params: z.object({}), result: AppInfo },
  /** Quit the app (desktop) once the renderer has dealt with unsaved changes. */
  'app.quit': { params: z.object({}), result: z.object({}) },
  /** Read a text file. Refuses binary, non-UTF-8 and oversized files rather than corrupt them. */
  'file.read': { params: z.object({ path: filePath }), result: OpenedFile },
  /**
   * Save atomically. `text` carries the line endings to write; `format.bom` says whether to
   * write the byte order mark. Creates the file when it does not exist.
   */
  'file.write': {
    params: z.object({ path: filePath, text: documentText, format: TextFormat }),
    result: FileStamp,
  },
  /** List a directory, for the browser edition's quick-open path box. */
  'file.list': {
    params: z.object({ path: filePath }),
    result: z.object({ path: z.string(), entries: z.array(DirEntry), truncated: z.boolean() }),
  },
  /** Report changes to these files on disk as `file.changed` events; replaces the previous set. */
  'file.watch': { params: z.object({ paths: z.array(filePath).max(500) }), result: z.object({}) },
  /** Native open dialog (desktop). `null` when the user cancelled. */
  'dialog.open': { params: z.object({}), result: z.object({ paths: z.array(z.string()) }).nullable() },
  /** Native folder picker (desktop). `null` when the user cancelled. */
  'dialog.openFolder': { params: z.object({}), result: z.object({ path: z.string() }).nullable() },
  /** Native save dialog (desktop). `null` when the user cancelled. */
  'dialog.save': {
    params: z.object({ defaultPath: filePath.optional() }),
    result: z.object({ path: z.string() }).nullable(),
  },
  'session.get': { params: z.object({}), result: Session },
  'session.set': { params: Session, result: z.object({}) },
  /** Show a file or folder in the system's file manager (desktop). */
  'app.reveal': { params: z.object({ path: filePath }), result: z.object({}) },
  /**
   * The folders plugins are loaded from, and whether Quire started in safe mode
   * (`--disable-plugins`: no plugin loads until the user enables it, for this run).
   */
  'plugins.folders': { params: z.object({}), result: z.object({ folders: z.array(PluginFolderInfo), safeMode: z.boolean() }) },
  /** Every plugin file: state, descriptor, failure, accounting, recent log. */
  'plugins.list': { params: z.object({}), result: PluginStatusList },
  /** Enables or disables the plugin file at `path` (remembered in the settings). */
  'plugins.setEnabled': { params: z.object({ path: filePath, enabled: z.boolean() }), result: z.object({}) },
  /**
   * The user's answer to a consent prompt for the plugin file at `path` with exactly this
   * SHA-256 (a file that changed since it was shown is not approved by it). Remembered by hash.
   */
  'plugins.decide': {
    params: z.object({ path: filePath, sha256: z.string().regex(/^[0-9a-f]{64}$/), decision: z.enum(['allow', 'deny']) }),
    result: z.object({}),
  },
  /** Loads the plugin file again; a quarantined plugin gets another chance. */
  'plugins.reload': { params: z.object({ path: filePath }), result: z.object({}) },
  /**
   * Runs a plugin's command, formatter or linter on a document. The plugin's own failure is a
   * value in `outcome`, not an error of the request: the document is never changed by a call.
   */
  'plugins.call': {
    params: z.object({
      pluginId: z.string().min(1).max(4096),
      kind: HandlerKind,
      handler: z.string().min(1).max(64),
      document: PluginDocument,
      /** Calls with the same key supersede each other while queued (a document's lint). */
      coalesceKey: z.string().max(MAX_PATH_LENGTH + 128).nullable(),
    }),
    result: z.object({ outcome: pluginOutcome(PluginCallResult) }),
  },
  ...workspaceRequests,
} as const;

export type Method = keyof typeof requests;
export type Params<M extends Method> = z.infer<(typeof requests)[M]['params']>;
export type Result<M extends Method> = z.infer<(typeof requests)[M]['result']>;

/** Events main sends to the renderer. */
export const events = {
  /** A watched file changed on disk (by someone other than this Quire), or vanished. */
  'file.changed': z.object({ path: z.string(), kind: z.enum(['changed', 'deleted']) }),
  /** Open these files (second instance, `quire FILE` while running). */
  'app.openFiles': z.object({ paths: z.array(z.string()) }),
  /** Run this command (a native menu item was chosen). */
  'menu.command': z.object({ command: MenuCommand }),
  /** Plugin states, contributions or accounting changed (gathered, at most a few times a second). */
  'plugins.changed': PluginStatusList,
  ...workspaceEvents,
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

/**
 * Stable error codes. Callers branch on the code; people read the message.
 * File codes come from the file service; the rest from message handling.
 */
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const QuireError = z.object({ code: ErrorCode, message: z.string() });
export type QuireError = z.infer<typeof QuireError>;

export type { Outcome } from './ipc-bridge.js';
import type { Outcome } from './ipc-bridge.js';

/** A request as it travels. `id` pairs it with its response on transports that need it. */
export const RequestMessage = z.object({
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  method: z.string().max(100),
  params: z.unknown(),
});
export type RequestMessage = z.infer<typeof RequestMessage>;

export type { EventMessage, ResponseMessage } from './ipc-bridge.js';

/** What the renderer depends on. Each transport implements it; nothing else crosses. */
export interface QuireApi {
  request<M extends Method>(method: M, params: Params<M>): Promise<Outcome<Result<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export { IpcChannel, WS_API_PATH, type QuireIpcBridge } from './ipc-bridge.js';
