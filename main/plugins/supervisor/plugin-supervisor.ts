/**
 * The main process's owner of every plugin: which files exist (from the folder watcher), which
 * of them run, what they contribute, and the calls into them. A user never restarts Quire
 * because of a plugin: each file's trouble stays in its own ManagedPlugin.
 */
import path from 'node:path';
import type { PluginCallResult, PluginDescriptor, PluginFailure, PluginOutcome, PluginStatus } from '../../../app/plugin-contract.js';
import type { PluginCallRequest } from '../../plugin-common/protocol/messages.js';
import type { SettingsStore } from '../../services/settings-store.js';
import { isPluginFileName, PLUGIN_EXTENSION, type PluginFolder } from '../discovery/plugin-folders.js';
import type { PluginFileChange } from '../discovery/plugin-folder-watcher.js';
import type { HostHandle } from '../host/host-handle.js';
import { ManagedPlugin, type HostStart, type ManagedPluginPolicy } from './managed-plugin.js';
import type { Admission } from './plugin-admission.js';

/** A plugin's signature travels beside it as NAME.so.minisig. */
const SIGNATURE_SUFFIX = '.minisig';

export const DEFAULT_POLICY: ManagedPluginPolicy = {
  deadlines: { command: 5_000, format: 5_000, lint: 2_000 },
  queueCapacity: 16,
  restartBackoffMs: [100, 1_000, 5_000],
  crashWindowMs: 5 * 60_000,
  crashLimit: 3,
};

export interface SupervisorOptions {
  admit(realPath: string, origin: PluginFolder['origin']): Promise<PluginOutcome<Admission>>;
  /** Records the user's answer for exactly these bytes. */
  decide(sha256: string, decision: 'allow' | 'deny', about: { path: string; id: string | null; name: string | null }): Promise<void>;
  release(sha256: string): void;
  startHost(start: HostStart, onPhase: (phase: 'inspecting' | 'loading' | 'initializing') => void): Promise<PluginOutcome<HostHandle>>;
  checkGrammars(descriptor: PluginDescriptor): Promise<PluginFailure | null>;
  /** Which kind of folder a plugin file was found in. */
  originOf(filePath: string): PluginFolder['origin'];
  settings: SettingsStore;
  /** `--disable-plugins`: every file is listed but none loads until the user enables it, for this run. */
  safeMode?: boolean;
  policy?: Partial<ManagedPluginPolicy>;
  /** Something about the plugins changed: states, contributions or accounting. */
  onChange?(): void;
}

export class PluginSupervisor {
  private readonly policy: ManagedPluginPolicy;
  /** Plugin files by real path: a file reached by two paths loads once. */
  private readonly plugins = new Map<string, ManagedPlugin>();
  /** Files in the folders that are not plugin files for this platform, by path. */
  private readonly refused = new Map<string, PluginStatus>();
  private readonly owners = new Map<string, ManagedPlugin>();
  private disabled = new Set<string>();
  /** In safe mode, the files the user enabled this run (by real path); every other file is held back. */
  private readonly released = new Set<string>();
  private stopping = false;

  constructor(private readonly options: SupervisorOptions) {
    this.policy = { ...DEFAULT_POLICY, ...options.policy, deadlines: { ...DEFAULT_POLICY.deadlines, ...options.policy?.deadlines } };
  }

  /** Reads the user's settings (which plugins are disabled). Call before the first batch. */
  async init(): Promise<void> {
    this.disabled = new Set((await this.options.settings.get()).disabledPlugins);
  }

  /** Applies one batch of folder changes from the watcher. Loads run in the background. */
  apply(batch: PluginFileChange[]): void {
    if (this.stopping) return;
    for (const change of batch) {
      if (change.path.endsWith(SIGNATURE_SUFFIX) && isPluginFileName(change.path.slice(0, -SIGNATURE_SUFFIX.length))) this.signatureChanged(change.path);
      else if (change.kind === 'removed') this.remove(change.path);
      else if (!isPluginFileName(change.path)) this.refuse(change);
      else this.upsert(change);
    }
    this.changed();
  }

