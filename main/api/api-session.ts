import type {
  AppInfo,
  EventName,
  EventPayload,
  Method,
  Outcome,
  Params,
  QuireError,
  ResponseMessage,
  Result,
} from '../../app/contract.js';
import { backupHandlers } from '../backups/backup-handlers.js';
import { listDirectory, readTextFile, writeTextFile } from '../services/file-service.js';
import { OpenFileWatcher } from '../services/open-file-watcher.js';
import { describePluginFolders } from '../plugins/discovery/plugin-folders.js';
import type { PluginService } from '../plugins/plugin-service.js';
import { searchHandlers } from '../search/search-handlers.js';
import { settingsHandlers } from '../settings/settings-handlers.js';
import type { SettingsService } from '../settings/settings-service.js';
import { workspaceHandlers } from '../workspace/workspace-handlers.js';
import type { Workspace } from '../workspace/workspace.js';
import { ok, unsupported, type ConnectionContext } from './handler-context.js';
import { validateRequest } from './validate-request.js';

/** What only a shell can do. An absent hook answers `unsupported`. */
export interface PlatformHooks {
  openDialog?(): Promise<{ paths: string[] } | null>;
  openFolderDialog?(): Promise<{ path: string } | null>;
  saveDialog?(defaultPath?: string): Promise<{ path: string } | null>;
  reveal?(path: string): void;
  quit?(): void;
}

export interface ApiSessionOptions {
  appInfo: AppInfo;
  configDir: string;
  hooks: PlatformHooks;
  /** The running Quire's plugins; absent where plugins are not loaded. */
  plugins?: PluginService;
  /** The window's open folder: its tree, file index, session, backups and path policy. */
  workspace: Workspace;
  settings: SettingsService;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

type Handlers = { [M in Method]: (params: Params<M>) => Promise<Outcome<Result<M>>> };

/**
 * The services behind one renderer connection: one window on the desktop, one WebSocket in
 * the browser edition. It owns that connection's file watches; both transports hand it raw
 * messages and send back what it answers.
 */
export class ApiSession {
  private readonly watcher: OpenFileWatcher;
  private readonly handlers: Handlers;
  private readonly unsubscribe: () => void;
  private readonly cleanups: (() => Promise<void> | void)[] = [];

  constructor(private readonly options: ApiSessionOptions) {
    this.watcher = new OpenFileWatcher((change) => options.emit('file.changed', change));
    this.handlers = this.createHandlers();
    const plugins = options.plugins;
    this.unsubscribe = plugins ? plugins.onChange(() => options.emit('plugins.changed', { plugins: plugins.statuses() })) : () => undefined;
  }

  /** Validates and answers one message. Never throws: a failing handler becomes an `internal` error. */
  async handle(raw: unknown): Promise<ResponseMessage> {
    const validation = validateRequest(raw);
    if (!validation.ok) return { id: validation.id ?? -1, ok: false, error: validation.error };
    const { id, method, params } = validation.request;
    try {
      const handler = this.handlers[method] as (p: typeof params) => Promise<Outcome<unknown>>;
      return { id, ...(await handler(params)) };
    } catch (cause) {
      const error: QuireError = {
        code: 'internal',
        message: `Quire failed while handling "${method}": ${cause instanceof Error ? cause.message : String(cause)}. Please report this.`,
      };
      return { id, ok: false, error };
    }
  }

  async dispose(): Promise<void> {
    this.unsubscribe();
    await Promise.all([this.watcher.close(), ...this.cleanups.map((cleanup) => cleanup())]);
  }

  /** Runs a change on the plugin file at `path`, answering `not-found` when no such file is listed. */
  private async withPlugin(path: string, change: (plugins: PluginService) => Promise<boolean>): Promise<Outcome<Record<string, never>>> {
    const plugins = this.options.plugins;
    if (!plugins) return unsupported('Managing plugins', this.options.appInfo.edition);
    if (await change(plugins)) return ok({});
    return { ok: false, error: { code: 'not-found', message: `No plugin file ${path} is in the plugins folders.` } };
  }

