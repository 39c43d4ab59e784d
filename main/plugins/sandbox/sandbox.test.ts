/**
 * The plugin hosts' OS sandbox, tested with real processes: the real launcher
 * (dist/sandbox/quire-sandbox) runs this Node on a small probe script that tries what a hostile
 * plugin would, and the real seccomp wrapper (main/plugin-host/sandbox/seccomp.ts, bundled for
 * the probe) applies the real filter. Every denial is checked against the same action run
 * unsandboxed, so a test fails when its layer of the sandbox is removed rather than passing
 * because the action was impossible anyway.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySeccomp } from '../../plugin-host/sandbox/seccomp.js';
import { hostRuntimeReadPaths, probeSandbox, sandboxArgv, sandboxBinaries, type SandboxPolicy } from './sandbox-command.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const { launcher, seccompLibrary } = sandboxBinaries(path.join(ROOT, 'dist'));
const NODE_MODULES = path.join(ROOT, 'node_modules');

/** Tries each action and prints what happened to each, as JSON: {ok, value} or {ok: false, code}. */
const PROBE_SCRIPT = String.raw`
const fs = require('node:fs');
const net = require('node:net');
const childProcess = require('node:child_process');
const { Worker } = require('node:worker_threads');

const spec = JSON.parse(process.argv[2]);
const failed = (error) => ({ ok: false, code: error && (error.code || error.name) });
const attempt = (action) => { try { return { ok: true, value: action() }; } catch (error) { return failed(error); } };

function connect(target) {
  return new Promise((resolve) => {
    let socket;
    try { socket = net.connect(target); } catch (error) { resolve(failed(error)); return; }
    socket.once('connect', () => { socket.destroy(); resolve({ ok: true }); });
    socket.once('error', (error) => resolve(failed(error)));
  });
}

/** fork() straight from libc, past Node's spawn: the filter must stop a process being made, not only exec. */
function fork() {
  const koffi = require('koffi');
  const libc = koffi.load('libc.so.6');
  const pid = libc.func('int fork(void)')();
  if (pid === 0) libc.func('void _exit(int)')(0);
  if (pid < 0) {
    const errno = koffi.errno();
    const names = require('node:os').constants.errno;
    return { ok: false, code: Object.keys(names).find((name) => names[name] === errno) };
  }
  libc.func('int waitpid(int pid, void *status, int options)')(pid, null, 0);
  return { ok: true };
}

function worker() {
  return new Promise((resolve) => {
    const thread = new Worker('require("node:worker_threads").parentPort.postMessage(6 * 7)', { eval: true });
    thread.once('message', (value) => { resolve({ ok: true, value }); thread.terminate(); });
    thread.once('error', (error) => resolve(failed(error)));
  });
}

const actions = {
  read: (a) => attempt(() => fs.readFileSync(a.path, 'utf8')),
  write: (a) => attempt(() => fs.writeFileSync(a.path, 'changed')),
  create: (a) => attempt(() => fs.closeSync(fs.openSync(a.path, 'wx'))),
  rename: (a) => attempt(() => fs.renameSync(a.from, a.to)),
  unlink: (a) => attempt(() => fs.unlinkSync(a.path)),
  mkdir: (a) => attempt(() => fs.mkdirSync(a.path)),
  connect: (a) => connect(a.target),
  spawn: () => attempt(() => { const run = childProcess.spawnSync(process.execPath, ['-e', '0']); if (run.error) throw run.error; return run.status; }),
  exec: () => attempt(() => childProcess.execFileSync(process.execPath, ['-e', 'process.stdout.write("ran")'], { encoding: 'utf8' })),
  kill: (a) => attempt(() => process.kill(a.pid === 'self' ? process.pid : a.pid === 'parent' ? process.ppid : a.pid, 0)),
  fork,
  worker,
  alloc: (a) => attempt(() => new ArrayBuffer(a.bytes).byteLength),
};

async function main() {
  const results = { landlock: process.env.QUIRE_SANDBOX_LANDLOCK ?? null };
  if (spec.seccomp) {
    const { applySeccomp } = require(spec.seccomp.bundle);
    results.seccomp = applySeccomp(spec.seccomp.library, { allowNetwork: spec.seccomp.allowNetwork });
  }
  for (const action of spec.actions) results[action.label] = await actions[action.do](action);
  process.stdout.write(JSON.stringify(results));
}
main();
`;

