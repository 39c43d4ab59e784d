/**
 * One regular expression judged by recheck (https://github.com/makenowjust-labs/recheck), a
 * maintained ReDoS checker: automata theory where the pattern allows it, fuzzing otherwise.
 *
 * Nothing of recheck runs on main's event loop, which also serves the browser edition's page:
 * its JavaScript (a 2.8 MB script, 100–200 ms of compiling) is loaded, and its `check` called,
 * in a worker thread of this module's own (see `CheckerThread`). From there recheck's fastest
 * backend is a native agent process (the `recheck-linux-x64` optional package, a few ms per
 * pattern); where that binary is missing it falls back to a worker thread of its own running
 * its JavaScript build. Never `checkSync`: it would stall the thread for as long as a pattern
 * takes.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export type RegexVerdict =
  | { kind: 'safe' }
  | { kind: 'exponential'; summary: string; attack: string }
  | { kind: 'polynomial'; degree: number; summary: string; attack: string }
  /** recheck could not decide in time, or does not support the pattern: not proven safe. */
  | { kind: 'unknown'; reason: string };

/** recheck's own budget per pattern; the patterns of real grammars take 1–20 ms. */
export const CHECK_TIMEOUT_MS = 2_000;
/**
 * Our hard stop, should the agent process itself stop answering. Generous, because it also
 * counts time queued behind other plugins' checks, which recheck's own timeout does not.
 */
const HARD_STOP_MS = 10_000;

/** A checker thread that has had nothing to do this long is ended; the next check starts another. */
const IDLE_END_MS = 30_000;
/** How long an ended checker thread has to stop recheck's agent and exit before it is terminated. */
const STOP_GRACE_MS = 1_000;

let backendChosen = false;

/**
 * In the packaged app node_modules sits inside app.asar, which processes cannot be spawned
 * from: point recheck at the unpacked copy of its native agent (electron-builder's asarUnpack
 * keeps one beside the archive). Elsewhere recheck finds the binary itself.
 */
function chooseBackend(): void {
  if (backendChosen) return;
  backendChosen = true;
  if (process.env['RECHECK_BIN']) return;
  try {
    const binary = createRequire(import.meta.url)
      .resolve(`recheck-${process.platform === 'darwin' ? 'macos' : process.platform === 'win32' ? 'windows' : 'linux'}-${process.arch}/package.json`)
      .replace(/package\.json$/, process.platform === 'win32' ? 'recheck.exe' : 'recheck');
    const unpacked = binary.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
    if (unpacked !== binary && existsSync(unpacked)) process.env['RECHECK_BIN'] = unpacked;
  } catch {
    // No native agent for this platform: recheck uses its worker-thread backend.
  }
}

/** recheck's diagnostics as the checker thread sends them back: only what `verdictOf` reads. */
type Outcome =
  | { status: 'safe' }
  | { status: 'vulnerable'; complexity: { type: 'exponential'; summary: string } | { type: 'polynomial'; degree: number; summary: string }; attack: string }
  | { status: 'unknown'; error: { kind: string; message?: string } }
  /** `check` itself threw. */
  | { status: 'failed'; message: string };

type Request = { type: 'check'; id: number; source: string; flags: string; timeout: number } | { type: 'cancel'; id: number } | { type: 'stop' };
/** A check's answer, or news of recheck's agent process (which main must end with the thread). */
type Reply = { id: number; outcome: Outcome } | { agentStarted: number } | { agentExited: number };

/**
 * The checker thread's code: CommonJS evaluated as is (no file of its own to bundle or ship),
 * which loads recheck from the path main resolved (`workerData.recheck`) — a bare `require`
 * would resolve from the working directory. Answers each `Request` of type check with a `Reply`,
 * and reports the pid of each process recheck spawns (its agent). On `stop` it ends those
 * processes, waits for them (a child the thread does not reap stays a zombie until Quire exits)
 * and exits.
 */
