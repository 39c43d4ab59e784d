/**
 * A plugin host process that has started and proved itself (hello, one-time token, protocol
 * version) but has not yet been told which plugin to load. Starting a host is most of the cost
 * of loading a plugin (~100 ms of Node boot against ~8 ms from hello to ready), so this part is
 * separate from HostHandle: the pool starts hosts before anyone asks for a plugin.
 */
import { HOST_PROTOCOL_VERSION } from '../../plugin-common/protocol/messages.js';
import { hostCommand, NO_GRANTS, type HostGrants, type HostSandbox } from './host-command.js';
import { HostConnection, type Hello } from './host-connection.js';
import type { HostLauncher, HostProcess } from './host-launcher.js';
import { PluginLog, type LogLine } from './plugin-log.js';

export interface HostLaunchOptions {
  launcher: HostLauncher;
  /** The built host entry module (dist/main/plugin-host.cjs). */
  hostEntry: string;
  /** The OS sandbox every host runs in; null runs hosts unconfined (tests of the sandbox's absence, `--no-sandbox`). */
  sandbox: HostSandbox | null;
  /** Capabilities beyond the sandbox; hosts in the pool have none. */
  grants?: HostGrants;
  /** From launch to the host's hello. A cold host starts in ~0.1 s; allow for a loaded machine. */
  handshakeMs?: number;
}

const DEFAULT_HANDSHAKE_MS = 10_000;

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Why a launch produced no usable host. The process has been reaped by the time this is reported. */
export type LaunchFailure =
  | { reason: 'no-hello'; handshakeMs: number }
  | { reason: 'no-channel'; problem: string }
  | { reason: 'wrong-protocol'; protocol: number }
  | { reason: 'exited'; exit: ProcessExit; lastWords: string | null };

export type LaunchOutcome = { ok: true; value: IdleHost } | { ok: false; failure: LaunchFailure };

/** Whoever holds the host now: the pool while it waits, then the HostHandle that loads a plugin into it. */
export interface HostOwner {
  /** Receives what the process printed while it waited, then every later line. */
  log?: PluginLog;
  onExit(exit: ProcessExit): void;
}

/** A waiting host prints nothing unless something is wrong (a Node warning, a broken install): keep only a little of it. */
const WAITING_LINES = 50;

/** How long a host that died before its hello is given to finish saying why. */
const LAST_WORDS_MS = 250;

function streamEnded(stream: NodeJS.ReadableStream | null, timeoutMs: number): Promise<void> {
  const readable = stream as (NodeJS.ReadableStream & { readableEnded?: boolean; destroyed?: boolean }) | null;
  if (!readable || readable.readableEnded || readable.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    readable.once('end', done);
    readable.once('close', done);
  });
}

export class IdleHost {
  private exitInfo: ProcessExit | null = null;
  private owner: HostOwner | null = null;
  readonly exited: Promise<ProcessExit>;
  private markExited!: (exit: ProcessExit) => void;

  private constructor(
    private readonly process: HostProcess,
    readonly connection: HostConnection,
    /** What the host said when it started, including how it is sandboxed. */
    readonly hello: Hello,
    /** The capabilities this process was started with. */
    readonly grants: HostGrants,
    private readonly waitingLog: PluginLog,
  ) {
    this.exited = new Promise((resolve) => (this.markExited = resolve));
  }

  /**
   * Starts a host process and waits for its hello. Output capture and exit tracking start with
   * the process, so nothing it prints and no way it ends is missed while it waits for a plugin.
   * A failed launch resolves only once its process has been reaped. Aborting `abort` before
   * the hello ends the process (reported as an exit by SIGKILL).
   */
  static launch(options: HostLaunchOptions, abort?: AbortSignal): Promise<LaunchOutcome> {
    const handshakeMs = options.handshakeMs ?? DEFAULT_HANDSHAKE_MS;
    return new Promise((resolve) => {
      let host: IdleHost | null = null;
      let failure: LaunchFailure | null = null;
      const waitingLog = new PluginLog(WAITING_LINES, (line) => host?.forward(line));
      let waiting = true;
      let timer: NodeJS.Timeout | undefined;
      const stopWaiting = () => {
        waiting = false;
        clearTimeout(timer);
        abort?.removeEventListener('abort', abandon);
      };
      const fail = (why: LaunchFailure) => {
        failure = why;
        abandon();
      };
      const abandon = () => {
        stopWaiting();
        child.kill('SIGKILL');
      };
      const grants = options.grants ?? NO_GRANTS;
      const child = options.launcher.launch(hostCommand(options.hostEntry, options.sandbox, grants));
      waitingLog.capture(child.stdout, 'stdout');
      waitingLog.capture(child.stderr, 'stderr');
      child.onExit((code, signal) => {
        stopWaiting();
        const exit = { code, signal };
        if (host) {
          host.ended(exit);
          return;
        }
        // A host that died before its hello usually said why on stderr (the sandbox launcher
        // does): give that line a moment to arrive, but never wait on whoever else holds the pipe.
        void streamEnded(child.stderr, LAST_WORDS_MS).then(() =>
          resolve({ ok: false, failure: failure ?? { reason: 'exited', exit, lastWords: waitingLog.recent(1)[0]?.text ?? null } }),
        );
      });
      if (!child.channel) {
        fail({ reason: 'no-channel', problem: 'the process was started without its channel' });
        return;
      }
      const connection = new HostConnection(child.channel);
      // A channel that closes before the hello means the process is ending (the sandbox
      // launcher refused, or the runtime failed to start): its exit, with its last words, says why.
      connection.waitForHello((hello) => {
        if (!waiting || !hello) return;
        stopWaiting();
        if (hello.protocol !== HOST_PROTOCOL_VERSION) {
          connection.close();
          fail({ reason: 'wrong-protocol', protocol: hello.protocol });
          return;
        }
        host = new IdleHost(child, connection, hello, grants, waitingLog);
        resolve({ ok: true, value: host });
      });
      timer = setTimeout(() => fail({ reason: 'no-hello', handshakeMs }), handshakeMs);
      if (abort?.aborted) abandon();
      else abort?.addEventListener('abort', abandon, { once: true });
    });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  /** How the process ended; null while it runs. */
  get exit(): ProcessExit | null {
    return this.exitInfo;
  }

  /**
   * Hands the host to its next owner, who alone hears of its exit from now on. An owner with a
   * log first gets the lines printed while the host waited. If the process has already ended,
   * `onExit` is called at once.
   */
  claim(owner: HostOwner): void {
    this.owner = owner;
    const { log } = owner;
    if (log) for (const line of this.waitingLog.recent()) log.add(line.source, line.level, line.text);
    if (this.exitInfo) owner.onExit(this.exitInfo);
  }

  /** Ends the process now (SIGKILL). Idempotent. */
  kill(): void {
    if (!this.exitInfo) this.process.kill('SIGKILL');
  }

  private forward(line: LogLine): void {
    this.owner?.log?.add(line.source, line.level, line.text);
  }

  private ended(exit: ProcessExit): void {
    this.exitInfo = exit;
    this.connection.close();
    this.markExited(exit);
    this.owner?.onExit(exit);
  }
}
