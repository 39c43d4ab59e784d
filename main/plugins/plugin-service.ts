/**
 * Plugins for one running Quire: the folders, their watcher, the admission gate (private
 * copies, signatures, consent), the sandbox, a warm host pool and the supervisor, wired
 * together. The browser edition, the desktop app and `quire doctor --watch` each start one;
 * editor start never waits for it — plugins appear as they become ready.
 */
import type { PluginCallResult, PluginDescriptor, PluginOutcome, PluginStatus, TrustMode } from '../../app/plugin-contract.js';
import type { PluginCallRequest } from '../plugin-common/protocol/messages.js';
import { SettingsStore } from '../services/settings-store.js';
import type { ResolvedSettings } from '../../app/settings-schema.js';
import type { SettingsService } from '../settings/settings-service.js';
import { PluginFolderWatcher } from './discovery/plugin-folder-watcher.js';
import { folderOrigin, type PluginFolder } from './discovery/plugin-folders.js';
import { concurrencyLimit } from './concurrency-limit.js';
import { findUnsafeGrammar, stopRegexChecker } from './grammar-safety/index.js';
import type { HostSandbox } from './host/host-command.js';
import type { HostLauncher } from './host/host-launcher.js';
import { HostPool } from './host/host-pool.js';
import { HostHandle, type HostLaunchOptions } from './host/host-handle.js';
import { hostSandbox, type SandboxChoice } from './sandbox/host-sandbox.js';
import type { ManagedPluginPolicy } from './supervisor/managed-plugin.js';
import { PluginAdmission } from './supervisor/plugin-admission.js';
import { DEFAULT_POLICY, PluginSupervisor } from './supervisor/plugin-supervisor.js';
import { PluginStore } from './trust/plugin-store.js';

export interface PluginServiceOptions {
  folders: PluginFolder[];
  configDir: string;
  launcher: HostLauncher;
  hostEntry: string;
  /** From the command line (`--trust-plugins`); overrides settings.json's `plugins.trust` for this run. */
  trustMode?: TrustMode;
  /** `on` (the default) confines every host; `off` runs them unconfined (benchmarks' baseline only). */
  sandbox?: SandboxChoice;
  policy?: Partial<ManagedPluginPolicy>;
  /** Idle hosts kept started; 0 turns the pool off. */
  poolSize?: number;
  /** How long to gather changes before telling listeners, so a burst is one notification. */
  notifyDelayMs?: number;
  /** Plugins starting at once; the rest wait their turn. */
  concurrentStarts?: number;
  /**
   * `--disable-plugins`: list every plugin file but load none, and start no host process (no warm
   * pool either), until the user enables a plugin in the Plugins panel, for this run only.
   */
  safeMode?: boolean;
  /**
   * settings.json as it changes: deadlines and the disabled list then apply at once (the trust
   * mode is read afresh for every file anyway). Without it, settings are read at start only.
   */
  settings?: SettingsService;
}

export class PluginService {
  private readonly listeners = new Set<() => void>();
  private notifyTimer: NodeJS.Timeout | null = null;
  private supervisor!: PluginSupervisor;
  private watcher!: PluginFolderWatcher;
  private pool: HostPool | null = null;
  private store!: PluginStore;
  private unsubscribeSettings: () => void = () => undefined;

  private constructor(private readonly options: PluginServiceOptions) {}

  /** Starts watching and loading; resolves once the folders have been scanned (loads go on in the background). */
  static async start(options: PluginServiceOptions): Promise<PluginService> {
    const service = new PluginService(options);
    await service.begin();
    return service;
  }

