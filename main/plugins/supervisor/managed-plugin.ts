/**
 * One plugin file's life under the supervisor: load, reload, calls with deadlines, restarts
 * with backoff after crashes and hangs, quarantine after repeated ones, enable and disable.
 * Everything that happens to the plugin lands in its state and failure, never in an exception.
 */
import path from 'node:path';
import type {
  HandlerKind,
  PluginCallResult,
  PluginCapability,
  PluginDescriptor,
  PluginFailure,
  PluginOutcome,
  PluginState,
  PluginStatus,
  PluginTrust,
} from '../../../app/plugin-contract.js';
import type { PluginFolder } from '../discovery/plugin-folders.js';
import type { PluginCallRequest } from '../../plugin-common/protocol/messages.js';
import { quarantined, restarting, type HostExit } from '../host/exit-reasons.js';
import type { HostHandle } from '../host/host-handle.js';
import type { LogLine } from '../host/plugin-log.js';
import { CallQueue } from './call-queue.js';
import type { Admission } from './plugin-admission.js';
import { CallStats } from './plugin-stats.js';

export interface ManagedPluginPolicy {
  deadlines: Record<HandlerKind, number>;
  queueCapacity: number;
  /** Delay before the 1st, 2nd, ... restart within the crash window. */
  restartBackoffMs: number[];
  crashWindowMs: number;
  /** Crashes (or hangs) within the window that quarantine the plugin. */
  crashLimit: number;
}

/** What a host is started on: the admitted private copy, and exactly what the plugin was granted. */
export interface HostStart {
  privatePath: string;
  capabilities: PluginCapability[];
  /** Folders it may read (the current document's, for read-document-folder). */
  readFolders: string[];
}

export interface ManagedPluginContext {
  policy: ManagedPluginPolicy;
  /** Where the file was found: bundled plugins are trusted without asking. */
  origin: PluginFolder['origin'];
  /** Copies, inspects and judges the file (see PluginAdmission); no plugin code runs. */
  admit(realPath: string, origin: PluginFolder['origin']): Promise<PluginOutcome<Admission>>;
  /** Lets the store delete a private copy this plugin no longer runs or waits on. */
  release(sha256: string): void;
  /** Starts a host on an admitted copy; `onPhase` hears each loading phase as the host reports it. */
  startHost(start: HostStart, onPhase: (phase: 'inspecting' | 'loading' | 'initializing') => void): Promise<PluginOutcome<HostHandle>>;
  /** A grammar that could freeze the editor, as a failure; null when every grammar is safe. */
  checkGrammars(descriptor: PluginDescriptor): Promise<PluginFailure | null>;
  /** Claims a plugin id for this file; returns the path of the file already holding it, if any. */
  claimId(id: string, plugin: ManagedPlugin): string | null;
  releaseId(id: string, plugin: ManagedPlugin): void;
  changed(): void;
}

type Outcome = PluginOutcome<PluginCallResult>;

/** Log lines a status carries. */
const LOG_TAIL = 50;

export class ManagedPlugin {
  state: PluginState = 'discovered';
  descriptor: PluginDescriptor | null = null;
  failure: PluginFailure | null = null;
  /** Every path in the plugins folders that resolves to this file. */
  readonly paths = new Set<string>();
  /** SHA-256 of the bytes last judged: running, or waiting for the user's answer. */
  sha256: string | null = null;
  /** The admission of those bytes. */
  private admission: Admission | null = null;
  /** The document folder the running host may read (read-document-folder); null for none. */
  private grantedFolder: string | null = null;
  private host: HostHandle | null = null;
  /** Bumped by every load, reload, disable and stop: a late result of an older one is dropped. */
  private generation = 0;
  private crashes: number[] = [];
  private restartTimer: NodeJS.Timeout | null = null;
  /** The host a call timed out on: its exit is a hang, not a crash. */
  private hungHost: HostHandle | null = null;
  private readonly stats = new CallStats();
  /** The log tail of hosts this plugin ran in before, so a crash and its last words outlive the restart. */
  private earlierLog: LogLine[] = [];
  private readonly queue: CallQueue;

  constructor(
    readonly realPath: string,
    public enabled: boolean,
    private readonly context: ManagedPluginContext,
  ) {
    this.queue = new CallQueue(context.policy.queueCapacity, (request) => this.run(request), () => this.name());
  }

  name(): string {
    return this.descriptor ? `${this.descriptor.name} (${this.descriptor.id})` : this.realPath;
  }

