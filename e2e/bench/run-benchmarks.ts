/**
 * `npm run bench`: every benchmark, printed as one table with its targets. It lives beside the
 * end-to-end tests because its renderer rows drive the real browser edition.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { hostEntryPath, installRoot } from '../../main/cli/install-paths.js';
import { formatTable } from '../../main/bench/measure.js';
import { pluginBenchmarks } from '../../main/bench/plugin-benchmarks.js';
import { findFilesBenchmark } from '../../main/bench/find-files-benchmark.js';
import { searchBenchmarks } from '../../main/bench/search-benchmarks.js';
import { supervisorBenchmarks } from '../../main/bench/supervisor-benchmarks.js';
import { editorReadyBenchmark } from './editor-ready-benchmark.js';
import { quickOpenBenchmarks } from './quick-open-benchmark.js';
import { fileNameTree } from './quick-open-tree.js';
import { rendererBenchmarks } from './renderer-benchmarks.js';

const root = installRoot();
const okBasic = path.join(root, 'dist', 'test-plugins', 'ok-basic.so');
if (!existsSync(okBasic) || !existsSync(hostEntryPath(root))) {
  console.error('bench: build first (npm run build) — dist/test-plugins/ok-basic.so or the plugin host is missing.');
  process.exit(1);
}
console.log(`Quire benchmarks — ${new Date().toISOString()}, Node ${process.version}, ${process.arch}\n`);
const hostEntry = hostEntryPath(root);
const rows = [
  ...(await pluginBenchmarks({ okBasic, hostEntry })),
  ...(await supervisorBenchmarks({ okBasic, misbehave: path.join(root, 'dist', 'test-plugins', 'misbehave.so'), hostEntry })),
  ...(await searchBenchmarks(root)),
  ...(await findFilesBenchmark(fileNameTree(root))),
  ...(await rendererBenchmarks(root, process.env.QUIRE_CHROMIUM ?? '/usr/bin/chromium')),
  ...(await editorReadyBenchmark(root, process.env.QUIRE_CHROMIUM ?? '/usr/bin/chromium')),
  ...(await quickOpenBenchmarks(root, process.env.QUIRE_CHROMIUM ?? '/usr/bin/chromium')),
];
console.log(formatTable(rows));