  private async begin(): Promise<void> {
    const { options } = this;
    const settings = new SettingsStore(options.configDir);
    const current = await settings.get();
    this.store = await PluginStore.open();
    const sandbox: HostSandbox | null = hostSandbox(options.sandbox ?? 'on', {
      hostEntry: options.hostEntry,
      storeDir: this.store.dir,
      memoryLimitBytes: current['plugins.memoryLimitMb'] * 1024 * 1024,
      requireSandbox: current['plugins.requireSandbox'],
    });
    const requireSandbox = current['plugins.requireSandbox'];
    const hostOptions: HostLaunchOptions = { launcher: options.launcher, hostEntry: options.hostEntry, sandbox };
    if ((options.poolSize ?? 1) > 0 && !options.safeMode) this.pool = new HostPool({ ...hostOptions, size: options.poolSize ?? 1 });
    const limit = concurrencyLimit(options.concurrentStarts ?? 4);
    const admission = new PluginAdmission({
      store: this.store,
      configDir: options.configDir,
      trustMode: async () => options.trustMode ?? (await settings.get())['plugins.trust'],
    });
    // The user's deadlines (settings.json) over the defaults; a caller's policy over both.
    const policy = { ...options.policy, deadlines: { ...DEFAULT_POLICY.deadlines, ...current.pluginDeadlinesMs, ...options.policy?.deadlines } };
    this.supervisor = new PluginSupervisor({
      admit: (realPath, origin) => admission.admit(realPath, origin),
      decide: (sha256, decision, about) => admission.decide(sha256, decision, about),
      release: (sha256) => void this.store.release(sha256),
      startHost: (start, onPhase) =>
        limit(() =>
          HostHandle.start(start.privatePath, {
            ...hostOptions,
            grants: { capabilities: start.capabilities, readFolders: start.readFolders },
            requireSandbox,
            onPhase,
            ...(this.pool ? { pool: this.pool } : {}),
          }),
        ),
      checkGrammars: (descriptor) => findUnsafeGrammar(descriptor),
      originOf: (filePath) => folderOrigin(options.folders, filePath),
      settings,
      policy,
      safeMode: options.safeMode ?? false,
      onChange: () => this.scheduleNotify(),
    });
    await this.supervisor.init();
    const live = options.settings;
    if (live) this.unsubscribeSettings = live.onChange(() => this.applySettings(live.values()));
    this.watcher = new PluginFolderWatcher(options.folders, (batch) => this.supervisor.apply(batch));
    await this.watcher.start();
  }

  /** Whether every plugin file in the folders has been found and handed to the supervisor (see PluginFolderWatcher.idle). */
  discovered(): boolean {
    return this.watcher.idle();
  }

  statuses(): PluginStatus[] {
    return this.supervisor.statuses();
  }

  /** The folders being watched, bundled first. */
  folders(): PluginFolder[] {
    return this.options.folders;
  }

  /** Whether Quire started in safe mode (`--disable-plugins`), for the Plugins panel to say so. */
  safeMode(): boolean {
    return this.supervisor.safeMode;
  }

  registry(): PluginDescriptor[] {
    return this.supervisor.registry();
  }

  /** Runs a handler of the plugin `request.pluginId` names; the request goes down whole. */
  call(request: PluginCallRequest): Promise<PluginOutcome<PluginCallResult>> {
    return this.supervisor.call(request);
  }

  setEnabled(filePath: string, enabled: boolean): Promise<boolean> {
    return this.supervisor.setEnabled(filePath, enabled);
  }

  reload(filePath: string): Promise<boolean> {
    return this.supervisor.reload(filePath);
  }

  /** The user's Allow or Deny for the plugin file at `filePath`, as it was shown (by hash). */
  decide(filePath: string, sha256: string, decision: 'allow' | 'deny'): Promise<PluginOutcome<void>> {
    return this.supervisor.decide(filePath, sha256, decision);
  }

  /** Calls `listener` (debounced) whenever plugin states, contributions or accounting change. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops watching, stops every plugin and idle host, and resolves once every process is reaped. */
  async stop(): Promise<void> {
    this.unsubscribeSettings();
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    this.listeners.clear();
    await this.watcher.close();
    await this.supervisor.stop();
    await this.pool?.close();
    await this.store.close();
    // The grammar checker's thread and its agent process belong to no plugin: end them with the plugins.
    stopRegexChecker();
  }

  /** The settings that can change under running plugins; the sandbox's need a restart. */
  private applySettings(values: ResolvedSettings): void {
    this.supervisor.setDeadlines({ ...DEFAULT_POLICY.deadlines, ...values.pluginDeadlinesMs, ...this.options.policy?.deadlines });
    void this.supervisor.applyDisabled(values.disabledPlugins);
  }

  private scheduleNotify(): void {
    if (this.notifyTimer) return;
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = null;
      for (const listener of this.listeners) listener();
    }, this.options.notifyDelayMs ?? 50);
  }
}
