/**
 * Starting one plugin host process and its handshake: spawn it (behind the sandbox launcher),
 * capture what it prints from its first moment, and wait for its hello on the channel (right
 * protocol version). What comes out is handed to the host's owner (HostHandle), which keeps it
 * from then on, idle in the pool or loaded, until it exits.
 */
import { HOST_PROTOCOL_VERSION } from '../../plugin-common/protocol/messages.js';
import type { LaunchFailure, ProcessExit } from './exit-reasons.js';
import { hostCommand, NO_GRANTS, type HostGrants, type HostSandbox } from './host-command.js';
import { HostConnection, type Hello } from './host-connection.js';
import type { HostLauncher, HostProcess } from './host-launcher.js';
import { PluginLog } from './plugin-log.js';

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

/** A started host that said hello, as its owner receives it. */
export interface LaunchedHost {
  process: HostProcess;
  connection: HostConnection;
  /** What the host said when it started, including how it is sandboxed. */
  hello: Hello;
  /** The capabilities this process was started with. */
  grants: HostGrants;
  /** Everything the process prints, from its first line. */
  log: PluginLog;
}

/** Whoever owns a launched host: hears once, when the process has ended and been reaped. */
export interface HostOwner {
  ended(exit: ProcessExit): void;
}

export type LaunchOutcome<T> = { ok: true; value: T } | { ok: false; failure: LaunchFailure };

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

/**
 * Starts a host process and waits for its hello; `adopt` makes its owner at that moment, who
 * alone hears of its exit from then on. Output capture and exit tracking start with the
 * process, so nothing it prints and no way it ends is missed. A failed launch resolves only
 * once its process has been reaped. Aborting `abort` before the hello ends the process.
 */
export function launchHost<T extends HostOwner>(options: HostLaunchOptions, adopt: (launched: LaunchedHost) => T, abort?: AbortSignal): Promise<LaunchOutcome<T>> {
  const handshakeMs = options.handshakeMs ?? DEFAULT_HANDSHAKE_MS;
  return new Promise((resolve) => {
    let owner: T | null = null;
    let failure: LaunchFailure | null = null;
    const log = new PluginLog(WAITING_LINES);
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
    log.capture(child.stdout, 'stdout');
    log.capture(child.stderr, 'stderr');
    child.onExit((code, signal) => {
      stopWaiting();
      const exit = { code, signal };
      if (owner) {
        owner.ended(exit);
        return;
      }
      // A host that died before its hello usually said why on stderr (the sandbox launcher
      // does): give that line a moment to arrive, but never wait on whoever else holds the pipe.
      void streamEnded(child.stderr, LAST_WORDS_MS).then(() =>
        resolve({ ok: false, failure: failure ?? { reason: 'exited', exit, lastWords: log.recent(1)[0]?.text ?? null } }),
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
      owner = adopt({ process: child, connection, hello, grants, log });
      resolve({ ok: true, value: owner });
    });
    timer = setTimeout(() => fail({ reason: 'no-hello', handshakeMs }), handshakeMs);
    if (abort?.aborted) abandon();
    else abort?.addEventListener('abort', abandon, { once: true });
  });
}
