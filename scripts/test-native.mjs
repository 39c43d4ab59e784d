// Runs the bundled plugins' own unit tests (cargo test for csv, go test for json-tools).
// A missing toolchain skips only its plugin, with a line saying so, as the build does.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const suites = [
  { tool: 'cargo', args: ['test', '--quiet', '--offline', '--locked', '--manifest-path', 'plugins/csv/Cargo.toml', '--target-dir', 'build/cargo'], name: 'csv (Rust)' },
  { tool: 'go', args: ['test', './...'], cwd: 'plugins/json-tools', name: 'json-tools (Go)', env: { GOTOOLCHAIN: 'local', CGO_ENABLED: '1' } },
];

let failed = false;
for (const suite of suites) {
  const probe = spawnSync(suite.tool, ['version'], { encoding: 'utf8' });
  if (probe.error) {
    console.log(`test-native: ${suite.tool} is not installed; skipping the ${suite.name} plugin's tests.`);
    continue;
  }
  console.log(`test-native: ${suite.name}`);
  const run = spawnSync(suite.tool, suite.args, { cwd: path.join(root, suite.cwd ?? '.'), stdio: 'inherit', env: { ...process.env, ...suite.env } });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