  private createHandlers(): Handlers {
    const { appInfo, hooks, workspace, settings } = this.options;
    const context: ConnectionContext = {
      appInfo,
      emit: this.options.emit,
      onDispose: (cleanup) => this.cleanups.push(cleanup),
    };
    return {
      ...workspaceHandlers(context, workspace),
      ...searchHandlers(context, { folder: () => workspace.folder(), excludes: () => [...settings.excludes(), ...settings.searchExcludes()] }),
      ...backupHandlers(context, workspace),
      ...settingsHandlers(context, settings),
      'app.info': async () => ok(appInfo),
      'app.quit': async () => {
        if (!hooks.quit) return unsupported('Quitting from the page', appInfo.edition);
        hooks.quit();
        return ok({});
      },
      // Every path a request names passes the workspace's path policy (the browser edition
      // reaches only its folder); a read is checked again once done, so a link swapped in
      // between the check and the read does not hand out what it points to.
      'file.read': async ({ path }) => {
        const allowed = await workspace.checkPath(path);
        if (!allowed.ok) return allowed;
        const result = await readTextFile(allowed.value);
        const stillAllowed = await workspace.checkPath(path);
        if (!stillAllowed.ok) return stillAllowed;
        if (result.ok) this.watcher.noteRead(result.value.path, result.value.stamp);
        return result;
      },
      'file.write': async ({ path, text, format }) => {
        const allowed = await workspace.checkPath(path);
        if (!allowed.ok) return allowed;
        const result = await writeTextFile(allowed.value, text, format);
        if (result.ok) this.watcher.noteWritten(allowed.value, result.value);
        return result;
      },
      'file.list': async ({ path }) => {
        const allowed = await workspace.checkPath(path);
        return allowed.ok ? listDirectory(allowed.value) : allowed;
      },
      // Paths outside are left out rather than failing the request: the other tabs stay watched.
      'file.watch': async ({ paths }) => {
        const checked = await Promise.all(paths.map((path) => workspace.checkPath(path)));
        this.watcher.setPaths(checked.flatMap((allowed) => (allowed.ok ? [allowed.value] : [])));
        return ok({});
      },
      'dialog.open': async () =>
        hooks.openDialog ? ok(await hooks.openDialog()) : unsupported('The native open dialog', appInfo.edition),
      'dialog.openFolder': async () =>
        hooks.openFolderDialog ? ok(await hooks.openFolderDialog()) : unsupported('The native folder picker', appInfo.edition),
      'dialog.save': async ({ defaultPath }) =>
        hooks.saveDialog
          ? ok(await hooks.saveDialog(defaultPath))
          : unsupported('The native save dialog', appInfo.edition),
      'app.reveal': async ({ path }) => {
        if (!hooks.reveal) return unsupported('Showing files in the file manager', appInfo.edition);
        const allowed = await workspace.checkPath(path);
        if (!allowed.ok) return allowed;
        hooks.reveal(allowed.value);
        return ok({});
      },
      'plugins.folders': async () =>
        ok({ folders: await describePluginFolders(this.options.plugins?.folders() ?? []), safeMode: this.options.plugins?.safeMode() ?? false }),
      'plugins.list': async () => ok({ plugins: this.options.plugins?.statuses() ?? [] }),
      'plugins.setEnabled': async ({ path, enabled }) => this.withPlugin(path, (plugins) => plugins.setEnabled(path, enabled)),
      'plugins.reload': async ({ path }) => this.withPlugin(path, (plugins) => plugins.reload(path)),
      'plugins.decide': async ({ path, sha256, decision }) => {
        const plugins = this.options.plugins;
        if (!plugins) return unsupported('Managing plugins', appInfo.edition);
        const decided = await plugins.decide(path, sha256, decision);
        if (decided.ok) return ok({});
        const code = decided.failure.code === 'unavailable' ? 'not-found' : 'bad-request';
        return { ok: false, error: { code, message: decided.failure.message } };
      },
      // The validated params are the call: they go down to the plugin's host as one object.
      'plugins.call': async (request) => {
        const plugins = this.options.plugins;
        if (!plugins) return unsupported('Running plugins', appInfo.edition);
        return ok({ outcome: await plugins.call(request) });
      },
      'session.get': async () => ok(await workspace.sessionStore().get()),
      'session.set': async (session) => {
        await workspace.sessionStore().set(session);
        return ok({});
      },
    };
  }
}
