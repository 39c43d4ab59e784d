// Builds Quire into dist/: the main-process bundles (esbuild) and the renderer (Vite).
// `--if-stale` skips the work when no source changed since the last build, so `npm start`
// is quick after the first time.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const stamp = path.join(dist, '.build-stamp');
const inputs = ['app', 'main', 'renderer', 'native', 'plugins', 'scripts', 'e2e/bench', 'package.json', 'package-lock.json'];

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const info = statSync(target);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

function isStale() {
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return inputs.some((input) => newestMtime(path.join(root, input)) > built);
}

if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);

const started = performance.now();
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // Dependencies stay in node_modules: koffi is native, and electron is provided by the runtime.
  packages: 'external',
};
await Promise.all([
  build({ ...common, format: 'esm', entryPoints: { cli: 'main/cli/cli-entry.ts' }, outdir: 'dist/main' }),
  build({ ...common, format: 'esm', entryPoints: { 'electron-main': 'main/electron/electron-main.ts' }, outdir: 'dist/main' }),
  // CommonJS: a host process loads one small module, and Node's ES module loader alone costs ~2 MB of RSS per process.
  build({ ...common, format: 'cjs', entryPoints: { 'plugin-host': 'main/plugin-host/host-main.ts' }, outdir: 'dist/main', outExtension: { '.js': '.cjs' } }),
  build({ ...common, format: 'esm', entryPoints: { bench: 'e2e/bench/run-benchmarks.ts' }, outdir: 'dist/main' }),
  build({ ...common, format: 'cjs', entryPoints: { preload: 'main/electron/preload.ts' }, outdir: 'dist/main', outExtension: { '.js': '.cjs' } }),
]);

// Native plugins: the bundled ones (dist/plugins) and the loader's test plugins (dist/test-plugins).
const native = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-native.mjs')], { cwd: root, stdio: 'inherit' });
if (native.status !== 0) {
  console.error('build: the native plugin build failed (see above).');
  process.exit(native.status ?? 1);
}

const vite = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
  cwd: root,
  stdio: 'inherit',
});
if (vite.status !== 0) {
  console.error('build: the renderer build failed (see above).');
  process.exit(vite.status ?? 1);
}
writeFileSync(stamp, new Date().toISOString());
console.log(`build: dist/ ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
