// Builds Quire's native code:
//   dist/plugins/        the bundled plugins: text-tools.so (C), csv.so (Rust, on native/sdk/rust),
//                        json-tools.so (Go, on native/sdk/go)
//   dist/test-plugins/   one small library per failure the plugin loader must handle
//   build/examples/      the SDK examples from native/README.md, built to prove they compile
//   dist/sandbox/        the plugin hosts' OS sandbox (Linux): the quire-sandbox launcher and
//                        libquire_seccomp.so
//   build/abi-layout/    quire-abi-layout.json: sizeof/offsetof of every struct of quire_plugin.h as
//                        the compiler lays it out (native/abi-layout/print-layout.c), which the
//                        koffi declarations' test (main/plugin-host/abi/native-abi.test.ts) reads
//
// Run it standalone (`node scripts/build-native.mjs`) or through `npm run build`. A target whose
// output is newer than all its inputs (this script included) is skipped, so a second run is quick.
// A C compiler is required; without Go or Cargo their plugins are skipped with a line saying so.
// Compilers run one at a time: these machines have two cores and the other one is for you.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const at = (...parts) => path.join(root, ...parts);
const shown = (file) => path.relative(root, file);

const HEADER = at('native', 'include', 'quire_plugin.h');
const THIS_SCRIPT = at('scripts', 'build-native.mjs');
const C_FLAGS = ['-O2', '-fPIC', '-shared', '-Wall', '-Wextra', '-Werror', '-fvisibility=hidden', '-I', 'native/include'];

// ---------------------------------------------------------------------------------------------
// Tools
// ---------------------------------------------------------------------------------------------

/** Runs a command from the repository root; never throws. */
function run(command, args, options = {}) {
  const child = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  const output = `${child.stdout ?? ''}${child.stderr ?? ''}`.trim();
  if (child.error) return { ok: false, output: `${command}: ${child.error.message}` };
  return { ok: child.status === 0, output: child.status === null ? `${output}\n${command} was killed by ${child.signal}` : output };
}

/** The first candidate that runs with `versionArg`, or undefined. */
function findTool(candidates, versionArg) {
  return candidates.find((tool) => tool && run(tool, [versionArg]).ok);
}