  /**
   * Starts (or restarts) the plugin on the file as it is now: admitted first (copied, inspected,
   * judged), then run if it may. While a reload starts, the old host keeps serving.
   */
  async load(): Promise<void> {
    this.cancelRestart();
    if (!this.enabled) {
      this.setState('disabled');
      return;
    }
    const generation = ++this.generation;
    const admitted = await this.context.admit(this.realPath, this.context.origin);
    if (generation !== this.generation) {
      if (admitted.ok) this.context.release(admitted.value.sha256);
      return;
    }
    if (!admitted.ok) {
      await this.withdraw(admitted.failure, 'failed');
      return;
    }
    this.adopt(admitted.value);
    const admission = admitted.value;
    if (!admission.runs) {
      // Refused (a bad signature, or unsigned under signed-only) like a non-plugin file: nothing
      // to reload until the file or its signature changes, which the watcher reports anyway.
      const waiting = admission.trust.state === 'pending' ? 'awaiting-consent' : admission.trust.state === 'denied' ? 'denied' : 'refused';
      await this.withdraw(admission.failure ?? { code: 'untrusted', message: `${this.realPath} may not run.` }, waiting);
      return;
    }
    await this.start(admission, generation);
  }

  /** The bytes now judged; the previous ones' private copy is let go unless it is the same file. */
  private adopt(admission: Admission): void {
    const previous = this.sha256;
    this.admission = admission;
    this.sha256 = admission.sha256;
    if (previous !== null) this.context.release(previous);
  }

  private async start(admission: Admission, generation: number): Promise<void> {
    // A reload keeps serving from the old host, so its state stays `ready` until the swap.
    const reloading = this.state === 'ready';
    if (!reloading) this.setState('inspecting');
    const readFolders = admission.capabilities.includes('read-document-folder') && this.grantedFolder ? [this.grantedFolder] : [];
    const started = await this.context.startHost({ privatePath: admission.privatePath, capabilities: admission.capabilities, readFolders }, (phase) => {
      if (!reloading && generation === this.generation) this.setState(phase === 'inspecting' ? 'inspecting' : 'loading');
    });
    if (generation !== this.generation) {
      if (started.ok) await started.value.stop();
      return;
    }
    if (!started.ok) {
      await this.withdraw(this.naming(started.failure), 'failed');
      return;
    }
    const fresh = started.value;
    const descriptor = fresh.descriptor as PluginDescriptor;
    const unsafe = await this.context.checkGrammars(descriptor);
    if (generation !== this.generation) {
      await fresh.stop();
      return;
    }
    if (unsafe) {
      await fresh.stop();
      await this.withdraw(unsafe, 'failed');
      return;
    }
    const holder = this.context.claimId(descriptor.id, this);
    if (holder !== null) {
      await fresh.stop();
      await this.withdraw(
        {
          code: 'duplicate-id',
          message: `${this.realPath} declares the plugin id "${descriptor.id}", which ${holder} already uses, so it was not loaded. Remove one of the two files, or give one of them another id.`,
          detail: { id: descriptor.id, otherFile: holder },
        },
        'failed',
      );
      return;
    }
    const previous = this.host;
    if (this.descriptor && this.descriptor.id !== descriptor.id) this.context.releaseId(this.descriptor.id, this);
    this.host = fresh;
    this.descriptor = descriptor;
    this.failure = null;
    fresh.onExit((exit) => this.onHostExit(fresh, exit));
    this.setState('ready');
    if (previous) {
      await previous.stop();
      this.keepLogOf(previous);
    }
  }

  /** Messages from the host name the private copy it loaded; the user knows the file by its own path. */
  private naming(failure: PluginFailure): PluginFailure {
    const privatePath = this.admission?.privatePath;
    if (!privatePath) return failure;
    return { ...failure, message: failure.message.replaceAll(privatePath, this.realPath) };
  }

  /** Whose bytes these are and whether they may run, for the Plugins panel. */
  get trust(): PluginTrust | null {
    return this.admission?.trust ?? null;
  }

  /** Runs a handler through the queue, under the deadline for its kind. */
  call(request: PluginCallRequest): Promise<Outcome> {
    if (this.state !== 'ready' || !this.host) return Promise.resolve({ ok: false, failure: this.unavailable() });
    return this.queue.enqueue(request);
  }

  async disable(): Promise<void> {
    this.enabled = false;
    await this.shutDown('disabled');
  }

  /** Enables the plugin (or lets a quarantined one try again) and loads it afresh. */
  async enable(): Promise<void> {
    this.enabled = true;
    this.crashes = [];
    this.failure = null;
    await this.load();
  }

  /** Stops the plugin for good (file removed, editor quitting); resolves once its host is reaped. */
  async stop(): Promise<void> {
    await this.shutDown(this.state);
  }

