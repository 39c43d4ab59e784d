import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsStore } from './settings-store.js';

let configDir: string;
const file = () => path.join(configDir, 'settings.json');

beforeEach(() => {
  configDir = mkdtempSync(path.join(os.tmpdir(), 'quire-settings-store-'));
});

afterEach(() => {
  rmSync(configDir, { recursive: true, force: true });
});

describe('SettingsStore (the plugin settings)', () => {
  it('reads each plugin setting on its own: one bad value does not cost the others', async () => {
    writeFileSync(file(), '{ "plugins.memoryLimitMb": "lots", "plugins.trust": "all", // mine\n "pluginDeadlinesMs": { "lint": 900 }, }');
    const store = new SettingsStore(configDir);
    expect(await store.get()).toEqual({
      disabledPlugins: [],
      pluginDeadlinesMs: { lint: 900 },
      'plugins.trust': 'all',
      'plugins.requireSandbox': false,
      'plugins.memoryLimitMb': 1024,
    });
    // Nothing is moved or rewritten by reading.
    expect(readFileSync(file(), 'utf8')).toContain('"lots"');
  });

  it('writes only what changed, keeping the user\'s comments and editor settings', async () => {
    writeFileSync(file(), '{\n  // font for my laptop\n  "editor.fontSize": 17,\n  "plugins.memoryLimitMb": "lots"\n}\n');
    const store = new SettingsStore(configDir);
    await store.set({ ...(await store.get()), disabledPlugins: ['/plugins/a.so'] });
    const text = readFileSync(file(), 'utf8');
    expect(text).toContain('// font for my laptop');
    expect(text).toContain('"editor.fontSize": 17');
    // The invalid value was not touched: it was not what changed.
    expect(text).toContain('"plugins.memoryLimitMb": "lots"');
    expect((await store.get()).disabledPlugins).toEqual(['/plugins/a.so']);
  });

  it('creates settings.json when there is none, privately', async () => {
    rmSync(configDir, { recursive: true });
    const store = new SettingsStore(configDir);
    await store.set({ ...(await store.get()), disabledPlugins: ['/p/x.so'] });
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual({ disabledPlugins: ['/p/x.so'] });
    expect(statSync(configDir).mode & 0o777).toBe(0o700);
  });

  it('refuses to write into a file that is not JSON, saying so, and leaves it untouched', async () => {
    const broken = '{ "editor.fontSize": 17 "hotExit": true }';
    writeFileSync(file(), broken);
    const store = new SettingsStore(configDir);
    await expect(store.set({ ...(await store.get()), disabledPlugins: ['/p/x.so'] })).rejects.toThrow(/is not valid JSON, so Quire cannot record this change/);
    expect(readFileSync(file(), 'utf8')).toBe(broken);
  });
});
