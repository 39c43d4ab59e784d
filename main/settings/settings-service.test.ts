import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SettingsState } from '../../app/workspace-contract.js';
import { SettingsService } from './settings-service.js';

let configDir: string;
let service: SettingsService | null = null;

beforeEach(() => {
  configDir = mkdtempSync(path.join(os.tmpdir(), 'quire-settings-'));
});

afterEach(() => {
  service?.close();
  service = null;
  rmSync(configDir, { recursive: true, force: true });
});

function start(): { service: SettingsService; heard: SettingsState[] } {
  service = new SettingsService(configDir);
  const heard: SettingsState[] = [];
  service.onChange((state) => heard.push(state));
  return { service, heard };
}

const settingsFile = () => path.join(configDir, 'settings.json');

describe('SettingsService', () => {
  it('starts with the file as it is, mapped to what the renderer acts on', () => {
    writeFileSync(settingsFile(), '{ "editor.fontSize": 20, "files.exclude": { "**/.git": false, "**/dist": true }, "search.exclude": { "**/*.lock": true } }');
    const { service } = start();
    expect(service.state()).toEqual({
      path: settingsFile(),
      values: {
        hotExit: true,
        filesExclude: ['**/node_modules', '**/.DS_Store', '**/.hg', '**/.svn', '**/CVS', '**/Thumbs.db', '**/dist'],
        searchExclude: ['**/*.lock'],
        fontSize: 20,
        tabSize: 4,
        insertSpaces: true,
        wordWrap: 'off',
      },
      problems: [],
    });
    expect(service.excludes()).toContain('**/dist');
    expect(service.excludes()).not.toContain('**/.git');
    expect(service.searchExcludes()).toEqual(['**/*.lock']);
  });

  it('uses the defaults when there is no settings.json, and creates the private config folder to watch', () => {
    rmSync(configDir, { recursive: true });
    const { service } = start();
    expect(service.state().values.fontSize).toBe(14);
    expect(service.state().problems).toEqual([]);
  });

  it('reads the file again when it is replaced by rename, as editors save, and tells subscribers', async () => {
    const { service, heard } = start();
    const temp = path.join(configDir, '.settings.json.tmp');
    await writeFile(temp, '{ "editor.tabSize": 2, "editor.wordWrap": "on" }');
    await rename(temp, settingsFile());
    await expect.poll(() => heard.length, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(heard.at(-1)?.values).toMatchObject({ tabSize: 2, wordWrap: 'on' });
    expect(service.values()['editor.tabSize']).toBe(2);
  });

  it('reports an invalid value with its key, then clears the problem once it is fixed', async () => {
    const { heard } = start();
    await writeFile(settingsFile(), '{ "editor.fontSize": "big" }');
    await expect.poll(() => heard.at(-1)?.problems, { timeout: 5_000 }).toEqual([{ key: 'editor.fontSize', message: 'must be a number from 6 to 100; using 14' }]);
    await writeFile(settingsFile(), '{ "editor.fontSize": 13 }');
    await expect.poll(() => heard.at(-1)?.problems, { timeout: 5_000 }).toEqual([]);
    expect(heard.at(-1)?.values.fontSize).toBe(13);
  });

  it('does not tell subscribers about an event that changed nothing, nor about other files', async () => {
    writeFileSync(settingsFile(), '{ "hotExit": false }');
    const { service, heard } = start();
    await writeFile(path.join(configDir, 'session.json'), '{}');
    await writeFile(settingsFile(), '{ "hotExit": false }');
    await service.reload();
    expect(heard).toEqual([]);
  });

  it('survives a listener that throws and a settings.json that is a folder', async () => {
    const { service, heard } = start();
    service.onChange(() => {
      throw new Error('listener bug');
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await writeFile(settingsFile(), '{ "hotExit": false }');
      await expect.poll(() => heard.at(-1)?.values.hotExit, { timeout: 5_000 }).toBe(false);
      rmSync(settingsFile());
      mkdirSync(settingsFile());
      const state = await service.reload();
      expect(state.values.hotExit).toBe(true);
      expect(state.problems).toEqual([{ key: '', message: expect.stringContaining('settings.json could not be read (EISDIR)') }]);
      expect(logged).toHaveBeenCalledWith('Quire: a settings listener failed', expect.any(Error));
    } finally {
      logged.mockRestore();
    }
  });

  it('stops telling anyone once closed', async () => {
    const { service, heard } = start();
    service.close();
    await writeFile(settingsFile(), '{ "hotExit": false }');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard).toEqual([]);
  });
});
