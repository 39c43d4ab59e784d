/**
 * Every containment promise of the README against a plugin written to break it: real hostile
 * .so files (native/test-plugins/hostile-*.c) run in real sandboxed hosts under the plugin
 * service, aimed at temporary files, sockets and processes this test makes. Each attack is
 * blocked or contained, the editor (this process) keeps running, and no process is left.
 * A control run without the sandbox proves the same attacks work, so none of these can pass
 * by accident.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PluginCallResult, PluginOutcome, PluginStatus } from '../../app/plugin-contract.js';
import { childProcessLauncher } from './host/host-launcher.js';
import { PluginService } from './plugin-service.js';
import type { SandboxChoice } from './sandbox/host-sandbox.js';
import { BUNDLED_PLUGINS, document, expectNoHostsLeft, HOST_ENTRY, liveHostPids, requireBuild, testPlugin } from './test-support/host-fixtures.js';
import { HOSTILE_PLUGIN_IDS, hostilePlugin, killLeftovers, processesWithMarker, HOSTILE_MARKER, type HostilePluginName } from './test-support/hostile-plugins.js';

const MiB = 1024 * 1024;
const HOSTILE: HostilePluginName[] = ['files', 'proc', 'network', 'processes', 'memory', 'log', 'threads'];

let scratch: string;
/** Stands in for the user's home: a secret to steal, a file to delete, a place to write. */
let home: string;

beforeAll(() => {
  requireBuild();
  scratch = mkdtempSync(path.join(os.tmpdir(), 'quire-contain-'));
  home = path.join(scratch, 'home');
  mkdirSync(home);
});

afterAll(async () => {
  await killLeftovers(HOSTILE_MARKER);
  rmSync(scratch, { recursive: true, force: true });
});

