/**
 * Issue 11's quick-open row, at the service: the renderer row's workspace of 100,000 files
 * (crawled and watched by the real Workspace), its queries typed a key at a time, and how long
 * `findFiles` takes for each keystroke. The renderer's keystroke-to-list row builds on this
 * one. The baseline, in the same run, is the least any filter costs: one plain substring test
 * per path.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SettingsService } from '../settings/settings-service.js';
import { Workspace } from '../workspace/workspace.js';
import { formatDuration, median, percentile, type BenchRow } from './measure.js';

/** What is typed, one key at a time: the renderer row's queries (e2e/bench/quick-open-benchmark.ts). */
const TYPED = ['widgetstore', 'cfgldr', 'panelview42', 'srcparser', 'themetoken.css'];
const ROUNDS = 4;
/** What quick open asks for (renderer/src/quickopen: QUICK_OPEN_LIMIT). */
const LIMIT = 100;

/** `tree`: a folder of `files` files, none of them excluded by the default settings. */
export async function findFilesBenchmark(tree: { folder: string; files: number }): Promise<BenchRow[]> {
  const configDir = mkdtempSync(path.join(os.tmpdir(), 'quire-bench-quick-open-'));
  const settings = new SettingsService(configDir);
  const logged: string[] = [];
  const workspace = new Workspace({
    configDir,
    folder: tree.folder,
    confined: false,
    excludes: () => settings.excludes(),
    rememberFolder: false,
    log: (line) => logged.push(line),
  });
  const keystrokes: number[] = [];
  const floor: number[] = [];
  let listed = 0;
  let substringHits = 0;
  try {
    await workspace.indexed();
    await workspace.watching();
    const paths = workspace.findFiles('', tree.files, []).matches.map((match) => match.relativePath.toLowerCase());
    listed = paths.length;
    for (let round = -1; round < ROUNDS; round++) {
      for (const typed of TYPED) {
        for (let length = 1; length <= typed.length; length++) {
          const prefix = typed.slice(0, length);
          let started = performance.now();
          const found = workspace.findFiles(prefix, LIMIT, []);
          const elapsed = performance.now() - started;
          if (found.matches.length === 0) throw new Error(`quick open found nothing for "${prefix}"`);
          started = performance.now();
          for (const candidate of paths) if (candidate.includes(prefix)) substringHits++;
          const scan = performance.now() - started;
          if (round < 0) continue;
          keystrokes.push(elapsed);
          floor.push(scan);
        }
      }
    }
  } finally {
    await workspace.close();
    settings.close();
    rmSync(configDir, { recursive: true, force: true });
  }
  if (substringHits === 0) throw new Error('the substring baseline matched nothing: it did not run');
  if (listed !== tree.files) throw new Error(`the workspace indexed ${listed} of ${tree.files} files${logged.length ? `: ${logged.join('; ')}` : ''}`);
  return [
    {
      name: `Quick open, ${tree.files.toLocaleString('en-US')} files: findFiles per keystroke (p50 / p99)`,
      result: `${formatDuration(median(keystrokes))} / ${formatDuration(percentile(keystrokes, 99))}`,
      baseline: `a substring test of every path ${formatDuration(median(floor))}`,
      target: 'p50 < 50 ms (whole keystroke → list)',
      met: median(keystrokes) < 50,
    },
  ];
}