  statuses(): PluginStatus[] {
    const all = [...[...this.plugins.values()].map((p) => p.status()), ...this.refused.values()];
    return all.sort((a, b) => a.path.localeCompare(b.path));
  }

  /** Descriptors of the plugins that are ready: the registry of commands, formats and linters. */
  registry(): PluginDescriptor[] {
    return [...this.plugins.values()].filter((p) => p.state === 'ready' && p.descriptor).map((p) => p.descriptor as PluginDescriptor);
  }

  /** Runs a call on the plugin it names, through that plugin's queue. */
  call(request: PluginCallRequest): Promise<PluginOutcome<PluginCallResult>> {
    const plugin = this.owners.get(request.pluginId);
    if (!plugin) {
      return Promise.resolve({ ok: false, failure: { code: 'unavailable', message: `No plugin with the id "${request.pluginId}" is loaded.` } });
    }
    return plugin.call(request);
  }

  /**
   * Enables or disables the plugin file at `filePath` (as listed), and remembers it in the settings.
   * In safe mode, enabling a file safe mode held back loads it for this run only: safe mode is
   * not the user's list of disabled plugins, so settings.json changes only if the file is on it.
   */
  async setEnabled(filePath: string, enabled: boolean): Promise<boolean> {
    const plugin = this.find(filePath);
    if (!plugin) return false;
    if (enabled && this.options.safeMode) this.released.add(plugin.realPath);
    if (this.disabled.has(plugin.realPath) === enabled) {
      if (enabled) this.disabled.delete(plugin.realPath);
      else this.disabled.add(plugin.realPath);
      // Read, change, write: the settings file holds more than this list.
      const settings = await this.options.settings.get();
      await this.options.settings.set({ ...settings, disabledPlugins: [...this.disabled].sort() });
    }
    if (enabled) await plugin.enable();
    else await plugin.disable();
    return true;
  }

  /** settings.json's deadlines changed: calls from now on run under these. */
  setDeadlines(deadlines: ManagedPluginPolicy['deadlines']): void {
    this.policy.deadlines = { ...deadlines };
  }

  /** settings.json's list of disabled plugin files changed (edited by hand): stop or start those now. */
  async applyDisabled(realPaths: readonly string[]): Promise<void> {
    if (this.stopping) return;
    const next = new Set(realPaths);
    // A file safe mode holds back stays unloaded whatever the list says, until the user enables it.
    const changed = [...this.plugins.values()].filter(
      (plugin) => next.has(plugin.realPath) !== this.disabled.has(plugin.realPath) && !this.heldBySafeMode(plugin.realPath),
    );
    this.disabled = next;
    await Promise.all(changed.map((plugin) => (next.has(plugin.realPath) ? plugin.disable() : plugin.enable())));
  }

  /**
   * The user's Allow or Deny for the plugin file at `filePath`, given for the bytes with this
   * hash. An answer about bytes the file no longer has is not applied to the new ones.
   */
  async decide(filePath: string, sha256: string, decision: 'allow' | 'deny'): Promise<PluginOutcome<void>> {
    const plugin = this.find(filePath);
    if (!plugin) return { ok: false, failure: { code: 'unavailable', message: `${filePath} is not a plugin file Quire knows.` } };
    if (plugin.sha256 !== sha256) {
      return {
        ok: false,
        failure: { code: 'superseded', message: `${path.basename(filePath)} changed since it was shown (it is now ${plugin.sha256?.slice(0, 12) ?? 'unread'}…); look at the new file and decide again.` },
      };
    }
    const manifest = plugin.trust?.manifest ?? null;
    await this.options.decide(sha256, decision, { path: plugin.realPath, id: manifest?.id ?? null, name: manifest?.name ?? null });
    await plugin.load();
    return { ok: true, value: undefined };
  }

  /** Loads the file again now (the Plugins panel's Reload); also re-enables a quarantined plugin. */
  async reload(filePath: string): Promise<boolean> {
    const plugin = this.find(filePath);
    if (!plugin) return false;
    if (plugin.state === 'quarantined') await plugin.enable();
    else await plugin.load();
    return true;
  }

