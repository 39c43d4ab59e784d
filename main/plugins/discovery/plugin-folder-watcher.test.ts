import { statSync } from 'node:fs';
import { appendFile, copyFile, mkdir, mkdtemp, open, realpath, rename, rm, symlink, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PluginFolderWatcher, type PluginFileChange } from './plugin-folder-watcher.js';
import type { PluginFolder } from './plugin-folders.js';

const WAIT_LIMIT_MS = 5000;
/** Longer than the watcher's own delays (write settling 150 ms, bursts 50 ms), to catch late extras. */
const QUIET_MS = 400;
const CHUNK = 64 * 1024;
/**
 * Seconds since the epoch a minute ago, as for files that have been there a while (a fresh file
 * is only reported once writing has settled). Never a whole second, which the watcher distrusts.
 */
const A_WHILE_AGO = Math.floor(Date.now() / 1000) - 60 + 0.5;

let root: string;
let folder: string;
/** Where files are made before they are copied, moved or linked into the folder. */
let outside: string;
let watcher: PluginFolderWatcher | null;
let batches: PluginFileChange[][];
let errors: string[];

beforeEach(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'quire-plugin-watch-')));
  folder = join(root, 'plugins');
  outside = join(root, 'outside');
  await mkdir(folder);
  await mkdir(outside);
  batches = [];
  errors = [];
  watcher = null;
});

afterEach(async () => {
  await watcher?.close();
  await rm(root, { recursive: true, force: true });
});

async function watching(
  folders: PluginFolder[] = [{ path: folder, origin: 'user' }],
  options: { writeSettleMs?: number; onBatch?: (batch: PluginFileChange[]) => void } = {},
): Promise<void> {
  const onBatch = options.onBatch ?? (() => undefined);
  watcher = new PluginFolderWatcher(
    folders,
    (batch) => {
      batches.push(batch);
      onBatch(batch);
    },
    { onError: (message) => errors.push(message), ...(options.writeSettleMs ? { writeSettleMs: options.writeSettleMs } : {}) },
  );
  await watcher.start();
}

