/**
 * Main's handle on one plugin host process, for its whole life: launched and idle (waiting in
 * the pool, or about to be used), loading a plugin, ready for calls, stopping, exited. The
 * pool holds these same objects, so a host keeps one name from launch to exit. Whatever the
 * plugin does — crash, hang, exit, print — comes back as a PluginFailure; it never throws into
 * main. Calls reach it one at a time (the supervisor's CallQueue orders them); the words for
 * how a host ended are exit-reasons.ts's.
 */
import type { LoadTimings, PluginCallResult, PluginDescriptor, PluginFailure, PluginOutcome, SandboxReport } from '../../../app/plugin-contract.js';
import type { HostMessage, PluginCall } from '../../plugin-common/protocol/messages.js';
import {
  callEnded,
  callTimedOut,
  callTimeoutLine,
  hostEndedLine,
  launchFailure,
  loadEnded,
  loadTimedOut,
  memoryStopLine,
  PHASE_WORDS,
  type HostExit,
  type HostPhase,
  type MemoryExceeded,
  type ProcessExit,
} from './exit-reasons.js';
import type { HostConnection, Hello } from './host-connection.js';
import type { HostGrants } from './host-command.js';
import type { HostProcess } from './host-launcher.js';
import type { HostPool } from './host-pool.js';
import { launchHost, type HostLaunchOptions, type LaunchedHost, type LaunchOutcome } from './launch-host.js';
import { MemoryWatch } from './memory-watch.js';
import { PluginLog, type LogLine } from './plugin-log.js';
import { sandboxReport } from '../sandbox/sandbox-report.js';

export type { HostExit, ProcessExit } from './exit-reasons.js';
export type { HostLaunchOptions } from './launch-host.js';

/** What loading a plugin into a host takes, beyond what launching it took. */
export interface HostLoadOptions {
  /** For inspection and dlopen, which runs the library's constructors. */
  loadMs?: number;
  /** For the plugin's init(). */
  initMs?: number;
  onLog?: (line: LogLine) => void;
  /** Called as the host reports each loading phase (inspecting, loading, initializing). */
  onPhase?: (phase: 'inspecting' | 'loading' | 'initializing') => void;
  /** plugins.requireSandbox: refuse to load the plugin into a host that is not fully sandboxed. */
  requireSandbox?: boolean;
}

export interface HostHandleOptions extends HostLaunchOptions, HostLoadOptions {
  /**
   * Hosts started ahead of need. A load takes one when one is ready and starts its own
   * otherwise, so a pool only ever makes a load faster.
   */
  pool?: HostPool;
}

/** A loaded plugin's log keeps this many lines. */
const LOG_LINES = 500;

interface PendingCall {
  id: number;
  call: string;
  resolve(outcome: PluginOutcome<PluginCallResult>): void;
  timer: NodeJS.Timeout;
}

/** e.g. `command "sort-lines"`, for messages. */
const describeCall = ({ kind, handler }: PluginCall) => `${kind === 'lint' ? 'linter' : kind === 'format' ? 'formatter' : 'command'} "${handler}"`;

export class HostHandle {
  /** What the process printed and logged, and what Quire noted about it. */
  readonly log: PluginLog;
  /** The plugin file it was given; null while idle. */
  path: string | null = null;
  descriptor: PluginDescriptor | null = null;
  timings: (LoadTimings & { totalMs: number }) | null = null;
  /** Resolves once the process has ended and been reaped. */
  readonly exited: Promise<HostExit>;
  private readonly process: HostProcess;
  private readonly connection: HostConnection;
  /** What the host said when it started, including how it is sandboxed. */
  readonly hello: Hello;
  /** The capabilities this process was started with. */
  readonly grants: HostGrants;
  private phase: HostPhase = 'idle';
  /** Whether the host has said anything since it was sent the plugin; until then no plugin code has run in it. */
  private answered = false;
  /** Settles the load in progress, if one is. */
  private settleLoad: ((failure: PluginFailure | null) => void) | null = null;
  private pending: PendingCall | null = null;
  private nextCallId = 0;
  private exitInfo: HostExit | null = null;
  private markExited!: (exit: HostExit) => void;
  private readonly exitListeners: ((exit: HostExit) => void)[] = [];
  private memoryWatch: MemoryWatch | null = null;
  /** Why Quire ended the process for memory, once it has. */
  private memoryExceeded: MemoryExceeded | null = null;

  private constructor(
    launched: LaunchedHost,
    private readonly launchOptions: HostLaunchOptions,
  ) {
    this.process = launched.process;
    this.connection = launched.connection;
    this.hello = launched.hello;
    this.grants = launched.grants;
    this.log = launched.log;
    this.exited = new Promise((resolve) => (this.markExited = resolve));
  }

