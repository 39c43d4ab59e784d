/**
 * Search as a window reaches it: through the ApiSession, with the real Workspace and the real
 * settings.json behind `files.exclude` and `search.exclude`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../app/contract.js';
import { ApiSession } from '../api/api-session.js';
import { SettingsService } from '../settings/settings-service.js';
import { Workspace } from '../workspace/workspace.js';
import { query } from './testing/search-client.js';

let folder: string;
let configDir: string;
let settings: SettingsService;
let workspace: Workspace;
let session: ApiSession;
const events: { event: EventName; payload: unknown }[] = [];
let nextId = 0;

function write(relative: string, text: string): void {
  const file = path.join(folder, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

beforeAll(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'quire-search-api-'));
  configDir = mkdtempSync(path.join(os.tmpdir(), 'quire-search-api-config-'));
  write('src/app.ts', 'const needle = 1;\n');
  write('generated/schema.ts', 'export const needle = 2;\n');
  write('.git/config', '[needle]\n');
  writeFileSync(path.join(configDir, 'settings.json'), JSON.stringify({ 'search.exclude': { '**/generated': true } }));
  settings = new SettingsService(configDir);
  workspace = new Workspace({ configDir, folder, confined: true, excludes: () => settings.excludes(), rememberFolder: false, log: () => undefined });
  session = new ApiSession({
    appInfo: { edition: 'browser', version: 'test', platform: process.platform, cwd: folder, homeDir: folder, pathSeparator: '/', initialFiles: [], initialFolder: folder, settingsFile: settings.file, nativeDialogs: false },
    configDir,
    hooks: {},
    workspace,
    settings,
    emit: (event, payload) => events.push({ event, payload: JSON.parse(JSON.stringify(payload)) }),
  });
});

afterAll(async () => {
  await session.dispose();
  await workspace.close();
  settings.close();
  rmSync(folder, { recursive: true, force: true });
  rmSync(configDir, { recursive: true, force: true });
});

/** Runs a search over the API and gathers its results' relative paths once `search.done` arrives. */
async function searchFiles(pattern: string): Promise<string[]> {
  const searchId = ++nextId;
  const response = await session.handle({ id: searchId, method: 'search.start', params: { searchId, query: query(pattern), maxResults: 1000 } });
  expect(response).toMatchObject({ ok: true, value: { engine: 'ripgrep', notice: null } });
  await expect.poll(() => events.some((e) => e.event === 'search.done' && (e.payload as { searchId: number }).searchId === searchId)).toBe(true);
  return events
    .filter((e) => e.event === 'search.results' && (e.payload as { searchId: number }).searchId === searchId)
    .flatMap((e) => (e.payload as EventPayload<'search.results'>).files.map((file) => path.relative(folder, file.path)))
    .sort();
}

describe('search over the API', () => {
  it('leaves out the default files.exclude (.git) and settings.json’s search.exclude, and follows edits to it', async () => {
    expect(await searchFiles('needle')).toEqual(['src/app.ts']);
    writeFileSync(path.join(configDir, 'settings.json'), JSON.stringify({ 'search.exclude': {} }));
    await settings.reload();
    expect(await searchFiles('needle')).toEqual(['generated/schema.ts', 'src/app.ts']);
  });

  it('refuses a search.start whose params break the contract', async () => {
    const response = await session.handle({ id: 99, method: 'search.start', params: { searchId: 1, query: { ...query(''), pattern: '' }, maxResults: 10 } });
    expect(response).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