function changes(): PluginFileChange[] {
  return batches.flat();
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** Polls until at least `count` changes arrived, then waits a quiet spell so any extra shows up too. */
async function changesAfter(count: number): Promise<PluginFileChange[]> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (changes().length < count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} change(s) within ${WAIT_LIMIT_MS} ms, got ${JSON.stringify(changes())}`);
    await sleep(10);
  }
  await sleep(QUIET_MS);
  return changes();
}

/** A file just written outside the folder, to be copied, moved or linked in. */
async function fileOutside(name: string, size = CHUNK): Promise<string> {
  const path = join(outside, name);
  await writeFile(path, Buffer.alloc(size, 1));
  return path;
}

/** A file that has been at `path` a while. */
async function existing(path: string, content = 'plugin'): Promise<string> {
  await writeFile(path, content);
  await utimes(path, A_WHILE_AGO, A_WHILE_AGO);
  return path;
}

function change(kind: PluginFileChange['kind'], path: string, realPath = path, inFolder = folder): PluginFileChange {
  return { kind, path, realPath, folder: inFolder };
}

describe('PluginFolderWatcher', () => {
  it('reports every file already there as added, in one batch before start resolves', async () => {
    await existing(join(folder, 'csv.so'));
    await existing(join(folder, 'readme.txt'), 'not a plugin, but the supervisor lists it as refused');
    await mkdir(join(folder, 'sub-folder'));
    await writeFile(join(folder, 'sub-folder', 'nested.so'), 'too deep');
    await writeFile(join(folder, '.csv.so.swp'), 'editor temporary');
    await writeFile(join(folder, 'json.so.part'), 'download in progress');
    await writeFile(join(folder, 'json.so.crdownload'), 'download in progress');
    await writeFile(join(folder, 'csv.so~'), 'backup');

    await watching();

    expect(batches).toEqual([[change('added', join(folder, 'csv.so')), change('added', join(folder, 'readme.txt'))]]);
    await sleep(QUIET_MS);
    expect(batches).toHaveLength(1);
  });

  it('reports a file copied in while running, and nothing for sub-folders and temporary files', async () => {
    await watching();
    const source = await fileOutside('csv.so');

    await mkdir(join(folder, 'new-sub-folder'));
    await writeFile(join(folder, '.tmp-1234'), 'scratch');
    await copyFile(source, join(folder, 'csv.so'));

    expect(await changesAfter(1)).toEqual([change('added', join(folder, 'csv.so'))]);
    expect(errors).toEqual([]);
  });

  it('reports a slow copy once, after its last chunk, with the whole file there', async () => {
    const seenSizes: number[] = [];
    await watching(undefined, {
      onBatch: (batch) => batch.forEach((c) => c.kind !== 'removed' && seenSizes.push(statSync(c.path).size)),
    });
    const path = join(folder, 'big.so');
    const handle = await open(path, 'w');
    for (let i = 0; i < 16; i++) {
      await handle.write(Buffer.alloc(CHUNK, i));
      if (i < 15) await sleep(60);
    }
    await handle.close();
    const lastChunkAt = Date.now();
    expect(changes()).toEqual([]);

    expect(await changesAfter(1)).toEqual([change('added', path)]);
    expect(seenSizes).toEqual([16 * CHUNK]);
    expect(batches).toHaveLength(1);
    expect(lastChunkAt).toBeLessThanOrEqual(Date.now() - QUIET_MS);
  });

  it.runIf(process.platform === 'linux')('reports a file renamed into place at once, without waiting for writes to settle', async () => {
    // A settling time far longer than the wait below: only the rename rule can report this in time.
    await watching(undefined, { writeSettleMs: 3000 });
    const source = await fileOutside('json.so');

    const movedAt = Date.now();
    await rename(source, join(folder, 'json.so'));

    const deadline = movedAt + 1000;
    while (changes().length === 0 && Date.now() < deadline) await sleep(5);
    expect(changes()).toEqual([change('added', join(folder, 'json.so'))]);
  });

  it('reports a file rewritten in place as changed, once', async () => {
    const path = await existing(join(folder, 'csv.so'), 'version 1');
    await watching();
    batches = [];

    await writeFile(path, 'version 2, longer');
    await appendFile(path, ' and more');

    expect(await changesAfter(1)).toEqual([change('changed', path)]);
  });

  it('reports a file replaced by rename as changed, once', async () => {
    const path = await existing(join(folder, 'csv.so'), 'version 1');
    await watching();
    batches = [];

    await rename(await fileOutside('csv-v2.so'), path);

    expect(await changesAfter(1)).toEqual([change('changed', path)]);
  });

  it('does not report a file whose access time alone changed', async () => {
    const path = await existing(join(folder, 'csv.so'));
    await watching();
    expect(changes()).toEqual([change('added', path)]);
    batches = [];

    await utimes(path, Date.now() / 1000, A_WHILE_AGO);
    await sleep(QUIET_MS);

    expect(changes()).toEqual([]);
  });

  it('reports a removed file with the real path it had', async () => {
    const target = await existing(join(outside, 'csv.so'));
    await symlink(target, join(folder, 'csv.so'));
    await watching();
    batches = [];

    await unlink(join(folder, 'csv.so'));

    expect(await changesAfter(1)).toEqual([change('removed', join(folder, 'csv.so'), target)]);
  });

  it('delivers twenty files copied in at once as one burst, each once', async () => {
    await watching();
    const source = await fileOutside('template.so');
    const names = Array.from({ length: 20 }, (_, i) => `plugin-${String(i).padStart(2, '0')}.so`);

    await Promise.all(names.map((name) => copyFile(source, join(folder, name))));

    const reported = await changesAfter(20);
    expect(reported.map((c) => c.path).sort()).toEqual(names.map((name) => join(folder, name)));
    expect(reported.every((c) => c.kind === 'added')).toBe(true);
    expect(batches.length).toBeLessThanOrEqual(2);
  });

  it('delivers twenty files removed at once as one burst, each once', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `plugin-${String(i).padStart(2, '0')}.so`);
    await Promise.all(names.map((name) => existing(join(folder, name))));
    await watching();
    batches = [];

    await Promise.all(names.map((name) => unlink(join(folder, name))));

    const reported = await changesAfter(20);
    expect(reported.map((c) => c.path).sort()).toEqual(names.map((name) => join(folder, name)));
    expect(reported.every((c) => c.kind === 'removed')).toBe(true);
    expect(batches.length).toBeLessThanOrEqual(2);
  });

  it('resolves symlinks, reporting two links to one file with the same real path', async () => {
    const target = await fileOutside('libshared.so');
    await watching();

    await symlink(target, join(folder, 'first.so'));
    await symlink(target, join(folder, 'second.so'));

    expect(await changesAfter(2)).toEqual([change('added', join(folder, 'first.so'), target), change('added', join(folder, 'second.so'), target)]);
  });

  it('reports a symlink pointed at another file as changed, with the new real path', async () => {
    const first = await existing(join(outside, 'v1.so'));
    const second = await existing(join(outside, 'v2.so'));
    await symlink(first, join(folder, 'csv.so'));
    await watching();
    batches = [];

    // As `ln -sfn` does: a new link under a temporary name, renamed over the old one.
    await symlink(second, join(folder, '.csv.so.new'));
    await rename(join(folder, '.csv.so.new'), join(folder, 'csv.so'));

    expect(await changesAfter(1)).toEqual([change('changed', join(folder, 'csv.so'), second)]);
  });

  it('reports a symlink whose target is rewritten elsewhere as changed', async () => {
    const target = await existing(join(outside, 'libdev.so'));
    await symlink(target, join(folder, 'dev.so'));
    await watching();
    batches = [];

    await appendFile(target, 'rebuilt');

    expect(await changesAfter(1)).toEqual([change('changed', join(folder, 'dev.so'), target)]);
  });

  it('reports a dangling symlink under its own path, and as changed once its target appears', async () => {
    await watching();
    const link = join(folder, 'missing.so');
    const target = join(outside, 'not-built-yet.so');

    await symlink(target, link);
    expect(await changesAfter(1)).toEqual([change('added', link, link)]);

    await writeFile(target, 'built');
    expect(await changesAfter(2)).toEqual([change('added', link, link), change('changed', link, target)]);
  });

  it('starts watching a folder made after start, and reports its files removed when it goes', async () => {
    const late = join(root, 'late-plugins');
    await watching([
      { path: folder, origin: 'bundled' },
      { path: late, origin: 'user' },
    ]);
    expect(batches).toEqual([]);

    await mkdir(late);
    await writeFile(join(late, 'csv.so'), 'plugin');
    expect(await changesAfter(1)).toEqual([change('added', join(late, 'csv.so'), join(late, 'csv.so'), late)]);

    await rm(late, { recursive: true });
    expect((await changesAfter(2))[1]).toEqual(change('removed', join(late, 'csv.so'), join(late, 'csv.so'), late));

    // Made again: a new folder, which must be watched afresh.
    await mkdir(late);
    await writeFile(join(late, 'json.so'), 'plugin');
    expect((await changesAfter(3))[2]).toEqual(change('added', join(late, 'json.so'), join(late, 'json.so'), late));
    expect(changes()).toHaveLength(3);
  });

  it('keeps watching after the supervisor throws on a batch, and says so', async () => {
    await watching(undefined, {
      onBatch: () => {
        throw new Error('supervisor bug');
      },
    });

    await copyFile(await fileOutside('a.so'), join(folder, 'a.so'));
    await changesAfter(1);
    await copyFile(await fileOutside('b.so'), join(folder, 'b.so'));

    expect((await changesAfter(2)).map((c) => c.path)).toEqual([join(folder, 'a.so'), join(folder, 'b.so')]);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain('supervisor bug');
  });
});
