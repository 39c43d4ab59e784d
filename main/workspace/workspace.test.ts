import { mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkspaceInfo } from '../../app/workspace-contract.js';
import { SettingsService } from '../settings/settings-service.js';
import { folderId, Workspace, type WorkspaceOptions } from './workspace.js';
import { lastWorkspaceFolder } from './workspace-state.js';

const WAIT_LIMIT_MS = 8000;

let base: string;
let config: string;
let projectA: string;
let projectB: string;
const opened: Workspace[] = [];

beforeEach(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'quire-workspace-')));
  config = join(base, 'config');
  projectA = join(base, 'alpha');
  projectB = join(base, 'alpha', 'beta');
  await mkdir(join(projectB, 'src'), { recursive: true });
  await mkdir(join(projectA, 'node_modules', 'dep'), { recursive: true });
  await writeFile(join(projectA, 'app.ts'), '');
  await writeFile(join(projectA, 'node_modules', 'dep', 'app.js'), '');
  await writeFile(join(projectB, 'src', 'main.ts'), '');
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((workspace) => workspace.close()));
  await rm(base, { recursive: true, force: true });
});

function workspaceOn(folder: string | null, options: Partial<WorkspaceOptions> = {}): Workspace {
  const workspace = new Workspace({ configDir: config, folder, confined: false, excludes: () => ['**/node_modules'], ...options });
  opened.push(workspace);
  return workspace;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('Workspace', () => {
  it('describes the open folder by its real path', async () => {
    await symlink(projectA, join(base, 'alpha-link'));
    const workspace = workspaceOn(join(base, 'alpha-link'));
    expect(workspace.folder()).toBe(projectA);
    expect(workspace.info()).toEqual({ folder: projectA, name: 'alpha', confined: false, openableRoot: null });
    expect(workspaceOn(null).info()).toEqual({ folder: null, name: null, confined: false, openableRoot: null });
  });

  it('opens no folder, saying why, when the one given is not a folder', async () => {
    const logged: string[] = [];
    const workspace = workspaceOn(join(projectA, 'app.ts'), { log: (line) => logged.push(line) });
    expect(workspace.folder()).toBeNull();
    expect(logged).toEqual([`Quire: ${join(projectA, 'app.ts')} is not a folder; no folder is open.`]);
  });

  it('opens another folder, telling its subscribers, and refuses what is not a folder', async () => {
    const workspace = workspaceOn(projectA);
    const seen: WorkspaceInfo[] = [];
    workspace.onDidChange((info) => seen.push(info));
    expect(await workspace.open(projectB)).toEqual({ ok: true, value: { folder: projectB, name: 'beta', confined: false, openableRoot: null } });
    expect(seen.map((info) => info.folder)).toEqual([projectB]);
    // Opening the same folder again changes nothing.
    await workspace.open(projectB);
    expect(seen).toHaveLength(1);
    const missing = await workspace.open(join(base, 'nope'));
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(!missing.ok && missing.error.message).toBe(`Cannot open the folder ${join(base, 'nope')}: the folder does not exist. It may have been moved or deleted.`);
    expect(await workspace.open(join(projectA, 'app.ts'))).toMatchObject({ ok: false, error: { code: 'not-a-directory' } });
    expect(workspace.folder()).toBe(projectB);
  });

  it('in the browser edition opens only the served folder or one inside it', async () => {
    const workspace = workspaceOn(projectA, { confined: true });
    expect(workspace.info()).toMatchObject({ confined: true, openableRoot: projectA });
    expect((await workspace.open(projectB)).ok).toBe(true);
    expect(workspace.info()).toEqual({ folder: projectB, name: 'beta', confined: true, openableRoot: projectA });
    // Back to the served folder is allowed; above it is not.
    expect((await workspace.open(projectA)).ok).toBe(true);
    expect(await workspace.open(base)).toMatchObject({ ok: false, error: { code: 'outside-workspace' } });
    // The boundary stays the served folder after moving into a subfolder.
    await workspace.open(projectB);
    expect((await workspace.checkPath(join(projectA, 'app.ts'))).ok).toBe(true);
    expect((await workspace.checkPath('/etc/passwd')).ok).toBe(false);
  });

  it('keeps a session per folder, and <config>/session.json for no folder', async () => {
    await mkdir(config, { recursive: true });
    await writeFile(join(config, 'session.json'), JSON.stringify({ openFiles: ['/old/notes.txt'], activeFile: null }));
    const workspace = workspaceOn(null);
    expect(await workspace.sessionStore().get()).toEqual({ openFiles: ['/old/notes.txt'], activeFile: null });

    await workspace.open(projectA);
    expect(await workspace.sessionStore().get()).toEqual({ openFiles: [], activeFile: null });
    await workspace.sessionStore().set({ openFiles: [join(projectA, 'app.ts')], activeFile: join(projectA, 'app.ts') });
    const file = join(config, 'workspaces', folderId(projectA), 'session.json');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ openFiles: [join(projectA, 'app.ts')], activeFile: join(projectA, 'app.ts') });

    await workspace.open(projectB);
    expect(await workspace.sessionStore().get()).toEqual({ openFiles: [], activeFile: null });
    await workspace.open(projectA);
    expect((await workspace.sessionStore().get()).openFiles).toEqual([join(projectA, 'app.ts')]);
  });

  it('names a backup folder per workspace', async () => {
    expect(folderId(projectA)).toMatch(/^[0-9a-f]{16}$/);
    expect(workspaceOn(projectA).backupFolder()).toBe(join(config, 'Backups', folderId(projectA)));
    expect(workspaceOn(null).backupFolder()).toBe(join(config, 'Backups', 'empty'));
  });

  it('remembers the last folder on the desktop, not in the browser edition, and forgets one that is gone', async () => {
    expect(await lastWorkspaceFolder(config)).toBeNull();
    const desktop = workspaceOn(projectA);
    await until(() => desktop.folder() !== null, 'the folder');
    await expect.poll(() => lastWorkspaceFolder(config)).toBe(projectA);
    await desktop.open(projectB);
    await expect.poll(() => lastWorkspaceFolder(config)).toBe(projectB);
    workspaceOn(projectA, { confined: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await lastWorkspaceFolder(config)).toBe(projectB);
    await rm(projectB, { recursive: true });
    expect(await lastWorkspaceFolder(config)).toBeNull();
  });

  it('finds files by fuzzy name, recent first, with positions in the relative path', async () => {
    await mkdir(join(projectA, 'docs'));
    await writeFile(join(projectA, 'docs', 'wrapper-app.md'), '');
    const workspace = workspaceOn(projectA);
    await workspace.watching();
    const found = workspace.findFiles('app', 10, [join(projectA, 'docs', 'wrapper-app.md'), '/elsewhere/app.ts']);
    expect(found.total).toBe(3);
    expect(found.indexing).toBe(false);
    expect(found.matches.map((match) => match.relativePath)).toEqual(['docs/wrapper-app.md', 'app.ts']);
    expect(found.matches[1]).toEqual({ path: join(projectA, 'app.ts'), relativePath: 'app.ts', score: expect.any(Number), positions: [0, 1, 2] });
    // node_modules is excluded: its app.js is never offered.
    expect(workspace.findFiles('appjs', 10, []).matches).toEqual([]);
    expect(workspaceOn(null).findFiles('app', 10, [])).toEqual({ matches: [], total: 0, indexing: false });
  });

  it('keeps quick open live as files come and go, also while typing on from an earlier query', async () => {
    const workspace = workspaceOn(projectA);
    await workspace.watching();
    const batches: string[][] = [];
    workspace.onFiles((changes) => batches.push(changes.map((change) => `${change.kind} ${change.path}`)));
    expect(workspace.findFiles('ap', 10, []).matches.map((m) => m.relativePath)).toEqual(['app.ts']);
    await writeFile(join(projectA, 'apple.txt'), '');
    await until(() => batches.flat().includes(`added ${join(projectA, 'apple.txt')}`), 'the new file');
    expect(workspace.findFiles('app', 10, []).matches.map((m) => m.relativePath)).toEqual(['app.ts', 'apple.txt']);
    await rm(join(projectA, 'app.ts'));
    await until(() => batches.flat().includes(`removed ${join(projectA, 'app.ts')}`), 'the removal');
    expect(workspace.findFiles('appl', 10, []).matches.map((m) => m.relativePath)).toEqual(['apple.txt']);
  });

  it('lists a folder with files.exclude applied inside the workspace only', async () => {
    const workspace = workspaceOn(projectA);
    const listed = await workspace.list(projectA);
    expect(listed.ok && listed.value.entries.map((entry) => entry.name)).toEqual(['beta', 'app.ts']);
    const inside = await workspace.list(join(projectA, 'node_modules'));
    expect(inside.ok && inside.value.entries.map((entry) => entry.name)).toEqual(['dep']);
    expect(workspace.isExcluded(join(projectA, 'node_modules', 'dep', 'app.js'))).toBe(true);
    expect(workspace.isExcluded(join(projectA, 'app.ts'))).toBe(false);
    expect(workspace.isExcluded('/elsewhere/node_modules')).toBe(false);
  });

  it('follows files.exclude in settings.json: indexes again and tells the Explorer to list again', async () => {
    const settings = new SettingsService(config);
    try {
      const workspace = workspaceOn(projectA, { excludes: () => settings.excludes(), onExcludesChange: (listener) => settings.onChange(listener) });
      await workspace.indexed();
      expect(workspace.excludes()).toContain('**/node_modules');
      expect(workspace.findFiles('appjs', 10, []).matches).toEqual([]);
      const changed: WorkspaceInfo[] = [];
      workspace.onDidChange((info) => changed.push(info));
      await writeFile(join(config, 'settings.json'), JSON.stringify({ 'files.exclude': { '**/node_modules': false, '**/beta': true } }));
      await settings.reload();
      expect(changed).toHaveLength(1);
      expect(workspace.excludes()).not.toContain('**/node_modules');
      await workspace.indexed();
      expect(workspace.findFiles('appjs', 10, []).matches.map((m) => m.relativePath)).toEqual(['node_modules/dep/app.js']);
      expect(workspace.findFiles('main', 10, []).matches).toEqual([]);
      const listed = await workspace.list(projectA);
      expect(listed.ok && listed.value.entries.map((entry) => entry.name)).toEqual(['node_modules', 'app.ts']);
    } finally {
      settings.close();
    }
  });

  it('creates, renames and deletes through the path policy in the browser edition', async () => {
    const workspace = workspaceOn(projectA, { confined: true });
    expect((await workspace.createFile(join(projectA, 'new.txt'))).ok).toBe(true);
    expect((await workspace.rename(join(projectA, 'new.txt'), join(projectA, 'renamed.txt'))).ok).toBe(true);
    expect(await workspace.createFile(join(base, 'escape.txt'))).toMatchObject({ ok: false, error: { code: 'outside-workspace' } });
    expect(await workspace.createFolder(join(projectA, '..', 'escape'))).toMatchObject({ ok: false, error: { code: 'outside-workspace' } });
    expect(await workspace.rename(join(projectA, 'renamed.txt'), join(base, 'moved-out.txt'))).toMatchObject({ ok: false, error: { code: 'outside-workspace' } });
    expect(await workspace.delete(projectA, true)).toMatchObject({ ok: false, error: { code: 'outside-workspace' } });
    expect(await workspace.list(base)).toMatchObject({ ok: false, error: { code: 'outside-workspace' } });
    expect(await workspace.delete(join(projectA, 'renamed.txt'), true)).toEqual({ ok: true, value: { trashed: false } });
  });
});
