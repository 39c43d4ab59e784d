/**
 * The desktop app as `npm run dist` packages it, built for real with electron-builder from
 * electron-builder.yml — offline: Electron's runtime cannot be downloaded here, so an exact
 * `electronVersion` and an `electronDist` pointing at a stand-in folder shaped like an unpacked
 * Electron release take its place (see electron-stand-in.ts). Everything else is electron-builder's
 * own work on the real build output: the app folder it makes is checked file by file, and a
 * bundled plugin is then run from it the way the packaged main process runs one.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEdits, editsOfResult } from '../../app/plugin-edits.js';
import { hostEntryPath, nativeDir, unpackedPath } from '../cli/install-paths.js';
import { pluginFolders } from '../plugins/discovery/plugin-folders.js';
import { childProcessLauncher } from '../plugins/host/host-launcher.js';
import { PluginService } from '../plugins/plugin-service.js';
import { expectNoHostsLeft, liveHostPids } from '../plugins/test-support/host-fixtures.js';
import { makeElectronStandIn } from './electron-stand-in.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const ELECTRON_VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
/** electron-builder's own dependencies, as it resolves them. */
const builderRequire = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'));
const asar = builderRequire('@electron/asar') as { listPackage(archive: string, options: object): string[] };
const yaml = builderRequire('js-yaml') as { load(text: string): unknown };

/** Generous: on a loaded machine packaging takes tens of seconds (about 7 s when idle). */
const BUILD_TIMEOUT_MS = 300_000;

let work: string;
let app: string;
let asarFiles: string[];

/**
 * electron-builder's environment: no code signing, and without VITEST, which makes it hard-link
 * files into the app (for its own tests) instead of copying them as `npm run dist` does — links
 * to dist/ and native/ that a slip in a test could write through.
 */
function builderEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' };
  delete env.VITEST;
  return env;
}

