import { readFileSync } from 'node:fs';

const PAGE_SIZE = 4096;
/** While a call runs the plugin may be allocating fast: look often. */
const BUSY_INTERVAL_MS = 25;
const IDLE_INTERVAL_MS = 1_000;

/** Resident memory of a process in bytes, from /proc/PID/statm; null once it is gone. */
export function residentBytes(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ');
    return Number(fields[1]) * PAGE_SIZE;
  } catch {
    return null;
  }
}

/**
 * Watches one host's resident memory against its limit and reports the first time it is
 * past it; the host is then stopped with `memory-limit`. The launcher's cap on the data
 * segment (25% above the limit) makes allocations fail beyond that between two looks, so a
 * plugin cannot outrun the watch by much. Linux only; elsewhere it never fires.
 */
export class MemoryWatch {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Whether a call is running, and whether the watch looks at the busy pace. */
  private running = false;
  private fast = false;
  /** The highest resident size seen, for the message. */
  peakBytes = 0;

  constructor(
    private readonly pid: number,
    readonly limitBytes: number,
    private readonly onExceeded: (residentBytes: number) => void,
  ) {
    if (process.platform === 'linux') this.schedule(false);
  }

  /**
   * Looks often while a call runs, seldom while the plugin is idle. Called at every call's
   * start and end, so it costs nothing there: the busy pace starts when a call starts from
   * idle, and the idle pace comes back at the first look that finds no call running.
   */
  busy(running: boolean): void {
    if (this.stopped || process.platform !== 'linux') return;
    this.running = running;
    if (running && !this.fast) this.schedule(true);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private schedule(fast: boolean): void {
    if (this.timer) clearInterval(this.timer);
    this.fast = fast;
    this.timer = setInterval(() => this.look(), fast ? BUSY_INTERVAL_MS : IDLE_INTERVAL_MS);
    this.timer.unref();
  }

  private look(): void {
    this.check();
    if (this.fast && !this.running && !this.stopped) this.schedule(false);
  }

  private check(): void {
    if (this.stopped) return;
    const bytes = residentBytes(this.pid);
    if (bytes === null) return;
    this.peakBytes = Math.max(this.peakBytes, bytes);
    if (bytes <= this.limitBytes) return;
    this.stop();
    this.onExceeded(bytes);
  }
}
