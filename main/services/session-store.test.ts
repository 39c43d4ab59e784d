import { mkdtemp, readFile, readdir, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../app/contract.js';
import { SessionStore } from './session-store.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'quire-session-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const session: Session = { openFiles: ['/home/ada/a.txt', '/home/ada/b.md'], activeFile: '/home/ada/b.md' };

describe('SessionStore', () => {
  it('returns what was saved, from a new store on the same folder', async () => {
    await new SessionStore(root).set(session);
    expect(await new SessionStore(root).get()).toEqual(session);
    expect(await readdir(root)).toEqual(['session.json']);
  });

  it('returns an empty session when nothing was saved', async () => {
    expect(await new SessionStore(join(root, 'never-created')).get()).toEqual({ openFiles: [], activeFile: null });
  });

  it('creates a missing config folder, private to the user', async () => {
    const configDir = join(root, 'deep', 'Quire');
    await new SessionStore(configDir).set(session);
    expect((await stat(configDir)).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(join(configDir, 'session.json'), 'utf8'))).toEqual(session);
  });

  it.each([
    ['not JSON', '{"openFiles": ['],
    ['JSON of the wrong shape', '{"openFiles": "a.txt"}'],
  ])('sets a session file that is %s aside and starts empty', async (_what, content) => {
    await writeFile(join(root, 'session.json'), content);
    const store = new SessionStore(root);

    expect(await store.get()).toEqual({ openFiles: [], activeFile: null });

    expect(await readFile(join(root, 'session.json.corrupt'), 'utf8')).toBe(content);
    await store.set(session);
    expect(await store.get()).toEqual(session);
  });

  it('never throws on reading, even when the session file is a folder', async () => {
    await mkdir(join(root, 'session.json'));
    expect(await new SessionStore(root).get()).toEqual({ openFiles: [], activeFile: null });
  });

  it('keeps the last of several saves made at once', async () => {
    const store = new SessionStore(root);
    const saves = Array.from({ length: 10 }, (_, i) => store.set({ openFiles: [`/f${i}`], activeFile: null }));
    await Promise.all(saves);
    expect(await store.get()).toEqual({ openFiles: ['/f9'], activeFile: null });
  });

  it('rejects with a readable message when the session cannot be saved', async () => {
    await mkdir(join(root, 'session.json'));
    await expect(new SessionStore(root).set(session)).rejects.toThrow(/Cannot save .*session\.json: it is a folder/);
  });
});
