/**
 * The hostile test plugins (native/test-plugins/hostile-*.c) and what a sandbox test needs
 * around them: their files, and finding and ending the processes they leave behind.
 *
 * Each hostile plugin is a valid plugin whose COMMANDS attack one containment promise, aimed by
 * the document text (a path, a port, a pid…), and answer status OK with a message saying what
 * happened: "write-file: succeeded (25 bytes)" or "write-file: blocked (EACCES)". The same
 * plugin proves the attack works without the sandbox and is stopped with it. The commands and
 * their arguments are listed at the top of each .c file.
 *
 * THE MARKER. Every process a hostile plugin leaves running carries HOSTILE_MARKER, so it can
 * be found after its host is gone and it was reparented to init (the setsid daemon at once):
 *   - forked children: prctl(PR_SET_NAME) → /proc/PID/comm is "quire-hostile";
 *   - exec'd programs (sh, sleep): argv[0] "quire-hostile" and the environment variable
 *     QUIRE_HOSTILE_MARKER=quire-hostile → /proc/PID/environ (comm is then "sh" or "sleep";
 *     the sleep that sh starts inherits the environment, not argv[0]).
 * Threads left by hostile-threads are named "quire-hostile" too, but are not processes.
 * The marker is the same for every test: do not run two files of hostile tests in parallel
 * if one of them calls killLeftovers while the other expects its leftovers to be alive.
 */
import { readdirSync, readFileSync } from 'node:fs';
import koffi from 'koffi';
import { testPlugin } from './host-fixtures.js';

export const HOSTILE_MARKER = 'quire-hostile';
/** The environment variable carrying the marker into exec'd programs. */
export const HOSTILE_MARKER_VARIABLE = 'QUIRE_HOSTILE_MARKER';

/** Plugin ids, by file name after "hostile-". version-a and version-b share one id. */
export const HOSTILE_PLUGIN_IDS = {
  files: 'dev.quire.test.hostile-files',
  'files-folder': 'dev.quire.test.hostile-files-folder',
  proc: 'dev.quire.test.hostile-proc',
  network: 'dev.quire.test.hostile-network',
  'network-granted': 'dev.quire.test.hostile-network-granted',
  processes: 'dev.quire.test.hostile-processes',
  memory: 'dev.quire.test.hostile-memory',
  log: 'dev.quire.test.hostile-log',
  threads: 'dev.quire.test.hostile-threads',
  'version-a': 'dev.quire.test.hostile-version',
  'version-b': 'dev.quire.test.hostile-version',
} as const;

export type HostilePluginName = keyof typeof HOSTILE_PLUGIN_IDS;

/** The built file of a hostile plugin: hostilePlugin('files') is dist/test-plugins/hostile-files.so. */
export function hostilePlugin(name: HostilePluginName): string {
  return testPlugin(`hostile-${name}`);
}

interface ProcessEntry {
  pid: number;
  ppid: number;
  /** One letter: R, S, D, Z (zombie), T… */
  state: string;
  comm: string;
}

/** One /proc/PID/stat, or null when the process ended while we looked. */
function readEntry(pid: number): ProcessEntry | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "PID (COMM) STATE PPID ...": the name may hold spaces and parentheses, so cut at the last ')'.
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    return { pid, ppid: Number(fields[1]), state: fields[0] ?? '', comm: stat.slice(stat.indexOf('(') + 1, close) };
  } catch {
    return null;
  }
}

/** Every live process but zombies (dead, holding nothing, and unkillable) and this one. */
function liveProcesses(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    const entry = readEntry(Number(name));
    if (entry && entry.state !== 'Z') entries.push(entry);
  }
  return entries;
}

/**
 * Live (non-zombie) descendants of `pid` at any depth, children first. It misses what was
 * reparented away (a daemon, the children of a host that died): use processesWithMarker for those.
 */
export function processesDescendedFrom(pid: number): number[] {
  const childrenOf = new Map<number, number[]>();
  for (const entry of liveProcesses()) childrenOf.set(entry.ppid, [...(childrenOf.get(entry.ppid) ?? []), entry.pid]);
  const found: number[] = [];
  const queue = [...(childrenOf.get(pid) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    found.push(next);
    queue.push(...(childrenOf.get(next) ?? []));
  }
  return found;
}

/** Whether /proc/PID/environ holds `variable=value` (false when unreadable, e.g. another user's). */
function environmentHas(pid: number, entry: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(entry);
  } catch {
    return false;
  }
}

/**
 * Live (non-zombie) processes, anywhere, that carry `marker`: named it (comm; the kernel keeps
 * 15 bytes) or with QUIRE_HOSTILE_MARKER=`marker` in their environment. Never this process.
 */
export function processesWithMarker(marker: string = HOSTILE_MARKER): number[] {
  const comm = marker.slice(0, 15);
  const variable = `${HOSTILE_MARKER_VARIABLE}=${marker}`;
  return liveProcesses()
    .filter((entry) => entry.comm === comm || environmentHas(entry.pid, variable))
    .map((entry) => entry.pid);
}

const PR_SET_CHILD_SUBREAPER = 36;
type Prctl = (option: number, a2: number, a3: number, a4: number, a5: number) => number;
let prctl: Prctl | null = null;

/**
 * Makes this process the "subreaper" of everything it starts (prctl PR_SET_CHILD_SUBREAPER):
 * a process orphaned below it (a host's forked children once the host is gone, the setsid
 * daemon at once) is reparented to THIS process instead of init, so processesDescendedFrom
 * (process.pid) still finds it, and init cannot reap or kill it first (some container inits
 * kill orphans within seconds, which would make an unsandboxed "the attack works" test flaky).
 * Lasts for the life of the process (a vitest worker); Node never reaps the orphans it
 * inherits, so they stay as zombies, which these helpers ignore.
 */
export function adoptOrphans(): void {
  prctl ??= koffi.load('libc.so.6').func('int prctl(int option, unsigned long a2, unsigned long a3, unsigned long a4, unsigned long a5)') as unknown as Prctl;
  if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) !== 0) throw new Error('prctl(PR_SET_CHILD_SUBREAPER) failed');
}

/**
 * SIGKILLs every process carrying `marker` and waits (up to 5 s) until none is left; returns
 * the pids it killed, so a test can also assert there were none. For afterEach.
 */
export async function killLeftovers(marker: string = HOSTILE_MARKER): Promise<number[]> {
  const killed: number[] = [];
  const deadline = Date.now() + 5_000;
  for (;;) {
    const left = processesWithMarker(marker);
    if (left.length === 0) return killed;
    if (Date.now() > deadline) throw new Error(`processes marked "${marker}" survived SIGKILL: ${left.join(', ')}`);
    for (const pid of left) {
      try {
        process.kill(pid, 'SIGKILL');
        if (!killed.includes(pid)) killed.push(pid);
      } catch {
        // It ended on its own meanwhile.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
