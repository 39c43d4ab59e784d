import { appendFile, mkdir, mkdtemp, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeTextFile } from './file-service.js';
import { OpenFileWatcher, type FileChange } from './open-file-watcher.js';

const WAIT_LIMIT_MS = 5000;
/** Longer than the watcher's own delays (write stability 100 ms, settling 50 ms, atomic unlink 100 ms). */
const QUIET_MS = 600;

let root: string;
let changes: FileChange[];
let watcher: OpenFileWatcher;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'quire-watcher-'));
  changes = [];
  watcher = new OpenFileWatcher((change) => changes.push(change));
});

afterEach(async () => {
  await watcher.close();
  await rm(root, { recursive: true, force: true });
});

async function fileWith(name: string, content: string): Promise<string> {
  const path = join(root, name);
  await writeFile(path, content);
  return path;
}

async function watching(...paths: string[]): Promise<void> {
  watcher.setPaths(paths);
  await watcher.ready();
}

/** Polls until `count` changes arrived, failing after a bounded wait. */
async function changesAfter(count: number): Promise<FileChange[]> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (changes.length < count) {
    if (Date.now() > deadline) {
      throw new Error(`expected ${count} change(s) within ${WAIT_LIMIT_MS} ms, got ${JSON.stringify(changes)}`);
    }
    await sleep(20);
  }
  // Anything reported beyond what was expected shows up as a mismatch in the caller's assertion.
  await sleep(QUIET_MS);
  return changes;
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

describe('OpenFileWatcher', () => {
  it('reports a file modified in place by another program', async () => {
    const path = await fileWith('a.txt', 'one\n');
    await watching(path);

    await appendFile(path, 'two\n');

    expect(await changesAfter(1)).toEqual([{ path, kind: 'changed' }]);
  });

  it('reports a file replaced by rename, as editors that save atomically do', async () => {
    const path = await fileWith('a.txt', 'one\n');
    await watching(path);

    const temp = await fileWith('.a.txt.swx-other-editor', 'replaced\n');
    await rename(temp, path);

    expect(await changesAfter(1)).toEqual([{ path, kind: 'changed' }]);
  });

  it('reports a deleted file, and the file coming back', async () => {
    const path = await fileWith('a.txt', 'one\n');
    await watching(path);

    await unlink(path);
    expect(await changesAfter(1)).toEqual([{ path, kind: 'deleted' }]);

    await writeFile(path, 'back again\n');
    expect(await changesAfter(2)).toEqual([
      { path, kind: 'deleted' },
      { path, kind: 'changed' },
    ]);
  });

  it('does not report our own save, but still reports the next change by someone else', async () => {
    const path = await fileWith('a.txt', 'one\n');
    await watching(path);

    const saved = await writeTextFile(path, 'saved by Quire\n', { bom: false, eol: 'LF' });
    if (!saved.ok) throw new Error(saved.error.message);
    watcher.noteWritten(path, saved.value);
    await sleep(QUIET_MS);
    expect(changes).toEqual([]);

    await appendFile(path, 'added by someone else\n');
    expect(await changesAfter(1)).toEqual([{ path, kind: 'changed' }]);
  });

  it('does not report a change the editor has already read', async () => {
    const path = await fileWith('a.txt', 'one\n');
    await watching(path);

    // The editor reloads the file before the watcher has got round to the change.
    await appendFile(path, 'two\n');
    const info = await stat(path);
    watcher.noteRead(path, { mtimeMs: info.mtimeMs, size: info.size });
    await sleep(QUIET_MS);
    expect(changes).toEqual([]);

    await appendFile(path, 'three\n');
    expect(await changesAfter(1)).toEqual([{ path, kind: 'changed' }]);
  });

  it('reports only paths in the set', async () => {
    const watched = await fileWith('watched.txt', 'one\n');
    const unwatched = await fileWith('unwatched.txt', 'one\n');
    await watching(watched);

    await appendFile(unwatched, 'two\n');
    await unlink(unwatched);
    await appendFile(watched, 'two\n');

    expect(await changesAfter(1)).toEqual([{ path: watched, kind: 'changed' }]);
  });

  it('follows the set as it is replaced, across folders', async () => {
    await mkdir(join(root, 'sub'));
    const first = await fileWith('first.txt', '1');
    const second = await fileWith('sub/second.txt', '2');
    await watching(first);
    await watching(second);

    await appendFile(first, 'ignored now');
    await appendFile(second, 'reported');

    expect(await changesAfter(1)).toEqual([{ path: second, kind: 'changed' }]);
  });

  it('reports many quick writes to one file once they settle, not once per write', async () => {
    const path = await fileWith('a.txt', '');
    await watching(path);

    for (let i = 0; i < 20; i++) await appendFile(path, `line ${i}\n`);

    expect(await changesAfter(1)).toEqual([{ path, kind: 'changed' }]);
  });

  it('reports nothing after it is closed', async () => {
    const path = await fileWith('a.txt', 'one\n');
    await watching(path);
    await watcher.close();

    await appendFile(path, 'two\n');
    await sleep(QUIET_MS);

    expect(changes).toEqual([]);
  });
});
