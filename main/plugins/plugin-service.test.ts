/**
 * The supervisor end to end, as the editor runs it: real folders watched live, real plugin
 * files copied in and out, real host processes (counted after every test: none may be left).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PluginStatus } from '../../app/plugin-contract.js';
import { childProcessLauncher } from './host/host-launcher.js';
import { PluginService, type PluginServiceOptions } from './plugin-service.js';
import { document, expectNoHostsLeft, HOST_ENTRY, liveHostPids, requireBuild, testPlugin } from './test-support/host-fixtures.js';
import { atomicCopy, okBasicWithId, slowCopy } from './test-support/plugin-files.js';

let folder: string;
let configDir: string;
let service: PluginService | null = null;

beforeAll(requireBuild);

afterEach(async () => {
  await service?.stop();
  service = null;
  rmSync(folder, { recursive: true, force: true });
  rmSync(configDir, { recursive: true, force: true });
  await expectNoHostsLeft();
});

async function start(options: Partial<PluginServiceOptions> = {}): Promise<PluginService> {
  folder = mkdtempSync(path.join(os.tmpdir(), 'quire-plugins-'));
  configDir = mkdtempSync(path.join(os.tmpdir(), 'quire-config-'));
  service = await PluginService.start({
    folders: [{ path: folder, origin: 'command-line' }],
    configDir,
    launcher: childProcessLauncher,
    hostEntry: HOST_ENTRY,
    trustMode: 'all',
    notifyDelayMs: 10,
    ...options,
  });
  return service;
}

const statusOf = (name: string) => service?.statuses().find((s) => path.basename(s.path) === name);

async function waitFor(name: string, predicate: (status: PluginStatus) => boolean, timeout = 10_000): Promise<PluginStatus> {
  await expect.poll(() => {
    const status = statusOf(name);
    return status !== undefined && predicate(status);
  }, { timeout, interval: 25 }).toBe(true);
  return statusOf(name) as PluginStatus;
}

const ready = (name: string) => waitFor(name, (s) => s.state === 'ready');
const commandIds = () => (service?.registry() ?? []).flatMap((d) => d.commands.map((c) => `${d.id}/${c.id}`));

describe('live discovery', () => {
  it('loads a plugin dropped into the folder, reloads it when it changes (even copied slowly), and unloads it when removed', async () => {
    await start();
    copyFileSync(testPlugin('ok-basic'), path.join(folder, 'tool.so'));
    await ready('tool.so');
    expect(commandIds()).toContain('dev.quire.test.ok-basic/noop');

    const states: string[] = [];
    const stopWatching = service?.onChange(() => states.push(statusOf('tool.so')?.state ?? 'gone'));
    await slowCopy(testPlugin('misbehave'), path.join(folder, 'tool.so'), 16, 40);
    await waitFor('tool.so', (s) => s.descriptor?.id === 'dev.quire.test.misbehave' && s.state === 'ready');
    stopWatching?.();
    // A half-written file was never loaded: the plugin never failed on the way.
    expect(states).not.toContain('failed');
    expect(commandIds()).toContain('dev.quire.test.misbehave/segfault');
    expect(commandIds()).not.toContain('dev.quire.test.ok-basic/noop');
    // The old host was stopped: one plugin, plus the warm pool's idle host.
    await expect.poll(() => liveHostPids().length).toBeLessThanOrEqual(2);

    unlinkSync(path.join(folder, 'tool.so'));
    await expect.poll(() => statusOf('tool.so')).toBeUndefined();
    expect(commandIds()).toEqual([]);
  });

  it('lists files that are not plugins as refused, and never loads them', async () => {
    await start();
    copyFileSync(testPlugin('ok-basic'), path.join(folder, 'README.txt'));
    const refused = await waitFor('README.txt', (s) => s.state === 'refused');
    expect(refused.failure?.code).toBe('not-a-plugin-file');
    expect(refused.stats.pid).toBeNull();
  });

  it('loads one file reached through two paths once, and refuses a second file with the same id, naming both', async () => {
    await start();
    atomicCopy(testPlugin('ok-basic'), path.join(folder, 'a.so'));
    await ready('a.so');
    symlinkSync(path.join(folder, 'a.so'), path.join(folder, 'link.so'));
    await expect.poll(() => service?.statuses().find((s) => s.realPath === path.join(folder, 'a.so'))?.state).toBe('ready');
    // Still one plugin (one host), not a duplicate of itself.
    expect(service?.registry()).toHaveLength(1);
    expect(service?.statuses().filter((s) => s.state === 'failed')).toEqual([]);
    atomicCopy(testPlugin('ok-basic'), path.join(folder, 'b.so'));
    const duplicate = await waitFor('b.so', (s) => s.state === 'failed');
    expect(duplicate.failure?.code).toBe('duplicate-id');
    expect(duplicate.failure?.message).toContain(path.join(folder, 'a.so'));
    expect(duplicate.failure?.message).toContain(path.join(folder, 'b.so'));
    // Removing the first (through both its paths) gives the second its turn.
    unlinkSync(path.join(folder, 'link.so'));
    unlinkSync(path.join(folder, 'a.so'));
    await ready('b.so');
  });
});

describe('crashes, hangs and quarantine', () => {
  it('restarts a plugin that crashes, quarantines it after three crashes, and re-enables it on request', async () => {
    await start({ policy: { restartBackoffMs: [50] } });
    copyFileSync(testPlugin('misbehave'), path.join(folder, 'bad.so'));
    await ready('bad.so');
    for (let crash = 1; crash <= 3; crash++) {
      const result = await service?.call({ pluginId: 'dev.quire.test.misbehave', kind: 'command', handler: 'segfault', document: document('x') });
      expect(result).toMatchObject({ ok: false, failure: { code: 'crashed', detail: { signal: 'SIGSEGV' } } });
      if (crash < 3) {
        const restarted = await ready('bad.so');
        // The crash outlives the restart in the plugin's log, so its author can still read why.
        expect(restarted.log.filter((line) => line.source === 'quire' && line.text.includes('SIGSEGV'))).toHaveLength(crash);
      }
    }
    const quarantined = await waitFor('bad.so', (s) => s.state === 'quarantined');
    expect(quarantined.failure?.code).toBe('quarantined');
    expect(quarantined.stats.crashes).toBe(3);
    expect(quarantined.stats.pid).toBeNull();
    expect(await service?.call({ pluginId: 'dev.quire.test.misbehave', kind: 'command', handler: 'stdout-garbage', document: document('x') })).toMatchObject({ ok: false });

    await service?.reload(path.join(folder, 'bad.so'));
    await ready('bad.so');
    expect(await service?.call({ pluginId: 'dev.quire.test.misbehave', kind: 'command', handler: 'stdout-garbage', document: document('x') })).toMatchObject({ ok: true });
  });

  it('kills a hung call at the deadline set in the settings, and the plugin comes back', async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'quire-plugins-'));
    configDir = mkdtempSync(path.join(os.tmpdir(), 'quire-config-'));
    writeFileSync(path.join(configDir, 'settings.json'), JSON.stringify({ pluginDeadlinesMs: { command: 300 } }));
    service = await PluginService.start({
      folders: [{ path: folder, origin: 'command-line' }],
      configDir,
      launcher: childProcessLauncher,
      hostEntry: HOST_ENTRY,
      trustMode: 'all',
      policy: { restartBackoffMs: [50] },
    });
    copyFileSync(testPlugin('misbehave'), path.join(folder, 'bad.so'));
    await ready('bad.so');
    const result = await service?.call({ pluginId: 'dev.quire.test.misbehave', kind: 'command', handler: 'hang', document: document('x') });
    expect(result).toMatchObject({ ok: false, failure: { code: 'call-timeout' } });
    await ready('bad.so');
    expect(await service?.call({ pluginId: 'dev.quire.test.misbehave', kind: 'command', handler: 'stdout-garbage', document: document('x') })).toMatchObject({ ok: true });
  });
});

describe('the call queue', () => {
  it('lets a newer lint of the same document supersede a queued one', async () => {
    await start();
    copyFileSync(testPlugin('misbehave'), path.join(folder, 'bad.so'));
    await ready('bad.so');
    const busy = service?.call({ pluginId: 'dev.quire.test.misbehave', kind: 'command', handler: 'sleep-1s', document: document('x') });
    const lints = [1, 2, 3].map(() => service?.call({ pluginId: 'dev.quire.test.misbehave', kind: 'lint', handler: 'bad-ranges', document: document('some text'), coalesceKey: 'file:///doc.txt' }));
    const [first, second, third] = await Promise.all(lints);
    expect(first).toMatchObject({ ok: false, failure: { code: 'superseded' } });
    expect(second).toMatchObject({ ok: false, failure: { code: 'superseded' } });
    // The newest ran (this linter's answer is deliberately out of range).
    expect(third).toMatchObject({ ok: false, failure: { code: 'bad-result' } });
    expect(await busy).toMatchObject({ ok: true });
  });

  it('answers busy when the queue is full instead of growing', async () => {
    await start({ policy: { queueCapacity: 2 } });
    copyFileSync(testPlugin('misbehave'), path.join(folder, 'bad.so'));
    await ready('bad.so');
    const calls = [0, 1, 2, 3].map(() => service?.call({ pluginId: 'dev.quire.test.misbehave', kind: 'command', handler: 'sleep-1s', document: document('x') }));
    const results = await Promise.all(calls);
    expect(results.map((r) => (r?.ok ? 'ok' : r?.failure.code))).toEqual(['ok', 'ok', 'ok', 'busy']);
  });
});

describe('enable and disable', () => {
  it('stops a disabled plugin, remembers it in the settings, and starts it again when enabled', async () => {
    await start();
    copyFileSync(testPlugin('ok-basic'), path.join(folder, 'tool.so'));
    const loaded = await ready('tool.so');
    const pid = loaded.stats.pid as number;
    writeFileSync(path.join(configDir, 'settings.json'), JSON.stringify({ pluginDeadlinesMs: { lint: 900 } }));
    await service?.setEnabled(path.join(folder, 'tool.so'), false);
    expect(statusOf('tool.so')?.state).toBe('disabled');
    // The user's other settings survive.
    expect(JSON.parse(readFileSync(path.join(configDir, 'settings.json'), 'utf8')).pluginDeadlinesMs).toEqual({ lint: 900 });
    expect(() => process.kill(pid, 0)).toThrow();
    expect(JSON.parse(readFileSync(path.join(configDir, 'settings.json'), 'utf8')).disabledPlugins).toEqual([path.join(folder, 'tool.so')]);
    expect(commandIds()).toEqual([]);

    await service?.setEnabled(path.join(folder, 'tool.so'), true);
    await ready('tool.so');
    expect(JSON.parse(readFileSync(path.join(configDir, 'settings.json'), 'utf8')).disabledPlugins).toEqual([]);
  });

  it('does not start a plugin disabled in the settings', async () => {
    await start();
    await service?.stop();
    const disabledFile = path.join(folder, 'tool.so');
    copyFileSync(testPlugin('ok-basic'), disabledFile);
    writeFileSync(path.join(configDir, 'settings.json'), JSON.stringify({ disabledPlugins: [disabledFile] }));
    service = await PluginService.start({ folders: [{ path: folder, origin: 'command-line' }], configDir, launcher: childProcessLauncher, hostEntry: HOST_ENTRY, trustMode: 'all' });
    await waitFor('tool.so', (s) => s.state === 'disabled');
    expect(statusOf('tool.so')?.stats.pid).toBeNull();
  });
});

describe('many plugins at once', () => {
  it('loads fifty plugins dropped at once while the main thread stays responsive', async () => {
    await start();
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const staging = mkdtempSync(path.join(os.tmpdir(), 'quire-staging-'));
    for (let i = 0; i < 50; i++) okBasicWithId(testPlugin('ok-basic'), path.join(staging, `p${i}.so`), `p${String(i).padStart(4, '0')}`);
    for (let i = 0; i < 50; i++) atomicCopy(path.join(staging, `p${i}.so`), path.join(folder, `p${i}.so`));
    rmSync(staging, { recursive: true, force: true });
    await expect.poll(() => service?.registry().length, { timeout: 60_000, interval: 100 }).toBe(50);
    lag.disable();
    // A blocked main thread would show as a long event-loop stall; loading happens in other processes.
    expect(lag.max / 1e6).toBeLessThan(250);
  }, 90_000);
});