async function startService(sandbox: SandboxChoice, files: string[], settings: object = {}): Promise<PluginService> {
  const folder = mkdtempSync(path.join(scratch, 'plugins-'));
  const configDir = mkdtempSync(path.join(scratch, 'config-'));
  writeFileSync(path.join(configDir, 'settings.json'), JSON.stringify(settings));
  for (const file of files) copyFileSync(file, path.join(folder, path.basename(file)));
  const service = await PluginService.start({
    folders: [{ path: folder, origin: 'command-line' }],
    configDir,
    launcher: childProcessLauncher,
    hostEntry: HOST_ENTRY,
    trustMode: 'all',
    sandbox,
    poolSize: 0,
    notifyDelayMs: 10,
    policy: { restartBackoffMs: [50] },
  });
  // Polled by hand: hooks cannot use expect.poll.
  const deadline = Date.now() + 20_000;
  while (service.statuses().filter((s) => s.state === 'ready').length < files.length) {
    if (Date.now() > deadline) {
      const states = service.statuses().map((s) => `${path.basename(s.path)}: ${s.state} ${s.failure?.message ?? ''}`);
      await service.stop();
      throw new Error(`plugins did not all load:\n${states.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return service;
}

/** Runs a hostile command; the attack's own report is the message of an OK result. */
async function attack(service: PluginService, plugin: HostilePluginName, command: string, text: string): Promise<string> {
  const outcome = await service.call({ pluginId: HOSTILE_PLUGIN_IDS[plugin], kind: 'command', handler: command, document: document(text, { path: path.join(home, 'doc.txt') }) });
  if (!outcome.ok) throw new Error(`${plugin}/${command} failed as a call: ${outcome.failure.code}: ${outcome.failure.message}`);
  return outcome.value.message ?? '';
}

function listen(server: net.Server, where: number | string): Promise<void> {
  return new Promise((resolve) => server.listen(where, () => resolve()));
}

describe('a sandboxed plugin', () => {
  let service: PluginService;
  const victims: ChildProcess[] = [];

  beforeAll(async () => {
    service = await startService('on', HOSTILE.map(hostilePlugin), { 'plugins.memoryLimitMb': 256 });
  });

  afterEach(() => {
    // Nothing any attack started may be running, at any point.
    expect(processesWithMarker(HOSTILE_MARKER)).toEqual([]);
  });

  afterAll(async () => {
    for (const victim of victims) victim.kill('SIGKILL');
    await service.stop();
    await expectNoHostsLeft();
  });

  it('runs sandboxed: Landlock and seccomp, with no capabilities', () => {
    for (const status of service.statuses()) {
      expect(status.sandbox, status.path).toMatchObject({ state: 'sandboxed', seccomp: true, grants: [], memoryLimitBytes: 256 * MiB });
    }
  });

  it('cannot write, create, rename or delete a file in $HOME, nor read a secret there', async () => {
    const secret = path.join(home, 'secret.txt');
    writeFileSync(secret, 'hunter2');
    expect(await attack(service, 'files', 'write-file', path.join(home, 'planted.txt'))).toBe('write-file: blocked (EACCES)');
    expect(existsSync(path.join(home, 'planted.txt'))).toBe(false);
    expect(await attack(service, 'files', 'read-file', secret)).toBe('read-file: blocked (EACCES)');
    expect(await attack(service, 'files', 'delete-file', secret)).toBe('delete-file: blocked (EACCES)');
    expect(await attack(service, 'files', 'rename-file', `${secret}\n${secret}.moved`)).toBe('rename-file: blocked (EACCES)');
    expect(readFileSync(secret, 'utf8')).toBe('hunter2');
    expect(await attack(service, 'files', 'read-file', '/etc/passwd')).toBe('read-file: blocked (EACCES)');
  });

  it("cannot read the editor's /proc (its environment, command line or memory)", async () => {
    expect(await attack(service, 'proc', 'read-environ', String(process.pid))).toBe('environ: blocked (EACCES); cmdline: blocked (EACCES)');
    expect(await attack(service, 'proc', 'read-mem', String(process.pid))).toMatch(/^read-mem: blocked \(E(ACCES|PERM)\)/);
  });

  it("cannot connect to the editor's port, a Unix socket, or an abstract socket", async () => {
    const tcp = net.createServer((socket) => socket.destroy());
    const unixPath = path.join(scratch, 'editor.sock');
    const unix = net.createServer((socket) => socket.destroy());
    const abstractName = `quire-contain-${process.pid}`;
    const abstract = net.createServer((socket) => socket.destroy());
    let connections = 0;
    for (const server of [tcp, unix, abstract]) server.on('connection', () => connections++);
    await Promise.all([listen(tcp, 0), listen(unix, unixPath), listen(abstract, `\0${abstractName}`)]);
    try {
      const port = (tcp.address() as net.AddressInfo).port;
      expect(await attack(service, 'network', 'tcp-connect', String(port))).toBe('tcp-connect: socket blocked (EPERM)');
      expect(await attack(service, 'network', 'unix-connect', unixPath)).toBe('unix-connect: socket blocked (EPERM)');
      expect(await attack(service, 'network', 'abstract-connect', abstractName)).toMatch(/^abstract-connect: socket blocked \(EPERM\)/);
      expect(connections).toBe(0);
    } finally {
      await Promise.all([tcp, unix, abstract].map((server) => new Promise((resolve) => server.close(resolve))));
    }
  });

  it('cannot fork, daemonize or exec, and leaves nothing behind', async () => {
    expect(await attack(service, 'processes', 'fork-children', '20')).toMatch(/^fork-children: 0 of 20 .*EPERM/);
    expect(await attack(service, 'processes', 'daemon', '')).toBe('daemon: fork blocked (EPERM)');
    expect(await attack(service, 'processes', 'exec-shell', '')).toMatch(/EPERM/);
    expect(await attack(service, 'processes', 'exec-shell', '')).not.toMatch(/succeeded/);
    expect(processesWithMarker(HOSTILE_MARKER)).toEqual([]);
  });

  it('cannot signal or trace the editor, another process, or its process group', async () => {
    const victim = spawn('sleep', ['600'], { stdio: 'ignore' });
    victims.push(victim);
    expect(await attack(service, 'processes', 'kill-parent', '9')).toBe('kill-parent: blocked (EPERM)');
    expect(await attack(service, 'processes', 'kill-pid', `${victim.pid} 9`)).toBe('kill-pid: blocked (EPERM)');
    expect(await attack(service, 'processes', 'kill-group', '15')).toBe('kill-group: blocked (EPERM)');
    expect(await attack(service, 'processes', 'ptrace', String(process.pid))).toBe('ptrace-attach: blocked (EPERM); ptrace-seize: blocked (EPERM)');
    expect(victim.exitCode).toBeNull();
    expect(victim.signalCode).toBeNull();
  });

  it('can still start threads, which Node and the Go runtime need', async () => {
    expect(await attack(service, 'threads', 'spawn-thread', '4')).toBe('spawn-thread: 4 of 4 succeeded');
  });

  it('is stopped with memory-limit before it uses more than 25% past its limit; the editor and other plugins carry on', async () => {
    let outcome: PluginOutcome<PluginCallResult> | undefined;
    for (let call = 0; call < 12; call++) {
      outcome = await service.call({ pluginId: HOSTILE_PLUGIN_IDS.memory, kind: 'command', handler: 'leak', document: document('64') });
      if (!outcome.ok) break;
      await expect.poll(() => service.statuses().find((s) => s.descriptor?.id === HOSTILE_PLUGIN_IDS.memory)?.state).toBe('ready');
    }
    if (!outcome || outcome.ok) throw new Error('the leaking plugin was never stopped');
    expect(outcome.failure.code).toBe('memory-limit');
    expect(outcome.failure.detail?.limitBytes).toBe(256 * MiB);
    expect(outcome.failure.detail?.residentBytes).toBeLessThanOrEqual(1.25 * 256 * MiB);
    // It restarts like a crash; the others never noticed.
    const status = await waitForState(service, HOSTILE_PLUGIN_IDS.memory, 'ready');
    expect(status.log.some((line) => line.text.includes('memory'))).toBe(true);
    expect(await attack(service, 'threads', 'spawn-thread', '1')).toBe('spawn-thread: 1 of 1 succeeded');
  });

  it('cannot flood the log: past the budget lines are dropped and counted, and the host stays small', async () => {
    expect(await attack(service, 'log', 'flood', '200000')).toBe('flood: logged 200000 lines (20000000 bytes)');
    const logged = service.statuses().find((s) => s.descriptor?.id === HOSTILE_PLUGIN_IDS.log) as PluginStatus;
    expect(logged.log.some((line) => /dropped 199000 log lines/.test(line.text))).toBe(true);
    expect(logged.stats.rssBytes ?? 0).toBeLessThan(200 * MiB);
    expect(await attack(service, 'log', 'flood-stdout', '20000')).toMatch(/^flood-stdout: wrote 20000 lines/);
    await expect
      .poll(() => (service.statuses().find((s) => s.descriptor?.id === HOSTILE_PLUGIN_IDS.log) as PluginStatus).log.some((line) => /dropped \d+ lines of the plugin's stdout/.test(line.text)))
      .toBe(true);
  });
});

async function waitForState(service: PluginService, id: string, state: PluginStatus['state']): Promise<PluginStatus> {
  await expect.poll(() => service.statuses().find((s) => s.descriptor?.id === id)?.state, { timeout: 10_000 }).toBe(state);
  return service.statuses().find((s) => s.descriptor?.id === id) as PluginStatus;
}

describe('capabilities grant exactly what the manifest asks for', () => {
  let service: PluginService;

  beforeAll(async () => {
    service = await startService('on', [testPlugin('cap-read-folder'), testPlugin('cap-network')]);
  });

  afterAll(async () => {
    await service.stop();
    await expectNoHostsLeft();
  });

  it('read-document-folder reads beside the document, and nowhere else', async () => {
    const first = path.join(scratch, 'project-a');
    const second = path.join(scratch, 'project-b');
    for (const [dir, words] of [[first, 'from a'], [second, 'from b']] as const) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'neighbour.txt'), words);
    }
    const read = async (command: string, text: string, docPath: string) => {
      const outcome = await service.call({ pluginId: 'dev.quire.test.cap-read-folder', kind: 'command', handler: command, document: document(text, { path: docPath }) });
      return outcome.ok ? outcome.value.message : `${outcome.failure.code}`;
    };
    expect(await read('read-beside', '', path.join(first, 'doc.txt'))).toContain('from a');
    expect(await read('read-path', path.join(second, 'neighbour.txt'), path.join(first, 'doc.txt'))).toContain('Permission denied');
    // Another document, another folder: the grant follows the document.
    expect(await read('read-beside', '', path.join(second, 'doc.txt'))).toContain('from b');
    expect(await read('read-path', path.join(first, 'neighbour.txt'), path.join(second, 'doc.txt'))).toContain('Permission denied');
    const status = service.statuses().find((s) => s.descriptor?.id === 'dev.quire.test.cap-read-folder');
    expect(status?.sandbox).toMatchObject({ state: 'sandboxed', grants: ['read-document-folder'] });
  });

  it('network lets a plugin connect, and only the plugin granted it', async () => {
    const server = net.createServer((socket) => socket.destroy());
    await listen(server, 0);
    try {
      const port = String((server.address() as net.AddressInfo).port);
      const outcome = await service.call({ pluginId: 'dev.quire.test.cap-network', kind: 'command', handler: 'connect', document: document(port) });
      expect(outcome).toMatchObject({ ok: true, value: { message: 'connected' } });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the bundled plugins work unchanged under the sandbox', () => {
  it('C, Rust and Go (whose runtime starts threads and reads /proc/self) load sandboxed and answer', async () => {
    const bundled = ['text-tools.so', 'csv.so', 'json-tools.so'].map((name) => path.join(BUNDLED_PLUGINS, name)).filter((file) => existsSync(file));
    expect(bundled.length).toBeGreaterThan(0);
    const service = await startService('on', bundled);
    try {
      for (const status of service.statuses()) expect(status.sandbox?.state, status.path).toBe('sandboxed');
      for (const descriptor of service.registry()) {
        const linter = descriptor.linters[0];
        const command = descriptor.commands[0];
        const outcome = linter
          ? await service.call({ pluginId: descriptor.id, kind: 'lint', handler: linter.id, document: document('a,b\n1\n', { languageId: linter.languages[0] as string }) })
          : await service.call({ pluginId: descriptor.id, kind: 'command', handler: (command as { id: string }).id, document: document('b\na\n') });
        expect(outcome.ok, `${descriptor.id}: ${outcome.ok ? '' : outcome.failure.message}`).toBe(true);
      }
    } finally {
      await service.stop();
    }
    await expectNoHostsLeft();
  });
});

describe('plugins.requireSandbox', () => {
  it('refuses to load a plugin into a host that is not sandboxed, before any of its code runs', async () => {
    const folder = mkdtempSync(path.join(scratch, 'plugins-'));
    const configDir = mkdtempSync(path.join(scratch, 'config-'));
    writeFileSync(path.join(configDir, 'settings.json'), JSON.stringify({ 'plugins.requireSandbox': true }));
    copyFileSync(testPlugin('ok-basic'), path.join(folder, 'ok.so'));
    // Sandbox off stands in for a kernel without Landlock and seccomp.
    const service = await PluginService.start({ folders: [{ path: folder, origin: 'command-line' }], configDir, launcher: childProcessLauncher, hostEntry: HOST_ENTRY, trustMode: 'all', sandbox: 'off', poolSize: 0 });
    try {
      await expect.poll(() => service.statuses().find((s) => s.path.endsWith('ok.so'))?.failure?.code, { timeout: 10_000 }).toBe('not-sandboxed');
      const refused = service.statuses().find((s) => s.path.endsWith('ok.so')) as PluginStatus;
      expect(refused.state).toBe('failed');
      expect(refused.failure?.message).toContain('plugins.requireSandbox');
      expect(service.registry()).toEqual([]);
    } finally {
      await service.stop();
    }
    await expectNoHostsLeft();
  });
});

describe('control: without the sandbox the same attacks work', () => {
  it('so the tests above would fail if the sandbox were gone', async () => {
    const service = await startService('off', [hostilePlugin('files'), hostilePlugin('proc'), hostilePlugin('network'), hostilePlugin('processes')]);
    const server = net.createServer((socket) => socket.destroy());
    await listen(server, 0);
    try {
      expect(await attack(service, 'files', 'write-file', path.join(home, 'planted.txt'))).toMatch(/^write-file: succeeded/);
      expect(await attack(service, 'proc', 'read-environ', String(process.pid))).toMatch(/^environ: succeeded/);
      expect(await attack(service, 'network', 'tcp-connect', String((server.address() as net.AddressInfo).port))).toMatch(/^tcp-connect: succeeded/);
      expect(await attack(service, 'processes', 'fork-children', '2')).toMatch(/^fork-children: 2 of 2/);
      expect(processesWithMarker(HOSTILE_MARKER).length).toBeGreaterThan(0);
    } finally {
      await killLeftovers(HOSTILE_MARKER);
      await new Promise((resolve) => server.close(resolve));
      await service.stop();
    }
    expect(liveHostPids()).toEqual([]);
  });
});
