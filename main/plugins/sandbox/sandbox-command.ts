/**
 * How main starts a plugin host inside the OS sandbox (Linux): the launcher's command line, the
 * files the runtime needs to read to start at all, where the native pieces live, and what the
 * kernel here supports. The launcher (native/sandbox/quire-sandbox.c) applies Landlock, limits
 * and a capability drop, then execs the host; the host applies seccomp to itself
 * (main/plugin-host/sandbox/seccomp.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';

export interface SandboxPolicy {
  /** dist/sandbox/quire-sandbox. */
  launcher: string;
  /** Folders and files the host may read (and execute); nothing else is readable. */
  readPaths: string[];
  /** TCP and abstract Unix sockets stay open (the plugin was granted `network`). */
  allowNetwork: boolean;
  /** RLIMIT_DATA, or null for none. */
  memoryBytes: number | null;
  /** Refuse to start where the kernel lacks Landlock, instead of running with limits only. */
  requireLandlock: boolean;
}

/** What the kernel here offers, as `quire-sandbox --probe` found it. */
export interface SandboxSupport {
  landlockAbi: number | null;
  /** Why Landlock is unavailable, in words a user can act on; null when it is available. */
  landlockError: string | null;
  seccomp: boolean;
}

/** The launcher's arguments (after its own path) that run `program args` under `policy`. */
export function sandboxArgv(policy: SandboxPolicy, parentPid: number, program: string, args: string[]): string[] {
  const argv: string[] = [];
  for (const readPath of policy.readPaths) argv.push('--read', readPath);
  if (policy.allowNetwork) argv.push('--allow-network');
  if (policy.memoryBytes !== null) argv.push('--memory-bytes', String(Math.floor(policy.memoryBytes)));
  argv.push('--parent-pid', String(parentPid));
  if (policy.requireLandlock) argv.push('--require-landlock');
  argv.push('--', program, ...args);
  return argv;
}

/**
 * What the dynamic loader, glibc and the runtime read to start, found with
 * `strace -f -e trace=%file` on a sandboxed host start and a Go c-shared plugin load. Missing
 * ones are skipped by the launcher, so one list serves every distribution. Deliberately absent:
 * /etc as a whole (passwd, shadow, the machine's configuration), $HOME, /tmp, /sys/fs/cgroup
 * (it names every other cgroup on the machine; libuv and Go fall back to the CPU count and
 * /proc/meminfo without it) and /etc/ssl/certs (read only for NODE_EXTRA_CA_CERTS, which the
 * host's environment does not carry).
 */
const SYSTEM_READ_PATHS = [
  // The loader, glibc, libstdc++ and the rest of the system's libraries; zoneinfo is under /usr.
  '/usr',
  '/lib',
  '/lib64',
  '/lib32',
  '/etc/ld.so.cache',
  '/etc/ld.so.conf',
  '/etc/ld.so.conf.d',
  // A system-wide preload applies to every process; denying it would only make ld.so complain.
  '/etc/ld.so.preload',
  '/etc/localtime',
  '/usr/share/zoneinfo',
  // Node built against a system-configured OpenSSL (Debian's) refuses to start when it exists
  // but cannot be read ("OpenSSL configuration error").
  '/etc/ssl/openssl.cnf',
  // CPU count (libuv, V8, the Go runtime) and huge-page size (Go's allocator, glibc).
  '/sys/devices/system/cpu',
  '/sys/kernel/mm/transparent_hugepage',
  '/proc/sys/vm/overcommit_memory',
  // Total memory: Node sizes the V8 heap from it.
  '/proc/meminfo',
];

let runtimeReadPaths: string[] | undefined;

/**
 * The read paths a host needs to start: the system's, plus the runtime's own folder (Electron
 * keeps its .pak files, ICU data and bundled libraries beside its binary) and the folders of
 * the libraries it links against when they live outside the system's.
 */
