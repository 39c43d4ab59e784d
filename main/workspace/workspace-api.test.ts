import { mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppInfo, EventName, ResponseMessage } from '../../app/contract.js';
import { ApiSession, type PlatformHooks } from '../api/api-session.js';
import { SettingsService } from '../settings/settings-service.js';
import { Workspace } from './workspace.js';

let base: string;
let folder: string;
let config: string;
let workspace: Workspace;
let settings: SettingsService;
let session: ApiSession;
let events: { event: EventName; payload: unknown }[];
let revealed: string[];
let nextId = 0;

function appInfo(edition: AppInfo['edition']): AppInfo {
  return {
    edition,
    version: 'test',
    platform: process.platform,
    cwd: folder,
    homeDir: base,
    pathSeparator: '/',
    initialFiles: [join(base, 'named.txt')],
    initialFolder: folder,
    settingsFile: join(config, 'settings.json'),
    nativeDialogs: edition === 'desktop',
  };
}

function start(edition: AppInfo['edition']): void {
  revealed = [];
  const hooks: PlatformHooks = { reveal: (path) => revealed.push(path) };
  workspace = new Workspace({ configDir: config, folder, confined: edition === 'browser', namedFiles: [join(base, 'named.txt')] });
  settings = new SettingsService(config);
  session = new ApiSession({ appInfo: appInfo(edition), configDir: config, hooks, workspace, settings, emit: (event, payload) => events.push({ event, payload }) });
}

beforeEach(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'quire-workspace-api-')));
  folder = join(base, 'proj');
  config = join(base, 'config');
  await mkdir(join(folder, 'src'), { recursive: true });
  await mkdir(config);
  await writeFile(join(folder, 'src', 'app.ts'), 'inside\n');
  await writeFile(join(base, 'named.txt'), 'named\n');
  await writeFile(join(base, 'secret.txt'), 'secret\n');
  await writeFile(join(config, 'settings.json'), '{}\n');
  events = [];
});

afterEach(async () => {
  await session.dispose();
  await workspace.close();
  settings.close();
  await rm(base, { recursive: true, force: true });
});

const request = (method: string, params: unknown): Promise<ResponseMessage> => session.handle({ id: ++nextId, method, params });
const format = { bom: false, eol: 'LF' } as const;

