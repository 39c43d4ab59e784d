/** Words for how a host process ended, for messages a plugin author can act on. */
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
export function describeMemory({ residentBytes, limitBytes }: { residentBytes: number; limitBytes: number }): string {
  const size = (bytes: number) => (bytes >= 1024 * MiB ? `${(bytes / (1024 * MiB)).toFixed(1)} GiB` : `${Math.round(bytes / MiB)} MiB`);
  return `used ${size(residentBytes)} of memory, past its limit of ${size(limitBytes)} (plugins.memoryLimitMb in settings.json)`;
}
