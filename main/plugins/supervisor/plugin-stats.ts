import { readFileSync } from 'node:fs';
import type { PluginStats } from '../../../app/plugin-contract.js';

const CALL_SAMPLES = 256;
const CLOCK_TICKS_PER_SECOND = 100;
const PAGE_SIZE = 4096;

/** Resident memory (bytes) and CPU time (ms) of a process, from /proc; nulls where unavailable. */
export function processUsage(pid: number | null): { rssBytes: number | null; cpuMs: number | null } {
  if (pid === null || process.platform !== 'linux') return { rssBytes: null, cpuMs: null };
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (in parentheses, may contain spaces): utime is the 12th, stime the 13th, rss the 22nd.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { rssBytes: Number(fields[21]) * PAGE_SIZE, cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_SECOND };
  } catch {
    return { rssBytes: null, cpuMs: null };
  }
}

/** Counts and timings of one plugin's calls, across restarts. */
export class CallStats {
  private calls = 0;
  private failures = 0;
  private crashes = 0;
  private readonly durations: number[] = [];

  recordCall(durationMs: number, ok: boolean): void {
    this.calls++;
    if (!ok) this.failures++;
    this.durations.push(durationMs);
    if (this.durations.length > CALL_SAMPLES) this.durations.shift();
  }

  recordCrash(): void {
    this.crashes++;
  }

  snapshot(pid: number | null): PluginStats {
    const sorted = [...this.durations].sort((a, b) => a - b);
    const at = (p: number) => (sorted.length === 0 ? null : (sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] as number));
    return {
      pid,
      ...processUsage(pid),
      calls: this.calls,
      failures: this.failures,
      medianCallMs: at(0.5),
      p95CallMs: at(0.95),
      crashes: this.crashes,
    };
  }
}
