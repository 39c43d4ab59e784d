/**
 * Main's handle on one plugin host process: start it on a plugin file and wait for ready (or
 * a typed failure), call handlers under a deadline, stop it. Whatever the plugin does — crash,
 * hang, exit, print — comes back as a PluginFailure; it never throws into main.
 */
import type {
  HandlerKind,
  LoadTimings,
  PluginCallResult,
  PluginDescriptor,
  PluginDocument,
  PluginFailure,
  PluginOutcome,
  SandboxReport,
} from '../../../app/plugin-contract.js';
import { HOST_PROTOCOL_VERSION, type HostMessage } from '../../plugin-common/protocol/messages.js';
import { describeExit, describeMemory } from './exit-reasons.js';
import type { HostPool } from './host-pool.js';
import { IdleHost, type HostLaunchOptions, type LaunchFailure, type ProcessExit } from './idle-host.js';
import { MemoryWatch } from './memory-watch.js';
import { PluginLog, type LogLine } from './plugin-log.js';
import { sandboxReport } from '../sandbox/sandbox-report.js';

export interface HostHandleOptions extends HostLaunchOptions {
  /** For inspection and dlopen, which runs the library's constructors. */
  loadMs?: number;
  /** For the plugin's init(). */
  initMs?: number;
  onLog?: (line: LogLine) => void;
  /** Called as the host reports each loading phase (inspecting, loading, initializing). */
  onPhase?: (phase: 'inspecting' | 'loading' | 'initializing') => void;
  /** plugins.requireSandbox: refuse to load the plugin into a host that is not fully sandboxed. */
  requireSandbox?: boolean;
  /**
   * Hosts started ahead of need. A load takes one when one is ready and starts its own
   * otherwise, so a pool only ever makes a load faster.
   */
  pool?: HostPool;
}

export interface HostExit extends ProcessExit {
  /** The call or phase that was running, if any. */
  during: string | null;
  /** Set when Quire stopped the host for using more memory than its limit. */
  memory: { residentBytes: number; limitBytes: number } | null;
}

type Phase = 'inspecting' | 'loading' | 'initializing' | 'ready' | 'stopping' | 'exited';

interface PendingCall {
  id: number;
  call: string;
  resolve(outcome: PluginOutcome<PluginCallResult>): void;
  timer: NodeJS.Timeout;
}

const PHASE_WORDS: Record<Phase, string> = {
  inspecting: 'while Quire inspected the file',
  loading: 'while loading, in one of its library constructors (before init)',
  initializing: 'in its init()',
  ready: 'while idle',
  stopping: 'in its shutdown()',
  exited: 'after it had stopped',
};

/** Words for a host that never became usable, naming the plugin it was started for. */
function launchFailure(path: string, failure: LaunchFailure): PluginFailure {
  if (failure.reason === 'no-hello') {
    return {
      code: 'host-failed',
      message: `Quire's plugin host for ${path} did not connect within ${failure.handshakeMs} ms. The machine may be overloaded; try reloading the plugin.`,
    };
  }
  if (failure.reason === 'no-channel') {
    return { code: 'host-failed', message: `Quire's plugin host for ${path} could not talk to Quire: ${failure.problem}. Try reloading the plugin.` };
  }
  if (failure.reason === 'wrong-protocol') {
    return {
      code: 'host-failed',
      message: `Quire's plugin host speaks protocol ${failure.protocol}, but this Quire expects ${HOST_PROTOCOL_VERSION}. Rebuild Quire (npm run build) so both parts match.`,
    };
  }
  const { code, signal } = failure.exit;
  // The sandbox launcher refuses before any plugin code exists in the process, and says why.
  if (failure.lastWords?.startsWith('quire-sandbox:')) {
    return {
      code: failure.lastWords.includes('Landlock') ? 'not-sandboxed' : 'host-failed',
      message: `Quire could not start a sandboxed host for ${path}: ${failure.lastWords.slice('quire-sandbox:'.length).trim()}`,
      detail: { phase: 'starting', exitCode: code ?? -1 },
    };
  }
  return {
    code: 'crashed',
    message: `${path} crashed while its host process was starting: ${describeExit(code, signal)}.${failure.lastWords ? ` Its last words: "${failure.lastWords}".` : ''}`,
    detail: { phase: 'starting', ...(signal ? { signal } : { exitCode: code ?? -1 }) },
  };
}

export class HostHandle {
  readonly log: PluginLog;
  descriptor: PluginDescriptor | null = null;
  timings: (LoadTimings & { totalMs: number }) | null = null;
  private phase: Phase = 'inspecting';
  /** Whether the host has said anything since it was sent the plugin; until then no plugin code has run in it. */
  private answered = false;
  private pending: PendingCall | null = null;
  private nextCallId = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private exitInfo: HostExit | null = null;
  private readonly exited: Promise<HostExit>;
  private markExited!: (exit: HostExit) => void;
  private readonly exitListeners: ((exit: HostExit) => void)[] = [];
  private memoryWatch: MemoryWatch | null = null;
  /** Why Quire ended the process for memory, once it has. */
  private memoryExceeded: HostExit['memory'] = null;