/** "1.26" from "go version go1.26.8 linux/amd64" or from a go.mod "go 1.26" line. */
function goMinor(text) {
  const match = /(?:^|\s)(?:go)?(\d+)\.(\d+)/m.exec(text);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

function olderThan([major, minor], [wantMajor, wantMinor]) {
  return major < wantMajor || (major === wantMajor && minor < wantMinor);
}

const cc = findTool([process.env.CC, 'cc', 'gcc', 'clang'], '--version');
if (!cc) {
  console.error('build-native: no C compiler found (tried $CC, cc, gcc, clang). Install one, e.g. `apt-get install gcc`.');
  process.exit(1);
}
const cxx = findTool([process.env.CXX, 'c++', 'g++', 'clang++'], '--version');
const cargo = findTool([process.env.CARGO, 'cargo'], '--version');
const go = findTool(['go'], 'version');

const goEnvironment = {
  ...process.env,
  CGO_ENABLED: '1',
  // Build with the Go that is installed: never let a go.mod make Go download another toolchain.
  GOTOOLCHAIN: 'local',
  GOWORK: 'off',
  CC: cc,
  // Go needs a cache folder; give it one inside build/ when the environment names none.
  ...(process.env.GOCACHE || process.env.XDG_CACHE_HOME || process.env.HOME ? {} : { GOCACHE: at('build', 'go-cache') }),
};

/** Why the Go plugin in `moduleDir` cannot be built here, or undefined when it can. */
function goMissing(moduleDir) {
  if (!go) return 'go is not installed';
  const installed = goMinor(run(go, ['version']).output);
  const wanted = moduleDir ? goMinor(readFileSync(path.join(moduleDir, 'go.mod'), 'utf8').match(/^go .*$/m)?.[0] ?? '') : undefined;
  if (installed && wanted && olderThan(installed, wanted)) {
    return `go ${installed.join('.')} is older than the go ${wanted.join('.')} that ${shown(moduleDir)}/go.mod requires`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Staleness
// ---------------------------------------------------------------------------------------------

function newestMtime(file) {
  if (!existsSync(file)) return Infinity;
  const info = statSync(file);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(file)) {
    if (entry === 'target' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(file, entry)));
  }
  return newest;
}

function isUpToDate(target) {
  if (!existsSync(target.output)) return false;
  const built = statSync(target.output).mtimeMs;
  return [...target.inputs, THIS_SCRIPT].every((input) => newestMtime(input) <= built);
}

// ---------------------------------------------------------------------------------------------
// Builders. Each writes next to its output and renames into place, so an interrupted build never
// leaves a half-written library that looks up to date (or that a plugin watcher loads).
// ---------------------------------------------------------------------------------------------

function intoPlace(output, write) {
  mkdirSync(path.dirname(output), { recursive: true });
  const partial = `${output}.partial-${process.pid}`;
  const outcome = write(partial);
  if (outcome.ok) renameSync(partial, output);
  else rmSync(partial, { force: true });
  return outcome;
}

function compileC(source, output, extra = {}) {
  return intoPlace(output, (partial) =>
    run(cc, [...C_FLAGS, ...(extra.before ?? []), '-o', partial, shown(source), ...(extra.after ?? [])]),
  );
}

/** An executable: the shared-library flags (-shared, hidden visibility) would make it unrunnable. */
function compileExecutable(source, output) {
  const flags = C_FLAGS.filter((flag) => flag !== '-shared' && flag !== '-fvisibility=hidden');
  return intoPlace(output, (partial) => run(cc, [...flags, '-o', partial, shown(source)]));
}

/** Compiles `source` as a program, runs it and writes what it prints to `output`. */
function printFromProgram(source, output) {
  return intoPlace(output, (partial) => {
    const program = `${partial}.program`;
    const compiled = compileExecutable(source, program);
    if (!compiled.ok) return compiled;
    const printed = spawnSync(program, { encoding: 'utf8' });
    rmSync(program, { force: true });
    if (printed.status !== 0) return { ok: false, output: `${shown(source)} exited with ${printed.status ?? printed.signal}\n${printed.stderr}` };
    writeFileSync(partial, printed.stdout);
    return { ok: true, output: '' };
  });
}

function copyBuilt(built, output) {
  return intoPlace(output, (partial) => {
    copyFileSync(built, partial);
    return { ok: true, output: '' };
  });
}

function buildCsv(output) {
  const manifest = at('plugins', 'csv', 'Cargo.toml');
  const lockfile = at('plugins', 'csv', 'Cargo.lock');
  // The crate's only dependency is the SDK (native/sdk/rust), a path dependency, so --offline
  // never misses anything; --locked keeps the committed lockfile authoritative.
  const pinned = existsSync(lockfile) ? ['--offline', '--locked'] : [];
  const targetDir = at('build', 'cargo');
  const cargoBuild = run(cargo, ['build', '--release', '--quiet', '--manifest-path', shown(manifest), '--target-dir', shown(targetDir), ...pinned]);
  if (!cargoBuild.ok) return cargoBuild;
  return copyBuilt(path.join(targetDir, 'release', 'libquire_csv.so'), output);
}

function buildJsonTools(output) {
  // c-shared also writes a C header beside the library: build in build/go, ship only the .so.
  const built = at('build', 'go', 'json-tools.so');
  const goBuild = run(go, ['build', '-buildmode=c-shared', '-trimpath', '-o', built, '.'], {
    cwd: at('plugins', 'json-tools'),
    env: goEnvironment,
  });
  if (!goBuild.ok) return goBuild;
  return copyBuilt(built, output);
}

function buildGoPluginObject(source, output) {
  return intoPlace(output, (partial) =>
    run(go, ['build', '-buildmode=plugin', '-trimpath', '-o', partial, shown(source)], { env: goEnvironment }),
  );
}

/**
 * missing-library.so links against a helper library made in a temporary folder that is deleted
 * afterwards, so the plugin's DT_NEEDED names a library the dynamic loader cannot find.
 */
function buildMissingLibrary(source, helperSource, output) {
  const temporary = mkdtempSync(path.join(os.tmpdir(), 'quire-absent-'));
  try {
    const helper = run(cc, [...C_FLAGS, '-Wl,-soname,libquire_test_absent.so', '-o', path.join(temporary, 'libquire_test_absent.so'), shown(helperSource)]);
    if (!helper.ok) return helper;
    return compileC(source, output, { after: ['-L', temporary, '-Wl,--no-as-needed', '-lquire_test_absent'] });
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
}

function compileCpp(source, output) {
  return intoPlace(output, (partial) =>
    run(cxx, ['-std=c++20', ...C_FLAGS, '-o', partial, shown(source)]),
  );
}

// ---------------------------------------------------------------------------------------------
// Targets
// ---------------------------------------------------------------------------------------------

/**
 * @typedef {object} Target
 * @property {string} output
 * @property {string[]} inputs  files and folders whose change makes the output stale
 * @property {() => string | undefined} [unavailable]  why it cannot be built on this machine
 * @property {(output: string) => {ok: boolean, output: string}} build
 */

/** @type {Target[]} */
const targets = [];

const pluginsOut = at('dist', 'plugins');
targets.push(
  {
    output: path.join(pluginsOut, 'text-tools.so'),
    inputs: [at('plugins', 'text-tools'), HEADER],
    build: (output) => compileC(at('plugins', 'text-tools', 'text_tools.c'), output),
  },
  {
    output: path.join(pluginsOut, 'csv.so'),
    inputs: [at('plugins', 'csv'), at('native', 'sdk', 'rust')],
    unavailable: () => (cargo ? undefined : 'cargo is not installed'),
    build: buildCsv,
  },
  {
    output: path.join(pluginsOut, 'json-tools.so'),
    inputs: [at('plugins', 'json-tools'), at('native', 'sdk', 'go'), HEADER],
    unavailable: () => goMissing(at('plugins', 'json-tools')),
    build: buildJsonTools,
  },
);

const testSources = at('native', 'test-plugins');
const testOut = at('dist', 'test-plugins');
for (const file of readdirSync(testSources).filter((name) => name.endsWith('.c')).sort()) {
  const source = path.join(testSources, file);
  const name = file.slice(0, -2);
  const output = path.join(testOut, `${name}.so`);
  if (name === 'missing-library') {
    const helper = path.join(testSources, 'support', 'quire_test_absent.c');
    targets.push({ output, inputs: [source, helper, HEADER], build: (out) => buildMissingLibrary(source, helper, out) });
  } else {
    const extra = name === 'misbehave' ? { after: ['-pthread'] } : {};
    // The hostile plugins share their reporting code, and the -folder/-granted variants include their base file.
    const shared = name.startsWith('hostile-') ? [path.join(testSources, 'support', 'hostile-report.h'), ...readdirSync(testSources).filter((f) => f.startsWith('hostile-')).map((f) => path.join(testSources, f))] : [];
    targets.push({ output, inputs: [source, HEADER, ...shared], build: (out) => compileC(source, out, extra) });
  }
}
const goPluginSource = path.join(testSources, 'go-buildmode-plugin.go');
targets.push({
  output: path.join(testOut, 'go-buildmode-plugin.so'),
  inputs: [goPluginSource],
  unavailable: () => goMissing(undefined),
  build: (out) => buildGoPluginObject(goPluginSource, out),
});

const examples = at('native', 'examples');
targets.push(
  {
    output: at('build', 'examples', 'hello.so'),
    inputs: [path.join(examples, 'hello'), HEADER],
    build: (out) => compileC(path.join(examples, 'hello', 'hello.c'), out),
  },
  {
    output: at('build', 'examples', 'hello-cpp.so'),
    inputs: [path.join(examples, 'hello-cpp'), HEADER],
    unavailable: () => (cxx ? undefined : 'no C++ compiler is installed'),
    build: (out) => compileCpp(path.join(examples, 'hello-cpp', 'hello.cpp'), out),
  },
);

const sandboxSources = at('native', 'sandbox');
const sandboxOut = at('dist', 'sandbox');
const notLinux = () => (process.platform === 'linux' ? undefined : 'the plugin sandbox is Linux-only');
targets.push(
  {
    output: path.join(sandboxOut, 'quire-sandbox'),
    inputs: [path.join(sandboxSources, 'quire-sandbox.c')],
    unavailable: notLinux,
    build: (out) => compileExecutable(path.join(sandboxSources, 'quire-sandbox.c'), out),
  },
  {
    output: path.join(sandboxOut, 'libquire_seccomp.so'),
    inputs: [path.join(sandboxSources, 'quire-seccomp.c')],
    unavailable: notLinux,
    build: (out) => compileC(path.join(sandboxSources, 'quire-seccomp.c'), out),
  },
);

const layoutProgram = at('native', 'abi-layout', 'print-layout.c');
targets.push({
  output: at('build', 'abi-layout', 'quire-abi-layout.json'),
  inputs: [layoutProgram, HEADER],
  build: (out) => printFromProgram(layoutProgram, out),
});

// ---------------------------------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------------------------------

const started = performance.now();
const counts = { built: 0, fresh: 0, skipped: 0, failed: 0 };
const skippedFor = new Map();

for (const target of targets) {
  const reason = target.unavailable?.();
  if (reason) {
    counts.skipped++;
    skippedFor.set(reason, [...(skippedFor.get(reason) ?? []), shown(target.output)]);
    continue;
  }
  if (isUpToDate(target)) {
    counts.fresh++;
    continue;
  }
  const begun = performance.now();
  const outcome = target.build(target.output);
  const seconds = ((performance.now() - begun) / 1000).toFixed(1);
  if (outcome.ok) {
    counts.built++;
    console.log(`build-native: built ${shown(target.output)} (${seconds} s)`);
  } else {
    counts.failed++;
    console.error(`build-native: FAILED ${shown(target.output)}\n${outcome.output}\n`);
  }
}

for (const [reason, outputs] of skippedFor) {
  console.log(`build-native: ${reason}; skipped ${outputs.join(', ')}`);
}
const total = ((performance.now() - started) / 1000).toFixed(1);
const failed = counts.failed ? `, ${counts.failed} FAILED` : '';
console.log(`build-native: ${counts.built} built, ${counts.fresh} up to date, ${counts.skipped} skipped${failed} in ${total} s`);
process.exit(counts.failed ? 1 : 0);
