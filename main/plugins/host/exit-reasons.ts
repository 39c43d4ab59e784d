/**
 * Every word Quire says about how a host process ended or why it was stopped: a signal, an
 * exit code, the memory limit, a deadline, a launch that never produced a host, and what the
 * supervisor does next (restart or quarantine). Messages a plugin author can act on.
 */
import type { PluginFailure } from '../../../app/plugin-contract.js';
import { HOST_PROTOCOL_VERSION } from '../../plugin-common/protocol/messages.js';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface MemoryExceeded {
  residentBytes: number;
  limitBytes: number;
}

/** How a host that had a plugin ended. */
export interface HostExit extends ProcessExit {
  /** The call or phase that was running, if any. */
  during: string | null;
  /** Set when Quire stopped the host for using more memory than its limit. */
  memory: MemoryExceeded | null;
}

/** Why a launch produced no usable host. The process has been reaped by the time this is reported. */
export type LaunchFailure =
  | { reason: 'no-hello'; handshakeMs: number }
  | { reason: 'no-channel'; problem: string }
  | { reason: 'wrong-protocol'; protocol: number }
  | { reason: 'exited'; exit: ProcessExit; lastWords: string | null };

/** Where a host process is in its life. */
export type HostPhase = 'idle' | 'inspecting' | 'loading' | 'initializing' | 'ready' | 'stopping' | 'exited';

export const PHASE_WORDS: Record<HostPhase, string> = {
  idle: 'while it waited for a plugin',
  inspecting: 'while Quire inspected the file',
  loading: 'while loading, in one of its library constructors (before init)',
  initializing: 'in its init()',
  ready: 'while idle',
  stopping: 'in its shutdown()',
  exited: 'after it had stopped',
};

const SIGNAL_MEANINGS: Partial<Record<NodeJS.Signals, string>> = {
  SIGSEGV: 'a segmentation fault: the plugin read or wrote memory it does not own (a NULL or dangling pointer, a buffer overrun)',
  SIGBUS: 'a bus error: the plugin accessed memory that is misaligned or beyond a mapped file',
  SIGABRT: 'abort(): the plugin (or its runtime) gave up, often after a failed assertion, a Rust panic with panic=abort, or heap corruption',
  SIGFPE: 'an arithmetic fault such as an integer division by zero',
  SIGILL: 'an illegal instruction: the plugin was built for a newer CPU, or its code is corrupt',
  SIGKILL: 'SIGKILL from outside Quire (for example the kernel freeing memory)',
  SIGTERM: 'SIGTERM from outside Quire',
  SIGTRAP: 'a trap (a breakpoint or a Go/Rust runtime check)',
};

export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `its process was killed by ${signal} — ${SIGNAL_MEANINGS[signal] ?? 'a signal'}`;
  if (code === 0) return 'its process exited with code 0: the plugin called exit(), which a plugin must never do';
  return `its process exited with code ${code}: the plugin called exit() or its runtime stopped the process`;
}

const MiB = 1024 * 1024;

/** "used 1.3 GiB of memory, past its limit of 1 GiB (plugins.memoryLimitMb in settings.json)". */
export function describeMemory({ residentBytes, limitBytes }: MemoryExceeded): string {
  const size = (bytes: number) => (bytes >= 1024 * MiB ? `${(bytes / (1024 * MiB)).toFixed(1)} GiB` : `${Math.round(bytes / MiB)} MiB`);
  return `used ${size(residentBytes)} of memory, past its limit of ${size(limitBytes)} (plugins.memoryLimitMb in settings.json)`;
}

/** The signal or exit code, as a failure's detail. */
const exitDetail = ({ code, signal }: ProcessExit): Record<string, string | number> => (signal ? { signal } : { exitCode: code ?? -1 });

/** Words for a host that never became usable, naming the plugin it was started for. */
export function launchFailure(path: string, failure: LaunchFailure): PluginFailure {
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
  const { code } = failure.exit;
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
    message: `${path} crashed while its host process was starting: ${describeExit(code, failure.exit.signal)}.${failure.lastWords ? ` Its last words: "${failure.lastWords}".` : ''}`,
    detail: { phase: 'starting', ...exitDetail(failure.exit) },
  };
}