function everyFile(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

beforeAll(() => {
  if (!existsSync(path.join(DIST, 'main', 'electron-main.js')) || !existsSync(path.join(DIST, 'sandbox', 'quire-sandbox'))) {
    throw new Error('Quire is not built: run `npm run build` first (npm test does).');
  }
  work = mkdtempSync(path.join(tmpdir(), 'quire-packaging-'));
  const standIn = makeElectronStandIn(path.join(work, 'electron-stand-in'), ELECTRON_VERSION);
  const output = path.join(work, 'out');
  const build = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', 'electron-builder', 'cli.js'),
      '--linux',
      'dir',
      '--x64',
      '--config',
      'electron-builder.yml',
      `-c.electronDist=${standIn}`,
      `-c.electronVersion=${ELECTRON_VERSION}`,
      `-c.directories.output=${output}`,
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: BUILD_TIMEOUT_MS, env: builderEnvironment() },
  );
  if (build.status !== 0) throw new Error(`electron-builder failed (${build.status ?? build.signal}):\n${build.stdout}\n${build.stderr}`);
  app = path.join(output, 'linux-unpacked');
  asarFiles = asar.listPackage(path.join(app, 'resources', 'app.asar'), {}).map((file) => file.replaceAll('\\', '/'));
}, BUILD_TIMEOUT_MS);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packaged desktop app (electron-builder --dir)', () => {
  it('is an executable named quire with the bundled plugins in plugins/ beside it', () => {
    accessSync(path.join(app, 'quire'), constants.X_OK);
    expect(existsSync(path.join(app, 'electron'))).toBe(false);
    const bundled = readdirSync(path.join(DIST, 'plugins')).filter((name) => name.endsWith('.so'));
    expect(bundled).toEqual(expect.arrayContaining(['csv.so', 'json-tools.so', 'text-tools.so']));
    expect(readdirSync(path.join(app, 'plugins')).sort()).toEqual(bundled.sort());
    // Buffer.equals: a deep comparison of megabytes, byte by byte, takes the matcher seconds.
    for (const name of bundled) expect(readFileSync(path.join(app, 'plugins', name)).equals(readFileSync(path.join(DIST, 'plugins', name))), name).toBe(true);
  });

  it('keeps the app in resources/app.asar: main, renderer and package.json, without plugins, maps or tests', () => {
    expect(asarFiles).toEqual(expect.arrayContaining(['/package.json', '/dist/main/electron-main.js', '/dist/main/preload.cjs', '/dist/renderer/index.html']));
    expect(asarFiles.filter((file) => /^\/dist\/(plugins|test-plugins)\/|^\/dist\/.*\.map$|\.test\.|^\/dist\/main\/bench\.js$/.test(file))).toEqual([]);
  });

  it('unpacks the plugin host entry, koffi with its Linux x64 binary, and the sandbox beside app.asar', () => {
    const unpacked = path.join(app, 'resources', 'app.asar.unpacked');
    expect(readFileSync(path.join(unpacked, 'dist', 'main', 'plugin-host.cjs')).equals(readFileSync(path.join(DIST, 'main', 'plugin-host.cjs')))).toBe(true);
    const koffiBinary = path.join(unpacked, 'node_modules', '@koromix', 'koffi-linux-x64', 'linux_x64', 'koffi.node');
    expect([...readFileSync(koffiBinary).subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
    expect(existsSync(path.join(unpacked, 'node_modules', 'koffi', 'package.json'))).toBe(true);
    const launcher = path.join(unpacked, 'dist', 'sandbox', 'quire-sandbox');
    accessSync(launcher, constants.X_OK);
    expect(existsSync(path.join(unpacked, 'dist', 'sandbox', 'libquire_seccomp.so'))).toBe(true);
    // The launcher runs as it is: it answers its probe with what this kernel supports.
    const probe = spawnSync(launcher, ['--probe'], { encoding: 'utf8', timeout: 10_000 });
    expect(probe.status).toBe(0);
    expect(JSON.parse(probe.stdout)).toHaveProperty('seccomp');
  });

  it('holds nothing from dist/test-plugins and no benchmark anywhere', () => {
    const testPlugins = new Set(readdirSync(path.join(DIST, 'test-plugins')));
    expect(testPlugins.size).toBeGreaterThan(5);
    const names = [...everyFile(app), ...asarFiles].map((file) => path.basename(file));
    expect(names.filter((name) => testPlugins.has(name) || name === 'bench.js')).toEqual([]);
  });

  it("ships quire new-plugin's header, SDKs and templates beside the executable, where nativeDir finds them", () => {
    const root = path.join(app, 'resources', 'app.asar');
    const native = nativeDir(root, path.join(app, 'quire'));
    expect(native).toBe(path.join(app, 'native'));
    for (const part of ['include/quire_plugin.h', 'templates', 'sdk/rust', 'sdk/go', 'README.md']) expect(existsSync(path.join(native, part)), part).toBe(true);
    expect(everyFile(native).some((file) => file.split(path.sep).includes('target'))).toBe(false);
  });

  it('configures the Linux packages (AppImage and deb) that a machine with network builds', () => {
    const config = yaml.load(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as { linux: { target: string[]; executableName: string } };
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.linux.executableName).toBe('quire');
  });

  it('runs a bundled plugin from the packaged layout, as the packaged main process does', async () => {
    // What electron-main.ts computes when packaged: Quire's root is resources/app.asar, the
    // executable is `quire`; the host is this Node in place of Electron run as Node.
    const root = path.join(app, 'resources', 'app.asar');
    const hostEntry = hostEntryPath(root);
    expect(hostEntry).toBe(path.join(unpackedPath(root), 'dist', 'main', 'plugin-host.cjs'));
    const configDir = path.join(work, 'config');
    const folders = pluginFolders({ installRoot: root, packaged: true, execPath: path.join(app, 'quire'), configDir, extraDirs: [] });
    expect(folders[0]).toEqual({ path: path.join(app, 'plugins'), origin: 'bundled' });

    const plugins = await PluginService.start({ folders, configDir, launcher: childProcessLauncher, hostEntry, poolSize: 0 });
    try {
      await expect.poll(() => plugins.registry().map((d) => d.id).sort(), { timeout: 30_000 }).toEqual(['dev.quire.csv', 'dev.quire.json-tools', 'dev.quire.text-tools']);
      const hosts = liveHostPids().map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'));
      expect(hosts.length).toBeGreaterThan(0);
      for (const argv of hosts) expect(argv).toContain(hostEntry);
      const sorted = await plugins.call({
        pluginId: 'dev.quire.text-tools',
        kind: 'command',
        handler: 'sort-lines',
        document: { text: 'pear\napple\n', languageId: 'plaintext', path: '', selections: [{ start: 0, end: 0, active: 0 }] },
      });
      expect(sorted.ok && applyEdits('pear\napple\n', editsOfResult(sorted.value, 'pear\napple\n'))).toBe('apple\npear\n');
      const status = plugins.statuses().find((s) => s.descriptor?.id === 'dev.quire.text-tools');
      // Confined by the launcher and seccomp library from app.asar.unpacked: without them it would be 'off'.
      expect(status?.sandbox).toMatchObject({ seccomp: true });
      expect(status?.sandbox?.state).not.toBe('off');
    } finally {
      await plugins.stop();
    }
    await expectNoHostsLeft();
  });
});
