import koffi from 'koffi';

const PR_SET_PDEATHSIG = 1;
const SIGKILL = 9;

/**
 * Asks Linux to SIGKILL this process when its parent dies, however the parent dies (SIGKILL
 * included). The socket's end-of-file covers the normal case, but a plugin stuck in native
 * code never returns to the event loop to notice it; the kernel's signal does not need it to.
 * Returns false where prctl is unavailable (not Linux), leaving end-of-file as the only guard.
 */
export function dieWithParent(expectedParentPid: number): boolean {
  if (process.platform !== 'linux') return false;
  const libc = koffi.load('libc.so.6');
  const prctl = libc.func('int prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5)');
  const armed = prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) === 0;
  // The parent may have died before the signal was armed; then nobody would send it.
  if (process.ppid !== expectedParentPid) process.exit(0);
  return armed;
}