interface Action {
  label: string;
  do: string;
  [key: string]: unknown;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  pid: number | undefined;
}

type Outcome = { ok: true; value?: unknown } | { ok: false; code: string };

let temporary: string;
let scripts: string;
let home: string;
let probeScript: string;
let seccompBundle: string;
const startedPids: number[] = [];

/** Runs `file args` to its end (at most 10 s), remembering its pid for the leftover check. */
function runProcess(file: string, args: string[], env: NodeJS.ProcessEnv = childEnvironment()): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], env, timeout: 10_000, killSignal: 'SIGKILL' });
    if (child.pid) startedPids.push(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => resolve({ code: null, signal: null, stdout, stderr: `${stderr}${error.message}`, pid: child.pid }));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, pid: child.pid }));
  });
}

/** Only what the probe needs: no inherited tokens, and a HOME of its own. */
function childEnvironment(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', NODE_PATH: NODE_MODULES };
}

interface ProbeOptions {
  /** Run under the launcher (Landlock, limits, no capabilities); false runs plain Node. */
  launcher?: boolean;
  /** Apply the seccomp filter inside the probe first. */
  seccomp?: boolean;
  allowNetwork?: boolean;
  memoryBytes?: number | null;
}

function policy(options: ProbeOptions): SandboxPolicy {
  return {
    launcher,
    // The koffi package and its native half are what the host needs to apply seccomp.
    readPaths: [...hostRuntimeReadPaths(), scripts, path.join(NODE_MODULES, 'koffi'), path.join(NODE_MODULES, '@koromix'), path.dirname(seccompLibrary)],
    allowNetwork: options.allowNetwork ?? false,
    memoryBytes: options.memoryBytes ?? null,
    requireLandlock: true,
  };
}

async function probe(actions: Action[], options: ProbeOptions = {}): Promise<Record<string, Outcome> & { landlock: string | null }> {
  const spec = JSON.stringify({
    seccomp: options.seccomp ? { bundle: seccompBundle, library: seccompLibrary, allowNetwork: options.allowNetwork ?? false } : null,
    actions,
  });
  const programArgs = [probeScript, spec];
  const run =
    options.launcher === false
      ? await runProcess(process.execPath, programArgs)
      : await runProcess(launcher, sandboxArgv(policy(options), process.pid, process.execPath, programArgs));
  expect(run.code, `the probe failed: ${run.stderr}`).toBe(0);
  const results = JSON.parse(run.stdout) as Record<string, Outcome> & { landlock: string | null; seccomp?: unknown };
  if (options.seccomp) expect(results.seccomp).toEqual({ ok: true });
  if (options.launcher === false) expect(results.landlock).toBeNull();
  else expect(results.landlock).toMatch(/^\d+$/);
  return results;
}

const sandboxed = (actions: Action[], options: ProbeOptions = {}) => probe(actions, { seccomp: true, ...options });
const unsandboxed = (actions: Action[]) => probe(actions, { launcher: false });
const denied = (code: string) => ({ ok: false, code });
const allowed = expect.objectContaining({ ok: true });

