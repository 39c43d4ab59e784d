/** `npm run bench`: every benchmark, printed as one table with its targets. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { hostEntryPath, installRoot } from '../cli/install-paths.js';
import { formatTable } from './measure.js';
import { pluginBenchmarks } from './plugin-benchmarks.js';
import { supervisorBenchmarks } from './supervisor-benchmarks.js';

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
];
console.log(formatTable(rows));
