/**
 * The plugin part of the renderer↔main API, through the same ApiSession both transports use,
 * with a real PluginService, real plugin files and real host processes.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../app/contract.js';
import type { PluginStatus } from '../../app/plugin-contract.js';
import { childProcessLauncher } from '../plugins/host/host-launcher.js';
import { PluginService } from '../plugins/plugin-service.js';
import { expectNoHostsLeft, HOST_ENTRY, requireBuild, testPlugin } from '../plugins/test-support/host-fixtures.js';
import { SettingsService } from '../settings/settings-service.js';
import { Workspace } from '../workspace/workspace.js';
import { ApiSession } from './api-session.js';

let folder: string;
let configDir: string;
let plugins: PluginService;
let session: ApiSession;
const events: { event: EventName; payload: unknown }[] = [];
let nextId = 0;

beforeAll(async () => {
  requireBuild();
  folder = mkdtempSync(path.join(os.tmpdir(), 'quire-api-plugins-'));
  configDir = mkdtempSync(path.join(os.tmpdir(), 'quire-api-config-'));
  copyFileSync(testPlugin('ok-basic'), path.join(folder, 'ok-basic.so'));
  plugins = await PluginService.start({ folders: [{ path: folder, origin: 'command-line' }], configDir, launcher: childProcessLauncher, hostEntry: HOST_ENTRY, trustMode: 'all', notifyDelayMs: 10 });
  session = new ApiSession({
    appInfo: { edition: 'browser', version: 'test', platform: process.platform, cwd: folder, homeDir: folder, pathSeparator: '/', initialFiles: [], initialFolder: folder, settingsFile: path.join(configDir, 'settings.json'), nativeDialogs: false },
    configDir,
    hooks: {},
    plugins,
    workspace: new Workspace({ configDir, folder: null, confined: true }),
    settings: new SettingsService(configDir),
    emit: (event, payload) => events.push({ event, payload }),
  });
});

afterAll(async () => {
  await session.dispose();
  await plugins.stop();
  rmSync(folder, { recursive: true, force: true });
  rmSync(configDir, { recursive: true, force: true });
  await expectNoHostsLeft();
});

const request = (method: string, params: unknown) => session.handle({ id: ++nextId, method, params });
const listed = async () => ((await request('plugins.list', {})) as { value: { plugins: PluginStatus[] } }).value.plugins;
const file = () => path.join(folder, 'ok-basic.so');

describe('plugins over the API', () => {
  it('lists the plugin once it is ready and announces changes as plugins.changed', async () => {
    await expect.poll(async () => (await listed())[0]?.state, { timeout: 10_000 }).toBe('ready');
    expect(events.some((e) => e.event === 'plugins.changed')).toBe(true);
    expect((await listed())[0]).toMatchObject({ path: file(), descriptor: { id: 'dev.quire.test.ok-basic' }, enabled: true });
  });

  it('runs a command and returns the plugin\'s answer', async () => {
    const answer = await request('plugins.call', {
      pluginId: 'dev.quire.test.ok-basic',
      kind: 'command',
      handler: 'echo',
      document: { text: 'hello', languageId: 'plaintext', path: '', selections: [{ start: 0, end: 0, active: 0 }] },
      coalesceKey: null,
    });
    expect(answer).toMatchObject({ ok: true, value: { outcome: { ok: true, value: { message: 'hello' } } } });
  });

  it('returns a plugin failure as a value of the request, not as a request error', async () => {
    const answer = await request('plugins.call', {
      pluginId: 'dev.quire.test.no-such-plugin',
      kind: 'command',
      handler: 'echo',
      document: { text: '', languageId: 'plaintext', path: '', selections: [{ start: 0, end: 0, active: 0 }] },
      coalesceKey: null,
    });
    expect(answer).toMatchObject({ ok: true, value: { outcome: { ok: false, failure: { code: 'unavailable' } } } });
  });

  it('disables, enables and reloads by path, and refuses paths it does not know', async () => {
    expect(await request('plugins.setEnabled', { path: file(), enabled: false })).toMatchObject({ ok: true });
    expect((await listed())[0]).toMatchObject({ state: 'disabled', enabled: false });
    expect(await request('plugins.setEnabled', { path: file(), enabled: true })).toMatchObject({ ok: true });
    await expect.poll(async () => (await listed())[0]?.state, { timeout: 10_000 }).toBe('ready');
    expect(await request('plugins.reload', { path: file() })).toMatchObject({ ok: true });
    expect(await request('plugins.reload', { path: path.join(folder, 'nope.so') })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('validates plugin requests like every other request', async () => {
    expect(await request('plugins.call', { pluginId: 'x', kind: 'explode', handler: 'h', document: {}, coalesceKey: null })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });
});
