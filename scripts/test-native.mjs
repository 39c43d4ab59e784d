// Runs the plugin SDKs' tests (native/sdk/rust, native/sdk/go: each drives a real plugin through
// the C ABI) and the bundled plugins' own unit tests (cargo test for csv, go test for json-tools).
// A missing toolchain skips only its suites, with a line saying so, as the build does.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const goEnv = { GOTOOLCHAIN: 'local', GOWORK: 'off', CGO_ENABLED: '1' };
const suites = [
  { tool: 'cargo', args: ['test', '--quiet', '--offline', '--locked', '--manifest-path', 'native/sdk/rust/Cargo.toml', '--target-dir', 'build/cargo'], name: 'Rust SDK' },
  { tool: 'go', args: ['test', './...'], cwd: 'native/sdk/go', name: 'Go SDK', env: goEnv },
  { tool: 'cargo', args: ['test', '--quiet', '--offline', '--locked', '--manifest-path', 'plugins/csv/Cargo.toml', '--target-dir', 'build/cargo'], name: 'csv (Rust)' },
  { tool: 'go', args: ['test', './...'], cwd: 'plugins/json-tools', name: 'json-tools (Go)', env: goEnv },
];

let failed = false;
for (const suite of suites) {
  const probe = spawnSync(suite.tool, ['version'], { encoding: 'utf8' });
  if (probe.error) {
    console.log(`test-native: ${suite.tool} is not installed; skipping the ${suite.name} tests.`);
    continue;
  }
  console.log(`test-native: ${suite.name}`);
  const run = spawnSync(suite.tool, suite.args, { cwd: path.join(root, suite.cwd ?? '.'), stdio: 'inherit', env: { ...process.env, ...suite.env } });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