/** Runs `body` while a server that accepts and hangs up listens on `where` (a TCP port or a socket path). */
async function withServer<T>(where: { port: number; host: string } | { path: string }, body: (address: string | net.AddressInfo) => Promise<T>): Promise<T> {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(where, resolve));
  try {
    return await body(server.address() as string | net.AddressInfo);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe.runIf(process.platform === 'linux')('the plugin host sandbox', () => {
  beforeAll(() => {
    temporary = mkdtempSync(path.join(os.tmpdir(), 'quire-sandbox-test-'));
    scripts = path.join(temporary, 'scripts');
    home = path.join(temporary, 'home');
    mkdirSync(scripts);
    mkdirSync(home);
    probeScript = path.join(scripts, 'probe.cjs');
    writeFileSync(probeScript, PROBE_SCRIPT);
    writeFileSync(path.join(scripts, 'data.txt'), 'readable');
    seccompBundle = path.join(scripts, 'seccomp.cjs');
    buildSync({
      entryPoints: [path.join(ROOT, 'main', 'plugin-host', 'sandbox', 'seccomp.ts')],
      outfile: seccompBundle,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['koffi'],
      logLevel: 'silent',
    });
  });

  afterAll(() => {
    rmSync(temporary, { recursive: true, force: true });
  });

  function resetHome(): void {
    rmSync(home, { recursive: true, force: true });
    mkdirSync(home);
    writeFileSync(path.join(home, 'notes.txt'), 'notes');
    writeFileSync(path.join(home, 'doomed.txt'), 'doomed');
    writeFileSync(path.join(home, 'secret.txt'), 'secret');
  }

  it('reports what the kernel supports, and a missing launcher as a value', async () => {
    const support = await probeSandbox(launcher);
    expect(support).toEqual({ landlockAbi: expect.any(Number), landlockError: null, seccomp: true });
    expect(support.landlockAbi).toBeGreaterThanOrEqual(1);
    const missing = await probeSandbox(path.join(temporary, 'no-such-launcher'));
    expect(missing).toEqual({ landlockAbi: null, landlockError: expect.stringContaining('missing'), seccomp: false });
  });

  it('refuses bad usage with exit code 2', async () => {
    expect((await runProcess(launcher, ['--memory-bytes', 'lots', '--', process.execPath])).code).toBe(2);
    expect((await runProcess(launcher, ['--read', scripts])).code).toBe(2);
  });

  it('keeps the runtime read paths to what starting needs', () => {
    const paths = hostRuntimeReadPaths();
    expect(paths).toContain('/usr');
    for (const forbidden of ['/', '/etc', '/tmp', '/home', '/root', os.homedir(), os.tmpdir()]) expect(paths).not.toContain(forbidden);
    expect(paths.filter((entry) => entry.startsWith('/etc/') && !/^\/etc\/(ld\.so|localtime|ssl\/openssl\.cnf)/.test(entry))).toEqual([]);
  });

  it('cannot write, create, rename or delete anything in HOME', async () => {
    const actions: Action[] = [
      { label: 'write', do: 'write', path: path.join(home, 'notes.txt') },
      { label: 'create', do: 'create', path: path.join(home, 'new.txt') },
      { label: 'mkdir', do: 'mkdir', path: path.join(home, 'folder') },
      { label: 'rename', do: 'rename', from: path.join(home, 'notes.txt'), to: path.join(home, 'renamed.txt') },
      { label: 'unlink', do: 'unlink', path: path.join(home, 'doomed.txt') },
    ];
    resetHome();
    const inside = await sandboxed(actions);
    for (const action of actions) expect(inside[action.label], action.label).toEqual(denied('EACCES'));
    expect(readdirSync(home).sort()).toEqual(['doomed.txt', 'notes.txt', 'secret.txt']);
    expect(readFileSync(path.join(home, 'notes.txt'), 'utf8')).toBe('notes');

    const outside = await unsandboxed(actions);
    for (const action of actions) expect(outside[action.label], action.label).toEqual(allowed);
  });

  it('cannot read a secret in HOME, or /etc/passwd, but reads what it was given', async () => {
    resetHome();
    const actions: Action[] = [
      { label: 'secret', do: 'read', path: path.join(home, 'secret.txt') },
      { label: 'passwd', do: 'read', path: '/etc/passwd' },
      { label: 'given', do: 'read', path: path.join(scripts, 'data.txt') },
    ];
    const inside = await sandboxed(actions);
    expect(inside.secret).toEqual(denied('EACCES'));
    expect(inside.passwd).toEqual(denied('EACCES'));
    expect(inside.given).toEqual({ ok: true, value: 'readable' });

    const outside = await unsandboxed(actions);
    expect(outside.secret).toEqual({ ok: true, value: 'secret' });
    expect(outside.passwd).toEqual(allowed);
  });

  it("reads its own /proc entry but not another process's environ or cmdline", async () => {
    const actions: Action[] = [
      { label: 'environ', do: 'read', path: `/proc/${process.pid}/environ` },
      { label: 'cmdline', do: 'read', path: `/proc/${process.pid}/cmdline` },
      { label: 'status', do: 'read', path: '/proc/self/status' },
    ];
    const inside = await sandboxed(actions);
    expect(inside.environ).toEqual(denied('EACCES'));
    expect(inside.cmdline).toEqual(denied('EACCES'));
    expect(inside.status).toEqual({ ok: true, value: expect.stringMatching(/NoNewPrivs:\s+1[\s\S]*Seccomp:\s+2/) });
    // And no capabilities, although these tests run as root.
    expect((inside.status as { value: string }).value).toMatch(/CapEff:\s+0+\n/);

    const outside = await unsandboxed(actions);
    expect(outside.environ).toEqual(allowed);
    expect(outside.cmdline).toEqual(allowed);
  });

  it('cannot connect over TCP: Landlock alone and seccomp alone each stop it, --allow-network lets it through', async () => {
    await withServer({ port: 0, host: '127.0.0.1' }, async (address) => {
      const actions: Action[] = [{ label: 'tcp', do: 'connect', target: { host: '127.0.0.1', port: (address as net.AddressInfo).port } }];
      // Landlock's TCP rules without seccomp.
      expect((await probe(actions, { seccomp: false })).tcp).toEqual(denied('EACCES'));
      // seccomp's socket() denial with Landlock's network rules lifted.
      expect((await probe(actions, { launcher: false, seccomp: true })).tcp).toEqual(denied('EPERM'));
      expect((await probe(actions, { seccomp: true, allowNetwork: true })).tcp).toEqual({ ok: true });
      expect((await unsandboxed(actions)).tcp).toEqual({ ok: true });
    });
  });

  it('cannot connect to a Unix socket once seccomp is on', async () => {
    const socketPath = path.join(temporary, 'unix.sock');
    await withServer({ path: socketPath }, async () => {
      const actions: Action[] = [{ label: 'unix', do: 'connect', target: { path: socketPath } }];
      expect((await sandboxed(actions)).unix).toEqual(denied('EPERM'));
      expect((await unsandboxed(actions)).unix).toEqual({ ok: true });
    });
  });

  it('cannot start programs once seccomp is on', async () => {
    const actions: Action[] = [
      { label: 'spawn', do: 'spawn' },
      { label: 'exec', do: 'exec' },
      { label: 'fork', do: 'fork' },
    ];
    const seccompOnly = await probe(actions, { launcher: false, seccomp: true });
    expect(seccompOnly.spawn).toEqual(denied('EPERM'));
    expect(seccompOnly.exec).toEqual(denied('EPERM'));
    expect(seccompOnly.fork).toEqual(denied('EPERM'));
    const inside = await sandboxed(actions);
    expect(inside.spawn).toEqual(denied('EPERM'));
    expect(inside.exec).toEqual(denied('EPERM'));
    expect(inside.fork).toEqual(denied('EPERM'));

    const outside = await unsandboxed(actions);
    expect(outside.spawn).toEqual({ ok: true, value: 0 });
    expect(outside.exec).toEqual({ ok: true, value: 'ran' });
    expect(outside.fork).toEqual({ ok: true });
  });

  it('can signal itself but not its parent or any other process', async () => {
    const actions: Action[] = [
      { label: 'self', do: 'kill', pid: 'self' },
      { label: 'parent', do: 'kill', pid: 'parent' },
      { label: 'other', do: 'kill', pid: process.pid },
    ];
    for (const options of [{ launcher: false, seccomp: true }, { seccomp: true }] satisfies ProbeOptions[]) {
      const inside = await probe(actions, options);
      expect(inside.self, JSON.stringify(options)).toEqual(allowed);
      expect(inside.parent, JSON.stringify(options)).toEqual(denied('EPERM'));
      expect(inside.other, JSON.stringify(options)).toEqual(denied('EPERM'));
    }
    const outside = await unsandboxed(actions);
    expect(outside.parent).toEqual(allowed);
    expect(outside.other).toEqual(allowed);
  });

  it('still runs worker threads under seccomp', async () => {
    const inside = await sandboxed([{ label: 'worker', do: 'worker' }]);
    expect(inside.worker).toEqual({ ok: true, value: 42 });
  });

  it('caps the data segment at --memory-bytes', async () => {
    const limit = 768 * 1024 * 1024;
    const actions: Action[] = [
      { label: 'small', do: 'alloc', bytes: 64 * 1024 * 1024 },
      { label: 'big', do: 'alloc', bytes: 1024 * 1024 * 1024 },
    ];
    const inside = await sandboxed(actions, { memoryBytes: limit });
    expect(inside.small).toEqual(allowed);
    expect(inside.big).toEqual(denied('RangeError'));
    expect((await unsandboxed(actions)).big).toEqual(allowed);
  });

  it('does not start when its parent is already gone, and dies with its parent', async () => {
    // A pid that has ended: the launcher's parent is not it, so the parent "died" before the launcher armed its signal.
    const ended = await runProcess(process.execPath, ['-e', '0']);
    const gone = await runProcess(launcher, [...sandboxArgv(policy({}), ended.pid ?? 1, process.execPath, ['-e', 'process.stdout.write("ran")'])]);
    expect(gone).toMatchObject({ code: 0, stdout: '' });

    // A parent that dies while the host runs takes the host with it (SIGKILL), however it died.
    const sleeper = path.join(scripts, 'sleeper.cjs');
    writeFileSync(sleeper, 'process.stdout.write("ready"); setTimeout(() => {}, 15000);');
    const middle = `
      const { spawn } = require('node:child_process');
      const args = JSON.parse(process.argv[1]).map((arg) => (arg === 'PARENT' ? String(process.pid) : arg));
      const child = spawn(${JSON.stringify(launcher)}, args, { stdio: ['ignore', 'pipe', 'inherit'] });
      child.stdout.once('data', () => { process.stdout.write(String(child.pid)); process.kill(process.pid, 'SIGKILL'); });`;
    const launcherArgs = sandboxArgv(policy({}), 0, process.execPath, [sleeper]);
    launcherArgs[launcherArgs.indexOf('--parent-pid') + 1] = 'PARENT';
    const parent = await runProcess(process.execPath, ['-e', middle, JSON.stringify(launcherArgs)]);
    expect(parent.signal).toBe('SIGKILL');
    const hostPid = Number(parent.stdout);
    expect(hostPid).toBeGreaterThan(0);
    startedPids.push(hostPid);
    expect(await hasEnded(hostPid)).toBe(true);
  });

  it('leaves no process behind', async () => {
    for (const pid of startedPids) expect(await hasEnded(pid), `pid ${pid}`).toBe(true);
    expect(processesMentioning(temporary)).toEqual([]);
  });
});

describe('applySeccomp', () => {
  it('explains a library that cannot be loaded instead of throwing', () => {
    const outcome = applySeccomp(path.join(os.tmpdir(), 'no-such-libquire_seccomp.so'), { allowNetwork: false });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.reason).toMatch(process.platform === 'linux' ? /could not be loaded/ : /only on Linux/);
  });
});

