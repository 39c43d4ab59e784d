/**
 * Safe mode (`--disable-plugins`) with the real supervisor: real plugin files in a watched
 * folder, real host processes counted from /proc. Nothing starts until the user enables a
 * plugin, and then exactly that one starts, for this run only.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PluginStatus } from '../../app/plugin-contract.js';
import { childProcessLauncher } from './host/host-launcher.js';
import { PluginService, type PluginServiceOptions } from './plugin-service.js';
import { expectNoHostsLeft, HOST_ENTRY, liveHostPids, requireBuild, testPlugin } from './test-support/host-fixtures.js';
import { okBasicWithId } from './test-support/plugin-files.js';

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

/** The plugins folder holds a.so and b.so (two ids) before the service starts; `disabled` are in settings.json's list. */
async function start(options: Partial<PluginServiceOptions> = {}, disabled: string[] = []): Promise<PluginService> {
  folder = mkdtempSync(path.join(os.tmpdir(), 'quire-safe-mode-plugins-'));
  configDir = mkdtempSync(path.join(os.tmpdir(), 'quire-safe-mode-config-'));
  okBasicWithId(testPlugin('ok-basic'), path.join(folder, 'a.so'), 'aaaaa');
  okBasicWithId(testPlugin('ok-basic'), path.join(folder, 'b.so'), 'bbbbb');
  if (disabled.length > 0) {
    const paths = disabled.map((name) => path.join(folder, name));
    writeFileSync(path.join(configDir, 'settings.json'), `{ "disabledPlugins": ${JSON.stringify(paths)} }\n`);
  }
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

async function waitFor(name: string, predicate: (status: PluginStatus) => boolean): Promise<PluginStatus> {
  await expect.poll(() => {
    const status = statusOf(name);
    return status !== undefined && predicate(status);
  }, { timeout: 10_000, interval: 25 }).toBe(true);
  return statusOf(name) as PluginStatus;
}

const heldBySafeMode = (status: PluginStatus) => status.state === 'disabled' && status.failure?.code === 'safe-mode';

/** Host processes stay at `count` for a while: none starting late (a warm pool, a reload). */
async function hostsStayAt(count: number): Promise<void> {
  for (let look = 0; look < 10; look++) {
    expect(liveHostPids()).toHaveLength(count);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('safe mode', () => {
  it('lists every plugin file but loads none and starts no host process, not even a warm one', async () => {
    await start({ safeMode: true });
    expect(service?.safeMode()).toBe(true);
    for (const name of ['a.so', 'b.so']) {
      const status = await waitFor(name, heldBySafeMode);
      expect(status).toMatchObject({ enabled: false, descriptor: null, sha256: null, stats: { pid: null } });
      expect(status.failure?.message).toBe(`Not loaded: Quire started in safe mode (--disable-plugins). Enable loads ${name} for this run only.`);
    }
    expect(service?.registry()).toEqual([]);
    await hostsStayAt(0);
  });

  it('holds back a plugin file that appears while it runs, too', async () => {
    await start({ safeMode: true });
    copyFileSync(testPlugin('ok-basic'), path.join(folder, 'late.so'));
    await waitFor('late.so', heldBySafeMode);
    await hostsStayAt(0);
  });

  it('starts exactly the plugin the user enables, for this run: settings.json is not touched', async () => {
    await start({ safeMode: true });
    await waitFor('a.so', heldBySafeMode);
    expect(await service?.setEnabled(path.join(folder, 'a.so'), true)).toBe(true);
    const enabled = await waitFor('a.so', (s) => s.state === 'ready');
    expect(enabled).toMatchObject({ enabled: true, failure: null, descriptor: { id: 'dev.quire.test.ok-aaaaa' } });
    expect(service?.registry().map((d) => d.id)).toEqual(['dev.quire.test.ok-aaaaa']);
    expect(statusOf('b.so')).toSatisfy(heldBySafeMode);
    // One host: the enabled plugin's. Safe mode keeps no warm host even after a plugin started.
    await hostsStayAt(1);
    expect(liveHostPids()).toEqual([enabled.stats.pid]);
    expect(existsSync(path.join(configDir, 'settings.json'))).toBe(false);
  });

  it('enabling a plugin the user had disabled too takes it off settings.json\'s disabled list', async () => {
    await start({ safeMode: true }, ['a.so', 'b.so']);
    await waitFor('b.so', heldBySafeMode);
    await service?.setEnabled(path.join(folder, 'b.so'), true);
    await waitFor('b.so', (s) => s.state === 'ready');
    expect(JSON.parse(readFileSync(path.join(configDir, 'settings.json'), 'utf8'))).toEqual({ disabledPlugins: [path.join(folder, 'a.so')] });
    expect(statusOf('a.so')).toSatisfy(heldBySafeMode);
  });

  it('without safe mode, the same folder loads every plugin (and keeps a warm host)', async () => {
    await start();
    expect(service?.safeMode()).toBe(false);
    await waitFor('a.so', (s) => s.state === 'ready');
    await waitFor('b.so', (s) => s.state === 'ready');
    await expect.poll(() => liveHostPids().length, { timeout: 10_000 }).toBe(3);
  });
});
