/** Small statistics and timing helpers for the benchmarks. */

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

/** Per-call time in nanoseconds: the median over `batches` batches of `perBatch` calls. */
export function nanosPerCall(fn: () => unknown, batches = 101, perBatch = 2000): number {
  for (let i = 0; i < perBatch; i++) fn();
  const samples: number[] = [];
  for (let b = 0; b < batches; b++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < perBatch; i++) fn();
    samples.push(Number(process.hrtime.bigint() - start) / perBatch);
  }
  return median(samples);
}

/** Milliseconds each run of `fn` takes, after `warmup` unmeasured runs. */
export async function timeRuns(fn: () => Promise<unknown>, runs: number, warmup = 3): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

export function formatDuration(ms: number): string {
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms < 0.001) return `${(ms * 1e6).toFixed(0)} ns`;
  if (ms < 1) return `${(ms * 1000).toFixed(1)} µs`;
  return `${ms.toFixed(1)} ms`;
}

export interface BenchRow {
  name: string;
  result: string;
  baseline: string;
  target: string;
  met: boolean | null;
}

export function formatTable(rows: BenchRow[]): string {
  const header = ['Benchmark', 'Result', 'Baseline (same run)', 'Target', 'Met'];
  const cells = rows.map((r) => [r.name, r.result, r.baseline, r.target, r.met === null ? '—' : r.met ? 'yes' : 'NO']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: string[]) => `| ${c.map((cell, i) => cell.padEnd(widths[i] as number)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}