describe('the browser edition over the API', () => {
  beforeEach(() => start('browser'));

  it('refuses /etc/passwd with outside-workspace and a message that says what to do', async () => {
    const answer = await request('file.read', { path: '/etc/passwd' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'outside-workspace' } });
    expect(!answer.ok && answer.error.message).toBe(
      `/etc/passwd is outside the workspace folder ${folder}; the browser edition serves only files inside it (and the files named when it started). Start \`quire serve\` on a folder that holds it.`,
    );
  });

  it('reads inside the folder, the files named on its command line and settings.json', async () => {
    expect(await request('file.read', { path: join(folder, 'src', 'app.ts') })).toMatchObject({ ok: true, value: { text: 'inside\n' } });
    expect(await request('file.read', { path: join(base, 'named.txt') })).toMatchObject({ ok: true, value: { text: 'named\n' } });
    expect(await request('file.read', { path: join(config, 'settings.json') })).toMatchObject({ ok: true });
  });

  it('refuses what leads out: `..`, a link inside pointing out, a write through a dangling link', async () => {
    expect(await request('file.read', { path: `${folder}/src/../../secret.txt` })).toMatchObject({ ok: false, error: { code: 'outside-workspace' } });
    await symlink(join(base, 'secret.txt'), join(folder, 'innocent.txt'));
    expect(await request('file.read', { path: join(folder, 'innocent.txt') })).toMatchObject({ ok: false, error: { code: 'outside-workspace' } });
    await symlink(join(base, 'planted.txt'), join(folder, 'dangling.txt'));
    expect(await request('file.write', { path: join(folder, 'dangling.txt'), text: 'x', format })).toMatchObject({ ok: false, error: { code: 'outside-workspace' } });
    await expect(readFile(join(base, 'planted.txt'))).rejects.toThrow();
  });

  it('refuses to write, list or reveal outside, and leaves outside paths out of a watch', async () => {
    expect(await request('file.write', { path: join(base, 'new.txt'), text: 'x', format })).toMatchObject({ ok: false, error: { code: 'outside-workspace' } });
    await expect(readFile(join(base, 'new.txt'))).rejects.toThrow();
    expect(await request('file.list', { path: base })).toMatchObject({ ok: false, error: { code: 'outside-workspace' } });
    expect(await request('file.list', { path: folder })).toMatchObject({ ok: true });
    expect(await request('app.reveal', { path: '/etc' })).toMatchObject({ ok: false, error: { code: 'outside-workspace' } });
    expect(await request('app.reveal', { path: join(folder, 'src') })).toMatchObject({ ok: true });
    expect(revealed).toEqual([join(folder, 'src')]);
    expect(await request('file.watch', { paths: ['/etc/passwd', join(folder, 'src', 'app.ts')] })).toMatchObject({ ok: true });
  });

  it('answers the workspace requests and refuses their paths outside', async () => {
    expect(await request('workspace.get', {})).toEqual({ id: nextId, ok: true, value: { folder, name: 'proj', confined: true, openableRoot: folder } });
    expect(await request('workspace.list', { path: folder })).toMatchObject({ ok: true, value: { entries: [{ name: 'src', kind: 'directory', symlink: false }] } });
    expect(await request('workspace.list', { path: '/etc' })).toMatchObject({ ok: false, error: { code: 'outside-workspace' } });
    expect(await request('workspace.open', { folder: '/etc' })).toMatchObject({ ok: false, error: { code: 'outside-workspace' } });
    expect(await request('workspace.createFile', { path: '/tmp/quire-should-not-exist.txt' })).toMatchObject({ ok: false, error: { code: 'outside-workspace' } });
    expect(await request('workspace.rename', { from: join(folder, 'src'), to: join(base, 'src') })).toMatchObject({ ok: false, error: { code: 'outside-workspace' } });
    expect(await request('workspace.delete', { path: join(base, 'secret.txt'), permanently: true })).toMatchObject({ ok: false, error: { code: 'outside-workspace' } });
    await workspace.watching();
    expect(await request('workspace.findFiles', { query: 'app', limit: 10, recent: [] })).toMatchObject({
      ok: true,
      value: { matches: [{ path: join(folder, 'src', 'app.ts'), relativePath: 'src/app.ts', positions: [4, 5, 6] }], total: 1, indexing: false },
    });
  });

  it('sends workspace.files and workspace.changed to the connection until it closes', async () => {
    await workspace.watching();
    await request('workspace.createFile', { path: join(folder, 'src', 'made.ts') });
    await expect.poll(() => events.filter((e) => e.event === 'workspace.files').flatMap((e) => (e.payload as { changes: { path: string }[] }).changes.map((c) => c.path)), { timeout: 8000 }).toContain(join(folder, 'src', 'made.ts'));
    expect(await request('workspace.open', { folder: join(folder, 'src') })).toMatchObject({ ok: true });
    expect(events.filter((e) => e.event === 'workspace.changed').map((e) => e.payload)).toEqual([{ folder: join(folder, 'src'), name: 'src', confined: true, openableRoot: folder }]);
    await session.dispose();
    const before = events.length;
    await workspace.open(folder);
    expect(events.length).toBe(before);
  });
});

describe('the desktop app over the API', () => {
  beforeEach(() => start('desktop'));

  it('reaches any path', async () => {
    expect(await request('file.read', { path: join(base, 'secret.txt') })).toMatchObject({ ok: true, value: { text: 'secret\n' } });
    expect(await request('workspace.get', {})).toMatchObject({ ok: true, value: { confined: false, openableRoot: null } });
  });
});