  /** Stops every plugin and resolves once every host process is reaped. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.plugins.values()].map((p) => p.stop()));
  }

  private find(filePath: string): ManagedPlugin | undefined {
    return this.plugins.get(filePath) ?? [...this.plugins.values()].find((p) => p.paths.has(filePath));
  }

  private upsert(change: PluginFileChange): void {
    this.refused.delete(change.path);
    const owner = [...this.plugins.values()].find((p) => p.paths.has(change.path));
    if (owner && owner.realPath !== change.realPath) this.remove(change.path);
    const existing = this.plugins.get(change.realPath);
    if (existing) {
      existing.paths.add(change.path);
      if (change.kind === 'changed') void existing.load();
      return;
    }
    const held = this.heldBySafeMode(change.realPath);
    const plugin = new ManagedPlugin(change.realPath, !this.disabled.has(change.realPath) && !held, {
      policy: this.policy,
      origin: this.options.originOf(change.path),
      admit: (realPath, origin) => this.options.admit(realPath, origin),
      release: (sha256) => this.options.release(sha256),
      startHost: (start, onPhase) => this.options.startHost(start, onPhase),
      checkGrammars: (descriptor) => this.options.checkGrammars(descriptor),
      claimId: (id, claimant) => this.claimId(id, claimant),
      releaseId: (id, holder) => this.releaseId(id, holder),
      changed: () => this.changed(),
    });
    plugin.paths.add(change.path);
    if (held) plugin.failure = safeModeFailure(change.path);
    this.plugins.set(change.realPath, plugin);
    void plugin.load();
  }

  /** Whether this run's safe mode keeps the file from loading: until the user enables it. */
  private heldBySafeMode(realPath: string): boolean {
    return this.options.safeMode === true && !this.released.has(realPath);
  }

  /** Whether Quire started in safe mode (`--disable-plugins`). */
  get safeMode(): boolean {
    return this.options.safeMode === true;
  }

  /** A signature appeared, changed or vanished: judge its plugin file again. */
  private signatureChanged(signaturePath: string): void {
    const plugin = this.find(signaturePath.slice(0, -SIGNATURE_SUFFIX.length));
    if (plugin?.enabled) void plugin.load();
  }

  private remove(filePath: string): void {
    this.refused.delete(filePath);
    for (const plugin of this.plugins.values()) {
      if (!plugin.paths.delete(filePath) || plugin.paths.size > 0) continue;
      this.plugins.delete(plugin.realPath);
      void plugin.stop().then(() => this.changed());
    }
  }

  private refuse(change: PluginFileChange): void {
    this.refused.set(change.path, {
      path: change.path,
      realPath: change.realPath,
      state: 'refused',
      enabled: false,
      sha256: null,
      trust: null,
      sandbox: null,
      descriptor: null,
      failure: {
        code: 'not-a-plugin-file',
        message: `${path.basename(change.path)} is not a plugin file for this platform (plugins here end in ${PLUGIN_EXTENSION}), so Quire did not load it. Remove it from the plugins folder, or rename it if it really is a plugin.`,
      },
      stats: { pid: null, rssBytes: null, cpuMs: null, calls: 0, failures: 0, medianCallMs: null, p95CallMs: null, crashes: 0 },
      log: [],
    });
  }

  private claimId(id: string, claimant: ManagedPlugin): string | null {
    const holder = this.owners.get(id);
    if (holder && holder !== claimant && this.plugins.get(holder.realPath) === holder) return holder.realPath;
    this.owners.set(id, claimant);
    return null;
  }

  /** Frees an id; a file refused for using it gets its chance now. */
  private releaseId(id: string, holder: ManagedPlugin): void {
    if (this.owners.get(id) !== holder) return;
    this.owners.delete(id);
    if (this.stopping) return;
    const waiting = [...this.plugins.values()].find((p) => p !== holder && p.failure?.code === 'duplicate-id' && p.failure.detail?.id === id);
    if (waiting) void waiting.load();
  }

  private changed(): void {
    this.options.onChange?.();
  }
}

function safeModeFailure(filePath: string): PluginFailure {
  return {
    code: 'safe-mode',
    message: `Not loaded: Quire started in safe mode (--disable-plugins). Enable loads ${path.basename(filePath)} for this run only.`,
  };
}