describe('sandboxArgv', () => {
  it('puts every option before -- and the program after it', () => {
    const argv = sandboxArgv(
      { launcher: '/x/quire-sandbox', readPaths: ['/usr', '/plugins'], allowNetwork: true, memoryBytes: 1000, requireLandlock: true },
      42,
      '/usr/bin/node',
      ['host.cjs', '--', '7'],
    );
    expect(argv).toEqual(['--read', '/usr', '--read', '/plugins', '--allow-network', '--memory-bytes', '1000', '--parent-pid', '42', '--require-landlock', '--', '/usr/bin/node', 'host.cjs', '--', '7']);
    const plain = sandboxArgv({ launcher: 'l', readPaths: [], allowNetwork: false, memoryBytes: null, requireLandlock: false }, 1, 'p', []);
    expect(plain).toEqual(['--parent-pid', '1', '--', 'p']);
  });
});

/** Whether `pid` has ended (gone, or a zombie nobody reaped yet), waiting up to 3 s. */
async function hasEnded(pid: number): Promise<boolean> {
  for (let tries = 0; tries < 60; tries++) {
    if (!existsSync(`/proc/${pid}`)) return true;
    try {
      if (/^\d+ \(.*\) [ZX] /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) return true;
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** Live processes whose command line names `text` (every probe's does: its script is in the temporary folder). */
function processesMentioning(text: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const state = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (commandLine.includes(text) && !/^\d+ \(.*\) [ZX] /.test(state)) found.push(`${entry}: ${commandLine}`);
    } catch {
      // Ended while we looked.
    }
  }
  return found;
}
