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
} from '../../app/plugin-contract.js';
import { HOST_PROTOCOL_VERSION, type HostMessage } from '../plugin-host/protocol/messages.js';
import { describeExit } from './exit-reasons.js';
import type { HostChannel, HostConnection } from './host-channel.js';
import type { HostLauncher, HostProcess } from './host-launcher.js';
import { PluginLog, type LogLine } from './plugin-log.js';

export interface PluginHostOptions {
  launcher: HostLauncher;
  channel: HostChannel;
  /** The built host entry module (dist/main/plugin-host.js). */
  hostEntry: string;
  /** From launch to the host's hello. A cold host starts in ~0.1 s; allow for a loaded machine. */
  handshakeMs?: number;
  /** For inspection and dlopen, which runs the library's constructors. */
  loadMs?: number;
  /** For the plugin's init(). */
  initMs?: number;
  onLog?: (line: LogLine) => void;
}

export interface HostExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The call or phase that was running, if any. */
  during: string | null;
}

type Phase = 'starting' | 'inspecting' | 'loading' | 'initializing' | 'ready' | 'stopping' | 'exited';

interface PendingCall {
  id: number;
  call: string;
  resolve(outcome: PluginOutcome<PluginCallResult>): void;
  timer: NodeJS.Timeout;
}

const PHASE_WORDS: Record<Phase, string> = {
  starting: 'while its host process was starting',
  inspecting: 'while Quire inspected the file',
  loading: 'while loading, in one of its library constructors (before init)',
  initializing: 'in its init()',
  ready: 'while idle',
  stopping: 'in its shutdown()',
  exited: 'after it had stopped',
};

export class PluginHost {
  readonly log: PluginLog;
  descriptor: PluginDescriptor | null = null;
  timings: (LoadTimings & { totalMs: number }) | null = null;
  private phase: Phase = 'starting';
  private connection: HostConnection | null = null;
  private process: HostProcess | null = null;
  private pending: PendingCall | null = null;
  private nextCallId = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private exitInfo: HostExit | null = null;
  private readonly exited: Promise<HostExit>;
  private markExited!: (exit: HostExit) => void;
  private readonly exitListeners: ((exit: HostExit) => void)[] = [];

  private constructor(
    readonly path: string,
    private readonly options: PluginHostOptions,
  ) {
    this.log = new PluginLog(500, options.onLog);
    this.exited = new Promise((resolve) => (this.markExited = resolve));
  }

  /** Starts a host for the plugin at `path`. Resolves when it is ready, or with why it is not (the process reaped). */
  static async start(path: string, options: PluginHostOptions): Promise<PluginOutcome<PluginHost>> {
    const host = new PluginHost(path, options);
    const failure = await host.boot();
    if (!failure) return { ok: true, value: host };
    host.kill();
    await host.exited;
    return { ok: false, failure };
  }

  get pid(): number | undefined {
    return this.process?.pid;
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
    if (this.phase === 'ready' && this.connection) {
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
    if (this.phase !== 'exited') this.process?.kill('SIGKILL');
  }

  private describe(): string {
    return this.descriptor ? `${this.descriptor.name} (${this.descriptor.id})` : this.path;
  }

  private boot(): Promise<PluginFailure | null> {
    const { options } = this;
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
      const started = performance.now();
      const expectation = options.channel.expect((connection) => {
        this.connection = connection;
        if (connection.hello.protocol !== HOST_PROTOCOL_VERSION) {
          settle({
            code: 'host-failed',
            message: `Quire's plugin host speaks protocol ${connection.hello.protocol}, but this Quire expects ${HOST_PROTOCOL_VERSION}. Rebuild Quire (npm run build) so both parts match.`,
          });
          return;
        }
        this.phase = 'inspecting';
        deadline(options.loadMs ?? 10_000, () => this.loadTimeout());
        connection.listen(
          (message, body) => {
            if (message.type === 'phase') {
              this.phase = message.phase;
              if (message.phase === 'initializing') deadline(options.initMs ?? 5_000, () => this.loadTimeout());
            } else if (message.type === 'load-failed') {
              settle(message.failure);
            } else if (message.type === 'ready') {
              this.phase = 'ready';
              this.descriptor = message.descriptor;
              this.timings = { ...message.timings, totalMs: Math.round(performance.now() - started) };
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
        connection.send({ type: 'load', path: this.path });
      });
      this.process = options.launcher.launch(options.hostEntry, [options.channel.socketPath, expectation.token, String(process.pid)]);
      this.log.capture(this.process.stdout, 'stdout');
      this.log.capture(this.process.stderr, 'stderr');
      this.process.onExit((code, signal) => {
        expectation.cancel();
        const quiet = this.phase === 'stopping' || this.phase === 'ready';
        const during = this.pending?.call ?? (quiet ? null : PHASE_WORDS[this.phase]);
        const exit: HostExit = { code, signal, during };
        if (!settled) {
          settle({
            code: 'crashed',
            message: `${this.describe()} crashed ${PHASE_WORDS[this.phase]}: ${describeExit(code, signal)}.`,
            detail: { phase: this.phase, ...(signal ? { signal } : { exitCode: code ?? -1 }) },
          });
        }
        this.onProcessExit(exit);
      });
      deadline(options.handshakeMs ?? 10_000, () => ({
        code: 'host-failed',
        message: `Quire's plugin host for ${this.path} did not connect within ${options.handshakeMs ?? 10_000} ms. The machine may be overloaded; try reloading the plugin.`,
      }));
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
    if (this.phase !== 'ready' || !this.connection) {
      return Promise.resolve({
        ok: false,
        failure: { code: 'crashed', message: `${this.describe()} is not running, so its ${call} cannot run. Reload the plugin.`, detail: { call } },
      });
    }
    const id = ++this.nextCallId;
    const connection = this.connection;
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
    this.connection?.close();
    if (this.pending) {
      const { resolve, timer, call } = this.pending;
      this.pending = null;
      clearTimeout(timer);
      resolve({
        ok: false,
        failure: {
          code: 'crashed',
          message: `${this.describe()} crashed during its ${call}: ${describeExit(exit.code, exit.signal)}. The document was not changed.`,
          detail: { call, ...(exit.signal ? { signal: exit.signal } : { exitCode: exit.code ?? -1 }) },
        },
      });
    }
    if (!wasStopping && this.descriptor) this.log.add('quire', 'error', `The host process ended: ${describeExit(exit.code, exit.signal)}.`);
    this.markExited(exit);
    for (const listener of this.exitListeners.splice(0)) listener(exit);
  }
}