  /**
   * Starts a host process with no plugin yet: it has said hello and waits, idle, for load().
   * A failed launch resolves once its process has been reaped; aborting `abort` before the
   * hello ends the process.
   */
  static launch(options: HostLaunchOptions, abort?: AbortSignal): Promise<LaunchOutcome<HostHandle>> {
    return launchHost(options, (launched) => new HostHandle(launched, options), abort);
  }

  /**
   * Starts a host for the plugin at `path`: an idle one from `options.pool` when one is ready,
   * else a new process. Resolves when it is ready, or with why it is not (the process reaped).
   */
  static async start(path: string, options: HostHandleOptions): Promise<PluginOutcome<HostHandle>> {
    const requested = performance.now();
    // Pooled hosts were started with no capabilities; a plugin granted some gets its own.
    const pooled = (options.grants?.capabilities.length ?? 0) === 0 ? options.pool?.take() : null;
    if (pooled) {
      const outcome = await pooled.load(path, options, requested);
      // An idle host can die just before it is taken, before its exit has been seen. If it
      // ended without a word about the plugin, no plugin code ran: the death is not the
      // plugin's, so this load gets a host of its own instead of a false crash report.
      if (outcome.ok || pooled.answered) return outcome;
    }
    const launched = await HostHandle.launch(options);
    if (!launched.ok) return { ok: false, failure: launchFailure(path, launched.failure) };
    return launched.value.load(path, options, requested);
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  /** How this host is confined. */
  get sandbox(): SandboxReport {
    return sandboxReport(this.hello, this.launchOptions.sandbox?.memoryLimitBytes ?? null, this.grants);
  }

  get alive(): boolean {
    return this.phase !== 'exited' && this.phase !== 'stopping';
  }

  /** How the process ended; null while it runs. */
  get exit(): HostExit | null {
    return this.exitInfo;
  }

  onExit(listener: (exit: HostExit) => void): void {
    if (this.exitInfo) listener(this.exitInfo);
    else this.exitListeners.push(listener);
  }

  /**
   * Loads the plugin at `path` into this idle host. Resolves once it is ready; on failure the
   * process is ended and reaped before this resolves.
   */
  async load(path: string, options: HostLoadOptions = {}, requested = performance.now()): Promise<PluginOutcome<HostHandle>> {
    const failure = await this.loadPlugin(path, options, requested);
    if (!failure) return { ok: true, value: this };
    this.kill();
    await this.exited;
    return { ok: false, failure };
  }

  /**
   * Runs a handler on a document. Past `deadlineMs` the host is killed and the call fails with
   * `call-timeout`; the caller decides about restarts. One call at a time: a second call while
   * one runs is answered `busy` (the supervisor's queue never sends one).
   */
  call(call: PluginCall, deadlineMs: number): Promise<PluginOutcome<PluginCallResult>> {
    if (this.phase !== 'ready') {
      const what = describeCall(call);
      return Promise.resolve({
        ok: false,
        failure: { code: 'crashed', message: `${this.describe()} is not running, so its ${what} cannot run. Reload the plugin.`, detail: { call: what } },
      });
    }
    if (this.pending) {
      return Promise.resolve({
        ok: false,
        failure: { code: 'busy', message: `${this.describe()} is still running its ${this.pending.call}; a host runs one call at a time.` },
      });
    }
    const id = ++this.nextCallId;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.timedOut(deadlineMs), deadlineMs);
      this.pending = { id, call: describeCall(call), resolve, timer };
      this.memoryWatch?.busy(true);
      this.connection.call(id, call);
    });
  }

  /** Asks the plugin to shut down, then ends the process if it does not exit within `graceMs`. Resolves once reaped. */
  async stop(graceMs = 2000): Promise<HostExit> {
    if (this.phase === 'exited') return this.exited;
    if (this.phase === 'ready') {
      this.phase = 'stopping';
      this.connection.send({ type: 'stop' });
      const timer = setTimeout(() => this.kill(), graceMs);
      const exit = await this.exited;
      clearTimeout(timer);
      return exit;
    }
    this.kill();
    return this.exited;
  }

  /** Ends the process now (SIGKILL). Idempotent. */
  kill(): void {
    if (!this.exitInfo) this.process.kill('SIGKILL');
  }

  /** The process ended and was reaped (called by the launch, which watches the process from its start). */
  ended(exit: ProcessExit): void {
    const phase = this.phase;
    const pending = this.pending;
    const quiet = phase === 'idle' || phase === 'ready' || phase === 'stopping';
    const full: HostExit = { ...exit, during: pending?.call ?? (quiet ? null : PHASE_WORDS[phase]), memory: this.memoryExceeded };
    this.phase = 'exited';
    this.exitInfo = full;
    this.pending = null;
    this.connection.close();
    this.memoryWatch?.stop();
    this.settleLoad?.(loadEnded(this.describe(), phase === 'idle' ? 'inspecting' : phase, full));
    if (pending) {
      clearTimeout(pending.timer);
      pending.resolve({ ok: false, failure: callEnded(this.describe(), pending.call, full) });
    }
    if (phase !== 'stopping' && this.descriptor && !full.memory) this.log.add('quire', 'error', hostEndedLine(exit));
    this.markExited(full);
    for (const listener of this.exitListeners.splice(0)) listener(full);
  }

  private describe(): string {
    return this.descriptor ? `${this.descriptor.name} (${this.descriptor.id})` : (this.path ?? 'an idle plugin host');
  }

  private loadPlugin(path: string, options: HostLoadOptions, requested: number): Promise<PluginFailure | null> {
    this.path = path;
    this.log.extend(LOG_LINES, options.onLog);
    // A host that died before it was given the plugin: no plugin code ran in it (see start()).
    if (this.exitInfo) return Promise.resolve(loadEnded(this.describe(), 'inspecting', this.exitInfo));
    this.phase = 'inspecting';
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const settle = (failure: PluginFailure | null) => {
        if (!this.settleLoad) return;
        this.settleLoad = null;
        clearTimeout(timer);
        resolve(failure);
      };
      this.settleLoad = settle;
      const deadline = (ms: number) => {
        clearTimeout(timer);
        timer = setTimeout(() => settle(loadTimedOut(this.phase, this.describe(), path, options.loadMs ?? 10_000, options.initMs ?? 5_000)), ms);
      };
      this.watchMemory();
      deadline(options.loadMs ?? 10_000);
      this.connection.listen(
        (message) => {
          this.answered = true;
          if (message.type === 'phase') {
            this.phase = message.phase;
            options.onPhase?.(message.phase);
            if (message.phase === 'initializing') deadline(options.initMs ?? 5_000);
          } else if (message.type === 'load-failed') {
            settle(message.failure);
          } else if (message.type === 'ready') {
            this.phase = 'ready';
            this.descriptor = message.descriptor;
            this.timings = { ...message.timings, totalMs: Math.round(performance.now() - requested) };
            settle(null);
          } else {
            this.onMessage(message);
          }
        },
        (problem) => {
          this.log.add('quire', 'error', `The plugin host broke the protocol: ${problem}.`);
          settle({
            code: 'crashed',
            message: `${this.describe()} corrupted its connection to Quire (${problem}); Quire stopped it. A plugin must not write to file descriptors it did not open.`,
          });
          this.kill();
        },
      );
      const sandbox = this.sandbox;
      if (options.requireSandbox && sandbox.state !== 'sandboxed') {
        settle({
          code: 'not-sandboxed',
          message: `${path} was not loaded because its host could not be fully sandboxed (${sandbox.reason ?? 'unknown reason'}) and plugins.requireSandbox is on. Run Quire on a Linux kernel with Landlock and seccomp (5.13 or newer), or turn plugins.requireSandbox off in settings.json to run plugins unconfined.`,
        });
        return;
      }
      this.connection.send({ type: 'load', path });
    });
  }

  /** Starts watching the host's memory against its limit, if it has one. */
  private watchMemory(): void {
    const limitBytes = this.launchOptions.sandbox?.memoryLimitBytes ?? null;
    const pid = this.process.pid;
    if (limitBytes === null || pid === undefined) return;
    this.memoryWatch = new MemoryWatch(pid, limitBytes, (residentBytes) => {
      this.memoryExceeded = { residentBytes, limitBytes };
      this.log.add('quire', 'error', memoryStopLine(this.memoryExceeded));
      this.kill();
    });
  }

  private timedOut(deadlineMs: number): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    this.log.add('quire', 'error', callTimeoutLine(pending.call, deadlineMs));
    pending.resolve({ ok: false, failure: callTimedOut(this.describe(), pending.call, deadlineMs) });
    this.kill();
  }

  private onMessage(message: HostMessage): void {
    if (message.type === 'log') {
      this.log.add('plugin', message.level, message.message);
      return;
    }
    const pending = this.pending;
    if (message.type !== 'result' || !pending || pending.id !== message.id) return;
    this.pending = null;
    clearTimeout(pending.timer);
    this.memoryWatch?.busy(false);
    pending.resolve(message.outcome);
  }
}