  private constructor(
    readonly path: string,
    private readonly options: HostHandleOptions,
    private readonly host: IdleHost,
  ) {
    this.log = new PluginLog(500, options.onLog);
    this.exited = new Promise((resolve) => (this.markExited = resolve));
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
      const host = new HostHandle(path, options, pooled);
      const outcome = await host.boot(requested);
      // An idle host can die just before it is taken, before its exit has been seen. If it
      // ended without a word about the plugin, no plugin code ran: the death is not the
      // plugin's, so this load gets a host of its own instead of a false crash report.
      if (outcome.ok || host.answered) return outcome;
    }
    const launched = await IdleHost.launch(options);
    if (!launched.ok) return { ok: false, failure: launchFailure(path, launched.failure) };
    return new HostHandle(path, options, launched.value).boot(requested);
  }

  get pid(): number | undefined {
    return this.host.pid;
  }

  /** How this host is confined. */
  get sandbox(): SandboxReport {
    return sandboxReport(this.host.hello, this.options.sandbox?.memoryLimitBytes ?? null, this.host.grants);
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
   * Runs a handler on a document. Calls run one at a time in order. Past `deadlineMs` the
   * host is killed and the call fails with `call-timeout`; the caller decides about restarts.
   */
  call(kind: HandlerKind, handler: string, document: PluginDocument, deadlineMs: number): Promise<PluginOutcome<PluginCallResult>> {
    const run = () => this.runCall(kind, handler, document, deadlineMs);
    const result = this.queue.then(run, run);
    this.queue = result;
    return result;
  }

  /** Asks the plugin to shut down, then ends the process if it does not exit within `graceMs`. Resolves once reaped. */
  async stop(graceMs = 2000): Promise<HostExit> {
    if (this.phase === 'exited') return this.exited;
    if (this.phase === 'ready') {
      this.phase = 'stopping';
      this.host.connection.send({ type: 'stop' });
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
    this.host.kill();
  }

  private describe(): string {
    return this.descriptor ? `${this.descriptor.name} (${this.descriptor.id})` : this.path;
  }

  /** Loads the plugin into the host; on failure the process is ended and reaped before this resolves. */
  private async boot(requested: number): Promise<PluginOutcome<HostHandle>> {
    const failure = await this.load(requested);
    if (!failure) return { ok: true, value: this };
    this.kill();
    await this.exited;
    return { ok: false, failure };
  }

  private load(requested: number): Promise<PluginFailure | null> {
    const { options } = this;
    const { connection } = this.host;
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      const settle = (failure: PluginFailure | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(failure);
      };
      const deadline = (ms: number, failure: () => PluginFailure) => {
        clearTimeout(timer);
        timer = setTimeout(() => settle(failure()), ms);
      };
      this.host.claim({
        log: this.log,
        onExit: (exit) => {
          const quiet = this.phase === 'stopping' || this.phase === 'ready';
          const during = this.pending?.call ?? (quiet ? null : PHASE_WORDS[this.phase]);
          const memory = this.memoryExceeded;
          settle(
            memory
              ? { code: 'memory-limit', message: `${this.describe()} ${describeMemory(memory)} ${PHASE_WORDS[this.phase]}, so Quire stopped it.`, detail: { phase: this.phase, ...memory } }
              : {
                  code: 'crashed',
                  message: `${this.describe()} crashed ${PHASE_WORDS[this.phase]}: ${describeExit(exit.code, exit.signal)}.`,
                  detail: { phase: this.phase, ...(exit.signal ? { signal: exit.signal } : { exitCode: exit.code ?? -1 }) },
                },
          );
          this.onProcessExit({ ...exit, during, memory });
        },
      });
      // The host was already known to be dead: claim has reported it.
      if (settled) return;
      this.watchMemory();
      deadline(options.loadMs ?? 10_000, () => this.loadTimeout());
      connection.listen(
        (message, body) => {
          this.answered = true;
          if (message.type === 'phase') {
            this.phase = message.phase;
            options.onPhase?.(message.phase);
            if (message.phase === 'initializing') deadline(options.initMs ?? 5_000, () => this.loadTimeout());
          } else if (message.type === 'load-failed') {
            settle(message.failure);
          } else if (message.type === 'ready') {
            this.phase = 'ready';
            this.descriptor = message.descriptor;
            this.timings = { ...message.timings, totalMs: Math.round(performance.now() - requested) };
            settle(null);
          } else {
            this.onMessage(message, body);
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
          message: `${this.path} was not loaded because its host could not be fully sandboxed (${sandbox.reason ?? 'unknown reason'}) and plugins.requireSandbox is on. Run Quire on a Linux kernel with Landlock and seccomp (5.13 or newer), or turn plugins.requireSandbox off in settings.json to run plugins unconfined.`,
        });
        return;
      }
      connection.send({ type: 'load', path: this.path });
    });
  }

  /** Starts watching the host's memory against its limit, if it has one. */
  private watchMemory(): void {
    const limitBytes = this.options.sandbox?.memoryLimitBytes ?? null;
    const pid = this.host.pid;
    if (limitBytes === null || pid === undefined) return;
    this.memoryWatch = new MemoryWatch(pid, limitBytes, (residentBytes) => {
      this.memoryExceeded = { residentBytes, limitBytes };
      this.log.add('quire', 'error', `The plugin ${describeMemory(this.memoryExceeded)}; Quire stopped its host.`);
      this.kill();
    });
  }

  private loadTimeout(): PluginFailure {
    const seconds = (ms: number) => `${ms / 1000} s`;
    if (this.phase === 'initializing') {
      return {
        code: 'init-timeout',
        message: `${this.describe()} did not finish init() within ${seconds(this.options.initMs ?? 5_000)}, so Quire stopped it. Do slow setup lazily, on first use, rather than in init().`,
        detail: { phase: this.phase },
      };
    }
    return {
      code: 'init-timeout',
      message: `${this.path} did not finish loading within ${seconds(this.options.loadMs ?? 10_000)}: one of its library constructors is probably stuck. Move that work into init().`,
      detail: { phase: this.phase },
    };
  }

  private runCall(kind: HandlerKind, handler: string, document: PluginDocument, deadlineMs: number): Promise<PluginOutcome<PluginCallResult>> {
    const call = `${kind === 'lint' ? 'linter' : kind === 'format' ? 'formatter' : 'command'} "${handler}"`;
    if (this.phase !== 'ready') {
      return Promise.resolve({
        ok: false,
        failure: { code: 'crashed', message: `${this.describe()} is not running, so its ${call} cannot run. Reload the plugin.`, detail: { call } },
      });
    }
    const id = ++this.nextCallId;
    const { connection } = this.host;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending = null;
        this.log.add('quire', 'error', `${call} ran past its ${deadlineMs} ms deadline; the host was stopped.`);
        resolve({
          ok: false,
          failure: {
            code: 'call-timeout',
            message: `${this.describe()}'s ${call} did not finish within ${deadlineMs / 1000} s, so Quire stopped the plugin. The document was not changed.`,
            detail: { call, deadlineMs },
          },
        });
        this.kill();
      }, deadlineMs);
      this.pending = { id, call, resolve, timer };
      this.memoryWatch?.busy(true);
      connection.send(
        {
          type: 'call',
          id,
          kind,
          handler,
          languageId: document.languageId,
          path: document.path,
          selections: document.selections,
          textUtf16Length: document.text.length,
        },
        Buffer.from(document.text, 'utf8'),
      );
    });
  }

  private onMessage(message: HostMessage, body: Buffer): void {
    if (message.type === 'log') {
      this.log.add('plugin', message.level, message.message);
      return;
    }
    if (message.type !== 'result' || !this.pending || this.pending.id !== message.id) return;
    const { resolve, timer } = this.pending;
    this.pending = null;
    clearTimeout(timer);
    this.memoryWatch?.busy(false);
    const { outcome } = message;
    if (!outcome.ok) {
      resolve(outcome);
      return;
    }
    resolve({
      ok: true,
      value: {
        message: outcome.message,
        text: outcome.hasText ? body.toString('utf8') : null,
        edits: outcome.edits,
        diagnostics: outcome.diagnostics,
      },
    });
  }

  private onProcessExit(exit: HostExit): void {
    const wasStopping = this.phase === 'stopping';
    this.phase = 'exited';
    this.exitInfo = exit;
    this.memoryWatch?.stop();
    if (this.pending) {
      const { resolve, timer, call } = this.pending;
      this.pending = null;
      clearTimeout(timer);
      resolve({
        ok: false,
        failure: exit.memory
          ? {
              code: 'memory-limit',
              message: `${this.describe()} ${describeMemory(exit.memory)} during its ${call}, so Quire stopped it. The document was not changed.`,
              detail: { call, ...exit.memory },
            }
          : {
              code: 'crashed',
              message: `${this.describe()} crashed during its ${call}: ${describeExit(exit.code, exit.signal)}. The document was not changed.`,
              detail: { call, ...(exit.signal ? { signal: exit.signal } : { exitCode: exit.code ?? -1 }) },
            },
      });
    }
    if (!wasStopping && this.descriptor && !exit.memory) this.log.add('quire', 'error', `The host process ended: ${describeExit(exit.code, exit.signal)}.`);
    this.markExited(exit);
    for (const listener of this.exitListeners.splice(0)) listener(exit);
  }
}