  status(): PluginStatus {
    const host = this.host;
    return {
      path: [...this.paths][0] ?? this.realPath,
      realPath: this.realPath,
      state: this.state,
      enabled: this.enabled,
      sha256: this.sha256,
      trust: this.trust,
      sandbox: host?.alive ? host.sandbox : null,
      descriptor: this.descriptor,
      failure: this.failure,
      stats: this.stats.snapshot(host?.alive ? (host.pid ?? null) : null),
      log: [...this.earlierLog, ...(host ? host.log.recent(LOG_TAIL) : [])].slice(-LOG_TAIL),
    };
  }

  private async run(request: PluginCallRequest): Promise<Outcome> {
    await this.bindDocumentFolder(request);
    const host = this.host;
    if (!host || this.state !== 'ready') return { ok: false, failure: this.unavailable() };
    const started = performance.now();
    const outcome = await host.call(request, this.context.policy.deadlines[request.kind]);
    this.stats.recordCall(performance.now() - started, outcome.ok);
    if (!outcome.ok && outcome.failure.code === 'call-timeout') {
      this.hungHost = host;
      this.setState('hung');
    }
    return outcome;
  }

  /**
   * A plugin granted read-document-folder may read the folder of the document it is handling,
   * and no other. The sandbox is fixed when its process starts (Landlock can narrow, never
   * widen), so a call for a document in another folder first moves the plugin to a host
   * started for that folder (from an untitled document: to one that may read nothing).
   */
  private async bindDocumentFolder(request: PluginCallRequest): Promise<void> {
    const admission = this.admission;
    if (!admission?.capabilities.includes('read-document-folder') || this.state !== 'ready') return;
    const folder = request.document.path ? path.dirname(request.document.path) : null;
    if (folder === this.grantedFolder) return;
    this.grantedFolder = folder;
    await this.start(admission, ++this.generation);
  }

  private onHostExit(host: HostHandle, exit: HostExit): void {
    if (host !== this.host) return;
    this.host = null;
    this.keepLogOf(host);
    const hung = this.hungHost === host;
    this.hungHost = null;
    this.stats.recordCrash();
    const now = Date.now();
    const { crashWindowMs, crashLimit } = this.context.policy;
    this.crashes = [...this.crashes.filter((at) => now - at < crashWindowMs), now];
    if (this.crashes.length >= crashLimit) {
      this.queue.failWaiting(this.unavailable());
      this.failure = quarantined(this.name(), exit, hung, this.crashes.length, crashWindowMs);
      this.setState('quarantined');
      return;
    }
    this.failure = restarting(this.name(), exit, hung);
    this.setState(hung ? 'hung' : 'crashed');
    const delays = this.context.policy.restartBackoffMs;
    const delay = delays[Math.min(this.crashes.length - 1, delays.length - 1)] ?? 0;
    this.setState('restarting');
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      void this.load();
    }, delay);
  }

  private unavailable(): PluginFailure {
    if (this.state === 'quarantined' && this.failure) return this.failure;
    const why: Partial<Record<PluginState, string>> = {
      disabled: 'is disabled',
      restarting: 'is restarting after a crash; try again in a moment',
      hung: 'is restarting after it stopped responding; try again in a moment',
      crashed: 'is restarting after a crash; try again in a moment',
      inspecting: 'is still loading',
      loading: 'is still loading',
      failed: `failed to load${this.failure ? `: ${this.failure.message}` : ''}`,
    };
    return { code: 'unavailable', message: `${this.name()} ${why[this.state] ?? `is not ready (${this.state})`}.`, detail: { state: this.state } };
  }

  private async withdraw(failure: PluginFailure, state: PluginState): Promise<void> {
    const host = this.host;
    this.host = null;
    if (this.descriptor) this.context.releaseId(this.descriptor.id, this);
    this.descriptor = null;
    this.failure = failure;
    this.setState(state);
    this.queue.failWaiting(this.unavailable());
    if (host) await host.stop();
  }

  private async shutDown(state: PluginState): Promise<void> {
    this.generation++;
    if (state !== 'disabled' && this.sha256 !== null) {
      this.context.release(this.sha256);
      this.sha256 = null;
    }
    this.cancelRestart();
    const host = this.host;
    this.host = null;
    if (this.descriptor) this.context.releaseId(this.descriptor.id, this);
    this.setState(state);
    this.queue.failWaiting(this.unavailable());
    if (host) await host.stop();
  }

  private keepLogOf(host: HostHandle): void {
    this.earlierLog = [...this.earlierLog, ...host.log.recent(LOG_TAIL)].slice(-LOG_TAIL);
  }

  private cancelRestart(): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
  }

  private setState(state: PluginState): void {
    this.state = state;
    this.context.changed();
  }
}
