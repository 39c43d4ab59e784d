/**
 * The host's own half of the sandbox: it puts every one of its threads under the system-call
 * filter in libquire_seccomp.so (native/sandbox/quire-seccomp.c) before any plugin code is
 * loaded. It has to happen here rather than in the launcher, because the filter forbids the
 * execve the launcher needs to start the host.
 */
import os from 'node:os';
import koffi from 'koffi';

export type SeccompOutcome = { ok: true } | { ok: false; reason: string };

const ALLOW_NETWORK = 1 << 0;

/** Applies the filter to the whole process. Afterwards it cannot be undone, only tightened. */
export function applySeccomp(libraryPath: string, options: { allowNetwork: boolean }): SeccompOutcome {
  if (process.platform !== 'linux') return { ok: false, reason: `seccomp exists only on Linux (this is ${process.platform})` };
  let apply: (selfPid: number, flags: number) => number;
  try {
    const library = koffi.load(libraryPath);
    apply = library.func('int32_t quire_seccomp_apply(int32_t self_pid, uint32_t flags)') as typeof apply;
  } catch (error) {
    return { ok: false, reason: `the seccomp library ${libraryPath} could not be loaded (${error instanceof Error ? error.message : String(error)})` };
  }
  const result = apply(process.pid, options.allowNetwork ? ALLOW_NETWORK : 0);
  return result === 0 ? { ok: true } : { ok: false, reason: explain(-result) };
}

/** The failures seccomp(2) documents, worded for someone reading the Plugins panel. */
function explain(errno: number): string {
  const name = errnoName(errno);
  switch (name) {
    case 'EINVAL':
    case 'ENOSYS':
      return `seccomp is not available in this kernel (${name})`;
    case 'EACCES':
      return `the host may not install a seccomp filter: no_new_privs could not be set (${name})`;
    case 'EBUSY':
      return `another thread of the host has a seccomp filter of its own, so not every thread could be confined (${name})`;
    case 'ENOMEM':
      return `the kernel had no memory for the seccomp filter (${name})`;
    case 'E2BIG':
      return `the seccomp filter is too large for this kernel (${name})`;
    default:
      return `seccomp could not be applied (${name})`;
  }
}

function errnoName(errno: number): string {
  const entry = Object.entries(os.constants.errno).find(([, value]) => value === errno);
  return entry ? entry[0] : `errno ${errno}`;
}