/** A host that ended while its plugin was loading; `name` is the plugin (or its file). */
export function loadEnded(name: string, phase: HostPhase, exit: HostExit): PluginFailure {
  if (exit.memory) {
    return { code: 'memory-limit', message: `${name} ${describeMemory(exit.memory)} ${PHASE_WORDS[phase]}, so Quire stopped it.`, detail: { phase, ...exit.memory } };
  }
  return { code: 'crashed', message: `${name} crashed ${PHASE_WORDS[phase]}: ${describeExit(exit.code, exit.signal)}.`, detail: { phase, ...exitDetail(exit) } };
}

/** A host that ended during a call (`call` as describeCall words it). */
export function callEnded(name: string, call: string, exit: HostExit): PluginFailure {
  if (exit.memory) {
    return {
      code: 'memory-limit',
      message: `${name} ${describeMemory(exit.memory)} during its ${call}, so Quire stopped it. The document was not changed.`,
      detail: { call, ...exit.memory },
    };
  }
  return {
    code: 'crashed',
    message: `${name} crashed during its ${call}: ${describeExit(exit.code, exit.signal)}. The document was not changed.`,
    detail: { call, ...exitDetail(exit) },
  };
}

/** The log line for a loaded plugin's host that ended without being asked to. */
export const hostEndedLine = (exit: ProcessExit) => `The host process ended: ${describeExit(exit.code, exit.signal)}.`;

/** The log line for a host stopped for its memory. */
export const memoryStopLine = (memory: MemoryExceeded) => `The plugin ${describeMemory(memory)}; Quire stopped its host.`;

export function callTimedOut(name: string, call: string, deadlineMs: number): PluginFailure {
  return {
    code: 'call-timeout',
    message: `${name}'s ${call} did not finish within ${deadlineMs / 1000} s, so Quire stopped the plugin. The document was not changed.`,
    detail: { call, deadlineMs },
  };
}

export const callTimeoutLine = (call: string, deadlineMs: number) => `${call} ran past its ${deadlineMs} ms deadline; the host was stopped.`;

/** A load past its deadline: in init() (`name` is the plugin), or before it (`path` is the file). */
export function loadTimedOut(phase: HostPhase, name: string, path: string, loadMs: number, initMs: number): PluginFailure {
  const seconds = (ms: number) => `${ms / 1000} s`;
  if (phase === 'initializing') {
    return {
      code: 'init-timeout',
      message: `${name} did not finish init() within ${seconds(initMs)}, so Quire stopped it. Do slow setup lazily, on first use, rather than in init().`,
      detail: { phase },
    };
  }
  return {
    code: 'init-timeout',
    message: `${path} did not finish loading within ${seconds(loadMs)}: one of its library constructors is probably stuck. Move that work into init().`,
    detail: { phase },
  };
}

/** What ended a loaded plugin's host, in the supervisor's words: past its memory, a hang or a crash. */
function whatHappened(exit: HostExit, hung: boolean): string {
  return exit.memory ? 'went past its memory limit' : hung ? 'stopped responding' : 'crashed';
}

/** A plugin whose host ended and that the supervisor restarts. */
export function restarting(name: string, exit: HostExit, hung: boolean): PluginFailure {
  return {
    code: exit.memory ? 'memory-limit' : hung ? 'call-timeout' : 'crashed',
    message: `${name} ${whatHappened(exit, hung)}${exit.during ? ` during its ${exit.during}` : ''}; Quire is restarting it.`,
    detail: exit.memory ? { ...exit.memory } : exitDetail(exit),
  };
}

/** A plugin that ended `crashes` times within `windowMs`, which the supervisor stops restarting. */
export function quarantined(name: string, exit: HostExit, hung: boolean, crashes: number, windowMs: number): PluginFailure {
  return {
    code: 'quarantined',
    message: `${name} ${whatHappened(exit, hung)} ${crashes} times within ${Math.round(windowMs / 60_000)} minutes, so Quire stopped restarting it. Re-enable it once the plugin is fixed; until then its commands, formats and linters are unavailable.`,
    detail: { crashes, lastExit: exit.signal ?? `exit code ${exit.code}` },
  };
}
