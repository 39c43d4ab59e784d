/**
 * settings.json edited while plugins run: the plugin service follows the settings service, so
 * new deadlines and a hand-edited disabled list apply without a restart.
 */
import { copyFileSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SettingsService } from '../settings/settings-service.js';
import { childProcessLauncher } from './host/host-launcher.js';
import { PluginService } from './plugin-service.js';
import { document, expectNoHostsLeft, HOST_ENTRY, requireBuild, testPlugin } from './test-support/host-fixtures.js';

let folder: string;
let configDir: string;
let settings: SettingsService;
let service: PluginService;

beforeAll(requireBuild);

afterEach(async () => {
  await service.stop();
  settings.close();
  rmSync(folder, { recursive: true, force: true });
  rmSync(configDir, { recursive: true, force: true });
  await expectNoHostsLeft();
});

const stateOf = (name: string) => service.statuses().find((status) => path.basename(status.path) === name)?.state;
const writeSettings = (value: object) => writeFileSync(path.join(configDir, 'settings.json'), JSON.stringify(value));

describe('plugin settings changed in settings.json while Quire runs', () => {
  it('applies new deadlines to the next call and stops and starts plugins as the disabled list changes', async () => {
    folder = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'quire-plugins-')));
    configDir = mkdtempSync(path.join(os.tmpdir(), 'quire-config-'));
    settings = new SettingsService(configDir);
    service = await PluginService.start({
      folders: [{ path: folder, origin: 'command-line' }],
      configDir,
      settings,
      launcher: childProcessLauncher,
      hostEntry: HOST_ENTRY,
      trustMode: 'all',
      policy: { restartBackoffMs: [50] },
    });
    const file = path.join(folder, 'bad.so');
    copyFileSync(testPlugin('misbehave'), file);
    await expect.poll(() => stateOf('bad.so'), { timeout: 10_000 }).toBe('ready');

    writeSettings({ pluginDeadlinesMs: { command: 300 } });
    await expect.poll(() => settings.values().pluginDeadlinesMs.command).toBe(300);
    const started = Date.now();
    const hung = await service.call({ pluginId: 'dev.quire.test.misbehave', kind: 'command', handler: 'hang', document: document('x') });
    expect(hung).toMatchObject({ ok: false, failure: { code: 'call-timeout' } });
    // Quire's default command deadline is 5 s: this one was cut at the new 300 ms.
    expect(Date.now() - started).toBeLessThan(3_000);
    await expect.poll(() => stateOf('bad.so'), { timeout: 10_000 }).toBe('ready');

    writeSettings({ pluginDeadlinesMs: { command: 300 }, disabledPlugins: [file] });
    await expect.poll(() => stateOf('bad.so'), { timeout: 10_000 }).toBe('disabled');
    writeSettings({});
    await expect.poll(() => stateOf('bad.so'), { timeout: 10_000 }).toBe('ready');
  });
});
