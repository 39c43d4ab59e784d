/**
 * Plugin hosts started before they are needed. Starting a host process costs ~100 ms of Node
 * boot; a host waiting here has already said hello, so loading, reloading or restarting a
 * plugin costs only the few milliseconds from `load` to ready. A load takes the waiting host
 * and a replacement starts in the background.
 *
 * Waiting hosts are ordinary children of main: like every host they die with it (parent-death
 * signal and end of file on their socket), and close() kills and reaps them.
 */
import { HostHandle, type HostLaunchOptions } from './host-handle.js';
import type { LaunchOutcome } from './launch-host.js';

export interface HostPoolOptions extends HostLaunchOptions {
  /** Hosts kept waiting. One covers loads that come one at a time; a burst beyond it starts hosts cold. */
  size?: number;
}

/**
 * After this many failures in a row (a launch that failed or a waiting host that died), the
 * pool stops launching until the next take(): a broken install must not spin, and a load that
 * finds the pool empty starts its own host, which reports what is wrong.
 */
const MAX_STRIKES = 5;
/** The first failure is replaced at once (a host killed from outside); later ones wait, doubling from this. */
const FIRST_BACKOFF_MS = 100;
/**
 * A taken host spends its next few milliseconds loading a plugin. Starting its replacement at
 * the same moment (a spawn that blocks main for milliseconds, then ~80 ms of a core booting
 * Node) would slow exactly the load the pool is there to speed up, on a two-core machine.
 */
const REPLACE_AFTER_MS = 25;

export class HostPool {
  private readonly size: number;
  private readonly idle: HostHandle[] = [];
  private readonly launches = new Set<Promise<void>>();
  private readonly stopLaunches = new AbortController();
  private strikes = 0;
  /** The next fill, when one is waiting: a replacement after take(), or a retry after failures. */
  private nextFill: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly warmWaiters: (() => void)[] = [];

  constructor(private readonly options: HostPoolOptions) {
    this.size = options.size ?? 1;
    this.fill();
  }

  /** An idle host ready for a plugin now, or null. Taking one starts its replacement; the taker owns it. */
  take(): HostHandle | null {
    const host = this.idle.shift() ?? null;
    // Someone wants a plugin: worth trying again even if launches were failing.
    this.strikes = 0;
    this.fillAfter(REPLACE_AFTER_MS);
    return host;
  }

  /** Resolves when the pool is full, or once it has stopped launching (closed, or launches keep failing). */
  warm(): Promise<void> {
    if (!this.filling) return Promise.resolve();
    return new Promise((resolve) => this.warmWaiters.push(resolve));
  }

  /** Kills and reaps every waiting host, and any still starting. The pool launches nothing afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.nextFill) clearTimeout(this.nextFill);
    this.nextFill = null;
    this.stopLaunches.abort();
    const idle = this.idle.splice(0);
    for (const host of idle) host.kill();
    await Promise.all([...idle.map((host) => host.exited), ...this.launches]);
    this.wakeWarmWaiters();
  }

  /** Whether the pool is still working towards being full. */
  private get filling(): boolean {
    return !this.closed && this.strikes < MAX_STRIKES && this.idle.length < this.size;
  }

  private fill(): void {
    if (this.closed || this.nextFill || this.strikes >= MAX_STRIKES) return;
    while (this.idle.length + this.launches.size < this.size) this.launchOne();
  }

  private launchOne(): void {
    const launch: Promise<void> = HostHandle.launch(this.options, this.stopLaunches.signal).then((outcome) => this.launched(launch, outcome));
    this.launches.add(launch);
  }

  private async launched(launch: Promise<void>, outcome: LaunchOutcome<HostHandle>): Promise<void> {
    this.launches.delete(launch);
    if (!outcome.ok) {
      this.strike();
      return;
    }
    const host = outcome.value;
    if (this.closed) {
      host.kill();
      await host.exited;
      return;
    }
    host.onExit(() => this.lost(host));
    this.idle.push(host);
    if (!this.filling) this.wakeWarmWaiters();
  }

  /** A waiting host died (killed from outside, or something about the install is wrong). */
  private lost(host: HostHandle): void {
    const index = this.idle.indexOf(host);
    if (index === -1) return;
    this.idle.splice(index, 1);
    this.strike();
  }

  private strike(): void {
    if (this.closed) return;
    this.strikes += 1;
    if (this.strikes >= MAX_STRIKES) {
      this.wakeWarmWaiters();
      return;
    }
    if (this.strikes === 1) {
      this.fill();
      return;
    }
    this.fillAfter(FIRST_BACKOFF_MS * 2 ** (this.strikes - 2));
  }

  /** Fills the pool after `ms`, unless a fill is already scheduled (that one stands). */
  private fillAfter(ms: number): void {
    if (this.closed || this.nextFill) return;
    this.nextFill = setTimeout(() => {
      this.nextFill = null;
      this.fill();
    }, ms);
  }

  private wakeWarmWaiters(): void {
    for (const wake of this.warmWaiters.splice(0)) wake();
  }
}
