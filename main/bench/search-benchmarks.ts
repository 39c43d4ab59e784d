/**
 * Issue 11's search rows: a plain-text search over a generated tree of 20,000 files (~200 MB)
 * through the handlers a connection uses, against ripgrep run alone with the same arguments
 * on the same tree in the same run (its output read and thrown away). Both warm the page
 * cache first and take turns, run by run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findRipgrep } from '../search/find-ripgrep.js';
import { ripgrepArgs } from '../search/ripgrep-args.js';
import { globFilter } from '../search/search-globs.js';
import { query, SearchClient } from '../search/testing/search-client.js';
import { SettingsService } from '../settings/settings-service.js';
import { searchTree } from './bench-trees.js';
import { formatDuration, median, type BenchRow } from './measure.js';

const RUNS = 9;
const WARMUP = 2;

/** ripgrep alone: spawned with `args`, its output drained. */
function ripgrepAlone(rg: string, folder: string, args: string[]): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(rg, args, { cwd: folder, stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`rg exited with ${code}`))));
  });
}

/** Quire's search: milliseconds to the first `search.results` event and to `search.done`. */
async function quireSearch(client: SearchClient, pattern: string, expectedMatches: number): Promise<{ first: number; done: number }> {
  const started = performance.now();
  let first = Number.NaN;
  const unlisten = client.listen((event) => {
    if (event === 'search.results' && Number.isNaN(first)) first = performance.now() - started;
  });
  const result = await client.search(query(pattern));
  const done = performance.now() - started;
  unlisten();
  if (result.engine !== 'ripgrep' || result.done.error || result.done.summary.matches !== expectedMatches) {
    throw new Error(`the benchmark search found ${result.done.summary.matches} matches (expected ${expectedMatches}) with ${result.engine}: ${result.done.error?.message ?? 'no error'}`);
  }
  return { first, done };
}

export async function searchBenchmarks(installRoot: string): Promise<BenchRow[]> {
  const name = 'Search 20,000 files / 200 MB';
  const ripgrep = await findRipgrep();
  if (!ripgrep.found) {
    const skipped = { result: `not run: ${ripgrep.reason}`, baseline: '—', met: null };
    return [
      { name: `${name}: first results (p50)`, target: '< 300 ms', ...skipped },
      { name: `${name}: whole search (p50)`, target: '≤ 1.3× rg alone', ...skipped },
    ];
  }
  const tree = searchTree(installRoot);
  const configDir = mkdtempSync(path.join(os.tmpdir(), 'quire-bench-search-config-'));
  const settings = new SettingsService(configDir);
  const excludes = () => [...settings.excludes(), ...settings.searchExcludes()];
  const client = new SearchClient({ folder: () => tree.folder, excludes });
  const searchQuery = query(tree.query);
  const args = ripgrepArgs(tree.folder, searchQuery, globFilter(searchQuery, excludes()));
  const alone: number[] = [];
  const first: number[] = [];
  const done: number[] = [];
  try {
    for (let i = -WARMUP; i < RUNS; i++) {
      const rgTime = await ripgrepAlone(ripgrep.ripgrep.path, tree.folder, args);
      const ours = await quireSearch(client, tree.query, tree.matchingLines);
      if (i < 0) continue;
      alone.push(rgTime);
      first.push(ours.first);
      done.push(ours.done);
    }
  } finally {
    await client.close();
    settings.close();
    rmSync(configDir, { recursive: true, force: true });
  }
  const ratio = median(done) / median(alone);
  const size = `${(tree.bytes / 1024 / 1024).toFixed(0)} MB, ${tree.matchingLines} matches`;
  return [
    {
      name: `${name}: first results (p50)`,
      result: formatDuration(median(first)),
      baseline: `rg ${ripgrep.ripgrep.version} alone, whole search ${formatDuration(median(alone))} (${size})`,
      target: '< 300 ms',
      met: median(first) < 300,
    },
    {
      name: `${name}: whole search (p50)`,
      result: `${formatDuration(median(done))} (${ratio.toFixed(2)}×)`,
      baseline: `rg --json alone ${formatDuration(median(alone))}`,
      target: '≤ 1.3× rg alone',
      met: ratio <= 1.3,
    },
  ];
}
