/**
 * The plugins of one headless command (`quire format`, `lint`, `run`): the editor's plugin
 * service over the editor's folders — the same admission, trust, sandboxed host processes,
 * deadlines and failure codes — started, given time to load, asked, and stopped.
 */
import path from 'node:path';
import { EDITOR_LANGUAGES } from '../../../app/editor-languages.js';
import { choosePlugins, inPluginIdOrder, type PluginChoice } from '../../../app/plugin-choice.js';
import type { HandlerKind, PluginCallResult, PluginDescriptor, PluginOutcome, PluginState, PluginStatus, TrustMode } from '../../../app/plugin-contract.js';
import { pluginFolders } from '../../plugins/discovery/plugin-folders.js';
import { childProcessLauncher } from '../../plugins/host/host-launcher.js';
import { PluginService } from '../../plugins/plugin-service.js';
import { resolveConfigDir } from '../../services/config-dir.js';
import { hostEntryPath, installRoot } from '../install-paths.js';

export interface HeadlessPluginOptions {
  /** Absolute folders from `--plugins-dir`. */
  pluginsDirs: string[];
  configDir: string | undefined;
  trustMode: TrustMode | undefined;
  /** How long to wait for every plugin file to finish loading (default 60 s). */
  settleTimeoutMs?: number;
}

/** States a plugin leaves on its own: loading, or restarting after a crash. */
const UNSETTLED = new Set<PluginState>(['discovered', 'inspecting', 'loading', 'crashed', 'hung', 'restarting']);

/** Plugin files that will not run in this command, whatever it waits for. */
const NOT_RUNNING = new Set<PluginState>(['failed', 'quarantined', 'disabled', 'refused', 'awaiting-consent', 'denied']);

const DEFAULT_SETTLE_TIMEOUT_MS = 60_000;
const SETTLE_POLL_MS = 20;

export class HeadlessPlugins {
  private constructor(
    private readonly service: PluginService,
    readonly configDir: string,
  ) {}

  /** Starts the plugins of the editor's folders and resolves once every file has loaded or failed. */
  static async start(options: HeadlessPluginOptions): Promise<HeadlessPlugins> {
    const configDir = options.configDir ?? resolveConfigDir();
    const service = await PluginService.start({
      folders: pluginFolders({ installRoot: installRoot(), packaged: false, configDir, extraDirs: options.pluginsDirs }),
      configDir,
      launcher: childProcessLauncher,
      hostEntry: hostEntryPath(),
      // One command, then exit: a warm spare host would only be started to be stopped.
      poolSize: 0,
      ...(options.trustMode ? { trustMode: options.trustMode } : {}),
    });
    const plugins = new HeadlessPlugins(service, configDir);
    await plugins.settled(options.settleTimeoutMs ?? DEFAULT_SETTLE_TIMEOUT_MS);
    return plugins;
  }

  /** The plugins that can be called, in plugin id order (the order the editor uses). */
  ready(): PluginDescriptor[] {
    return inPluginIdOrder(this.service.registry());
  }

  /** What handles the file at `filePath`, chosen by its name as the editor chooses. */
  choose(filePath: string): PluginChoice {
    return choosePlugins(path.basename(filePath), this.ready(), EDITOR_LANGUAGES);
  }

  /** Calls a handler on a whole document (a caret at its start, as the editor does for a file no editor shows). */
  call(pluginId: string, kind: HandlerKind, handler: string, document: { text: string; languageId: string; path: string }): Promise<PluginOutcome<PluginCallResult>> {
    return this.service.call({ pluginId, kind, handler, document: { ...document, selections: [{ start: 0, end: 0, active: 0 }] }, coalesceKey: null });
  }

  /** Plugin files that did not start (waiting for consent, refused, failed...), for explaining a missing plugin. */
  notRunning(): PluginStatus[] {
    return this.service.statuses().filter((status) => NOT_RUNNING.has(status.state) && status.failure?.code !== 'not-a-plugin-file');
  }

  /** Stops every plugin; resolves once every host process is gone. */
  stop(): Promise<void> {
    return this.service.stop();
  }

  /**
   * Every plugin file found (one written just before the command started is waited for until
   * it is complete) and each one ready, failed, refused or waiting for consent. Polled: the
   * watcher's own settling raises no event.
   */
  private async settled(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.service.discovered() && !this.service.statuses().some((status) => UNSETTLED.has(status.state))) return;
      await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    }
  }
}