export function hostRuntimeReadPaths(): string[] {
  runtimeReadPaths ??= withoutNested([...SYSTEM_READ_PATHS, path.dirname(realExecPath()), ...linkedLibraryFolders(process.execPath)]);
  return [...runtimeReadPaths];
}

function realExecPath(): string {
  try {
    return realpathSync(process.execPath);
  } catch {
    return process.execPath;
  }
}

/** The real folders of the shared libraries `binary` links against, as `ldd` resolves them. */
function linkedLibraryFolders(binary: string): string[] {
  const listed = spawnSync('ldd', [binary], { encoding: 'utf8', timeout: 5_000 });
  if (listed.status !== 0 || typeof listed.stdout !== 'string') return [];
  const folders: string[] = [];
  // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" and "/lib64/ld-linux-x86-64.so.2 (0x...)".
  for (const match of listed.stdout.matchAll(/(?:=>\s*|^\s*)(\/\S+)\s+\(0x[0-9a-f]+\)/gm)) {
    const library = match[1];
    if (!library) continue;
    try {
      folders.push(path.dirname(realpathSync(library)));
    } catch {
      // A library ldd names but that vanished: nothing to allow.
    }
  }
  return folders;
}

/** Drops duplicates and paths that lie inside another path of the list (a rule covers its subtree). */
function withoutNested(paths: string[]): string[] {
  const unique = [...new Set(paths.map((entry) => path.resolve(entry)))];
  const inside = (child: string, parent: string) => child !== parent && child.startsWith(parent.endsWith('/') ? parent : `${parent}/`);
  return unique.filter((entry) => !unique.some((other) => inside(entry, other)));
}

/** Where the build puts the launcher and the seccomp library. */
export function sandboxBinaries(distDir: string): { launcher: string; seccompLibrary: string } {
  return {
    launcher: path.join(distDir, 'sandbox', 'quire-sandbox'),
    seccompLibrary: path.join(distDir, 'sandbox', 'libquire_seccomp.so'),
  };
}

const PROBE_TIMEOUT_MS = 5_000;

const unsupported = (landlockError: string): SandboxSupport => ({ landlockAbi: null, landlockError, seccomp: false });

/** Asks the launcher what this kernel supports. Never rejects: every failure is a SandboxSupport saying why. */
export function probeSandbox(launcher: string): Promise<SandboxSupport> {
  if (process.platform !== 'linux') return Promise.resolve(unsupported(`the plugin sandbox exists only on Linux (this is ${process.platform})`));
  if (!existsSync(launcher)) return Promise.resolve(unsupported(`the sandbox launcher ${launcher} is missing (run the build)`));
  return new Promise((resolve) => {
    const child = spawn(launcher, ['--probe'], { stdio: ['ignore', 'pipe', 'pipe'], timeout: PROBE_TIMEOUT_MS });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => resolve(unsupported(`the sandbox launcher ${launcher} could not run: ${error.message}`)));
    child.on('close', (code, signal) => {
      if (code !== 0) {
        const how = signal ? `was killed by ${signal}` : `exited with ${code}`;
        resolve(unsupported(`the sandbox launcher's probe ${how}${stderr.trim() ? `: ${stderr.trim()}` : ''}`));
        return;
      }
      resolve(parseProbe(stdout) ?? unsupported(`the sandbox launcher's probe printed something unexpected: ${JSON.stringify(stdout.trim())}`));
    });
  });
}

function parseProbe(text: string): SandboxSupport | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { landlockAbi, landlockError, seccomp } = value as Record<string, unknown>;
  if (typeof seccomp !== 'boolean') return null;
  if (!(landlockError === null || typeof landlockError === 'string')) return null;
  if (landlockAbi === null) return { landlockAbi, landlockError, seccomp };
  if (typeof landlockAbi !== 'number' || !Number.isInteger(landlockAbi) || landlockAbi < 1) return null;
  return { landlockAbi, landlockError, seccomp };
}