const CHECKER_SOURCE = `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const childProcess = require('node:child_process');
const spawn = childProcess.spawn;
const agents = new Set();
childProcess.spawn = function (...args) {
  const child = spawn.apply(this, args);
  const pid = child.pid;
  if (pid !== undefined) {
    agents.add(child);
    parentPort.postMessage({ agentStarted: pid });
    child.once('exit', () => {
      agents.delete(child);
      parentPort.postMessage({ agentExited: pid });
    });
  }
  return child;
};
function stop() {
  if (agents.size === 0) process.exit(0);
  for (const child of agents) {
    child.once('exit', () => agents.size === 0 && process.exit(0));
    child.kill();
  }
}
const { check } = require(workerData.recheck);
const running = new Map();
function outcomeOf(d) {
  switch (d.status) {
    case 'safe':
      return { status: 'safe' };
    case 'vulnerable':
      return { status: 'vulnerable', complexity: { type: d.complexity.type, degree: d.complexity.degree, summary: d.complexity.summary }, attack: d.attack.pattern };
    default:
      return { status: 'unknown', error: { kind: d.error.kind, message: d.error.message } };
  }
}
parentPort.on('message', (request) => {
  if (request.type === 'stop') return stop();
  if (request.type === 'cancel') {
    running.get(request.id)?.abort();
    return;
  }
  const abort = new AbortController();
  running.set(request.id, abort);
  Promise.resolve()
    .then(() => check(request.source, request.flags, { timeout: request.timeout, signal: abort.signal }))
    .then(outcomeOf)
    .catch((error) => ({ status: 'failed', message: error instanceof Error ? error.message : String(error) }))
    .then((outcome) => {
      running.delete(request.id);
      parentPort.postMessage({ id: request.id, outcome });
    });
});
`;

/**
 * The worker thread recheck runs in: started on the first check, unref'd (it never keeps Quire
 * running), ended after IDLE_END_MS without work, and ended — every pending check answered
 * `unknown` — if it crashes or stops answering. The next check then starts a fresh one.
 */
class CheckerThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, (verdict: RegexVerdict) => void>();
  /** recheck's agent processes, started from the thread. */
  private readonly agents = new Set<number>();
  private nextId = 0;
  private lastHeard = performance.now();
  private idleTimer: NodeJS.Timeout | undefined;
  private ended = false;
  private exited = false;
  private stopTimer: NodeJS.Timeout | undefined;

  constructor(recheckPath: string) {
    this.worker = new Worker(CHECKER_SOURCE, { eval: true, name: 'quire-recheck', workerData: { recheck: recheckPath } });
    this.worker.unref();
    this.worker.on('message', (reply: Reply) => {
      this.lastHeard = performance.now();
      if ('agentStarted' in reply) {
        if (this.ended) killQuietly(reply.agentStarted);
        else this.agents.add(reply.agentStarted);
        return;
      }
      if ('agentExited' in reply) {
        this.agents.delete(reply.agentExited);
        return;
      }
      const settle = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      settle?.(verdictOf(reply.outcome));
      this.idleIfDone();
    });
    this.worker.on('error', (error) => this.end(`the ReDoS checker failed (${error.message})`));
    this.worker.on('messageerror', (error) => this.end(`the ReDoS checker failed (${error.message})`));
    this.worker.on('exit', (code) => {
      this.exited = true;
      clearTimeout(this.stopTimer);
      // Whatever it started and did not end itself (it crashed, or was terminated as hung).
      for (const pid of this.agents) killQuietly(pid);
      this.agents.clear();
      this.end(`the ReDoS checker stopped (exit code ${code})`);
    });
  }

  /** Judges `source`; the answer comes through `settle`, exactly once (unless `forget` comes first). */
  check(source: string, flags: string, settle: (verdict: RegexVerdict) => void): number {
    clearTimeout(this.idleTimer);
    if (this.pending.size === 0) this.lastHeard = performance.now(); // silence counts from when it has work
    const id = this.nextId++;
    this.pending.set(id, settle);
    this.post({ type: 'check', id, source, flags, timeout: CHECK_TIMEOUT_MS });
    return id;
  }

  /** Drops check `id`, answered elsewhere, and asks recheck to stop on it. */
  forget(id: number): void {
    if (!this.pending.delete(id)) return;
    this.post({ type: 'cancel', id });
    this.idleIfDone();
  }

  /** Milliseconds the thread has had work without answering anything. */
  silentFor(): number {
    return performance.now() - this.lastHeard;
  }

  /** Ends the thread; every check still pending is answered `unknown` with `reason`. */
  end(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    if (thread === this) thread = undefined;
    clearTimeout(this.idleTimer);
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const settle of pending) settle({ kind: 'unknown', reason });
    if (this.exited) return;
    // The thread ends recheck's agent and exits by itself; one that does not (hung) is terminated.
    try {
      this.worker.postMessage({ type: 'stop' } satisfies Request);
    } catch {
      // Terminated below.
    }
    this.stopTimer = setTimeout(() => void this.worker.terminate().catch(() => undefined), STOP_GRACE_MS);
    this.stopTimer.unref();
  }

  private post(request: Request): void {
    try {
      this.worker.postMessage(request);
    } catch (error) {
      this.end(`the ReDoS checker failed (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  private idleIfDone(): void {
    if (this.pending.size > 0 || this.ended) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.end('the ReDoS checker was idle'), IDLE_END_MS);
    this.idleTimer.unref();
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid);
  } catch {
    // Already gone.
  }
}

let thread: CheckerThread | undefined;
function checkerThread(): CheckerThread {
  if (thread) return thread;
  chooseBackend(); // before the Worker: it copies process.env as it starts
  thread = new CheckerThread(createRequire(import.meta.url).resolve('recheck'));
  return thread;
}

/** Ends the checker thread, if one runs (the next check starts another); for tests and shutdown. */
export function stopRegexChecker(): void {
  thread?.end('the ReDoS checker was stopped');
}

/** A short, readable attack: recheck's JavaScript expression for it (`'a'.repeat(31) + '!'`). */
function attackOf(pattern: string): string {
  return pattern.length > 200 ? `${pattern.slice(0, 200)}…` : pattern;
}

function verdictOf(outcome: Outcome): RegexVerdict {
  switch (outcome.status) {
    case 'safe':
      return { kind: 'safe' };
    case 'vulnerable': {
      const { complexity } = outcome;
      return complexity.type === 'exponential'
        ? { kind: 'exponential', summary: complexity.summary, attack: attackOf(outcome.attack) }
        : { kind: 'polynomial', degree: complexity.degree, summary: complexity.summary, attack: attackOf(outcome.attack) };
    }
    case 'unknown': {
      const { error } = outcome;
      const reason =
        error.kind === 'timeout' || error.kind === 'cancel'
          ? `the ReDoS checker could not finish within ${CHECK_TIMEOUT_MS} ms`
          : `the ReDoS checker cannot analyse it (${error.kind}: ${error.message})`;
      return { kind: 'unknown', reason };
    }
    case 'failed':
      return { kind: 'unknown', reason: `the ReDoS checker failed (${outcome.message})` };
  }
}

/**
 * Judges `source` with `flags` in the checker thread; never throws, never takes much longer
 * than CHECK_TIMEOUT_MS — at most HARD_STOP_MS, after which a thread that has answered nothing
 * for that long is taken for hung and replaced.
 */
export async function judgeRegex(source: string, flags: string): Promise<RegexVerdict> {
  let timer: NodeJS.Timeout | undefined;
  let asked: { checker: CheckerThread; id: number } | undefined;
  const hardStop = new Promise<RegexVerdict>((resolve) => {
    timer = setTimeout(() => {
      const reason = `the ReDoS checker did not answer within ${HARD_STOP_MS} ms`;
      resolve({ kind: 'unknown', reason });
      if (!asked) return;
      if (asked.checker.silentFor() >= HARD_STOP_MS) asked.checker.end(reason);
      else asked.checker.forget(asked.id);
    }, HARD_STOP_MS);
  });
  try {
    const checked = new Promise<RegexVerdict>((resolve) => {
      try {
        const checker = checkerThread();
        asked = { checker, id: checker.check(source, flags, resolve) };
      } catch (error) {
        resolve({ kind: 'unknown', reason: `the ReDoS checker failed (${error instanceof Error ? error.message : String(error)})` });
      }
    });
    return await Promise.race([checked, hardStop]);
  } finally {
    clearTimeout(timer);
  }
}
