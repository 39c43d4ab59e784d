import { unlinkSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watch } from 'chokidar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileTreeChange } from '../../app/workspace-contract.js';
import { excludeMatcher } from './exclude-matcher.js';
import { FileIndex } from './file-index.js';

const WAIT_LIMIT_MS = 8000;

let base: string;
let root: string;
let index: FileIndex | null;
let batches: FileTreeChange[][];
let logged: string[];

beforeEach(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'quire-index-')));
  root = join(base, 'proj');
  await mkdir(join(root, 'src', 'deep', 'er'), { recursive: true });
  await mkdir(join(root, 'node_modules', 'pkg'), { recursive: true });
  await mkdir(join(root, '.git'));
  await mkdir(join(base, 'outside'));
  await writeFile(join(root, 'README.md'), '');
  await writeFile(join(root, 'src', 'app.ts'), '');
  await writeFile(join(root, 'src', 'deep', 'er', 'leaf.ts'), '');
  await writeFile(join(root, 'node_modules', 'pkg', 'index.js'), '');
  await writeFile(join(root, '.git', 'HEAD'), '');
  await writeFile(join(base, 'outside', 'secret.txt'), '');
  batches = [];
  logged = [];
  index = null;
});

afterEach(async () => {
  await index?.close();
  await rm(base, { recursive: true, force: true });
});

function start(excludes = ['**/.git', '**/node_modules'], watchFn?: typeof watch): FileIndex {
  index = new FileIndex({
    folder: root,
    excluded: excludeMatcher(excludes),
    onChanges: (changes) => batches.push(changes),
    log: (line) => logged.push(line),
    ...(watchFn ? { watch: watchFn } : {}),
  });
  return index;
}

const files = (fileIndex: FileIndex) => fileIndex.candidates().map((candidate) => candidate.path).sort();
const changes = () => batches.flat();

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; changes so far: ${JSON.stringify(batches)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('FileIndex', () => {
  it('crawls every file, skipping excluded folders, and says when it is done', async () => {
    const fileIndex = start();
    expect(fileIndex.indexing).toBe(true);
    await fileIndex.ready();
    await fileIndex.live();
    expect(fileIndex.indexing).toBe(false);
    expect(files(fileIndex)).toEqual(['README.md', 'src/app.ts', 'src/deep/er/leaf.ts']);
  });

  it('applies other excludes, and none at all', async () => {
    const fileIndex = start(['src/deep', '*.md']);
    await fileIndex.ready();
    expect(files(fileIndex)).toEqual(['.git/HEAD', 'node_modules/pkg/index.js', 'src/app.ts']);
  });

  it('keeps a linked file that stays inside, and neither enters linked folders nor keeps links leading out', async () => {
    await symlink(join(root, 'src', 'app.ts'), join(root, 'alias.ts'));
    await symlink(join(base, 'outside', 'secret.txt'), join(root, 'secret-link.txt'));
    await symlink(join(base, 'outside'), join(root, 'outside-dir'));
    await symlink(join(root, 'src'), join(root, 'src-again'));
    const fileIndex = start();
    await fileIndex.ready();
    expect(files(fileIndex)).toEqual(['README.md', 'alias.ts', 'src/app.ts', 'src/deep/er/leaf.ts']);
  });

  it('follows files appearing, changing, being renamed and vanishing, in batches', async () => {
    const fileIndex = start();
    await fileIndex.live();
    const added = join(root, 'src', 'new.ts');
    await writeFile(added, 'x');
    await until(() => fileIndex.has('src/new.ts') && changes().some((c) => c.path === added), 'the added file');
    expect(changes()).toContainEqual({ path: added, kind: 'added', isDirectory: false });

    await writeFile(join(root, 'src', 'app.ts'), 'written by someone');
    await until(() => changes().some((c) => c.path === join(root, 'src', 'app.ts') && c.kind === 'changed'), 'the change');

    const renamed = join(root, 'src', 'renamed.ts');
    await rename(added, renamed);
    await until(() => fileIndex.has('src/renamed.ts') && !fileIndex.has('src/new.ts'), 'the rename');
    await until(() => changes().some((c) => c.path === added && c.kind === 'removed'), 'the removal of the old name');

    await unlink(renamed);
    await until(() => !fileIndex.has('src/renamed.ts'), 'the deletion');
    await until(() => changes().some((c) => c.path === renamed && c.kind === 'removed'), 'the removal event');
  });

  it('reports new and removed folders, dropping the files inside from the index', async () => {
    const fileIndex = start();
    await fileIndex.live();
    await mkdir(join(root, 'lib', 'sub'), { recursive: true });
    await writeFile(join(root, 'lib', 'sub', 'one.ts'), '');
    await until(() => fileIndex.has('lib/sub/one.ts'), 'the file in the new folder');
    await until(() => changes().some((c) => c.path === join(root, 'lib') && c.kind === 'added' && c.isDirectory), 'the new folder');

    await rm(join(root, 'lib'), { recursive: true });
    await until(() => !fileIndex.has('lib/sub/one.ts'), 'the removal of the folder');
    await until(() => changes().some((c) => c.path === join(root, 'lib') && c.kind === 'removed' && c.isDirectory), 'the folder event');
  });

  it('indexes a whole tree moved in from outside, and forgets it when moved out', async () => {
    await mkdir(join(base, 'incoming', 'a', 'b'), { recursive: true });
    await writeFile(join(base, 'incoming', 'top.ts'), '');
    await writeFile(join(base, 'incoming', 'a', 'b', 'deep.ts'), '');
    const fileIndex = start();
    await fileIndex.live();
    await rename(join(base, 'incoming'), join(root, 'incoming'));
    await until(() => fileIndex.has('incoming/top.ts') && fileIndex.has('incoming/a/b/deep.ts'), 'the moved-in files');
    await rename(join(root, 'incoming'), join(base, 'gone'));
    await until(() => !fileIndex.has('incoming/top.ts') && !fileIndex.has('incoming/a/b/deep.ts'), 'the moved-out files');
  });

  it('catches files that came or went between the crawl and the watch starting', async () => {
    const late = ((path: Parameters<typeof watch>[0], options: Parameters<typeof watch>[1]) => {
      // The crawl is done when the watcher starts: change the folder just before.
      writeFileSync(join(root, 'src', 'late.ts'), '');
      unlinkSync(join(root, 'README.md'));
      return watch(path, options);
    }) as typeof watch;
    const fileIndex = start(undefined, late);
    await fileIndex.ready();
    expect(fileIndex.has('README.md')).toBe(true);
    await fileIndex.live();
    await until(() => fileIndex.has('src/late.ts') && !fileIndex.has('README.md'), 'the late changes');
    await until(() => changes().length >= 2, 'their events');
    expect(changes()).toEqual(
      expect.arrayContaining([
        { path: join(root, 'src', 'late.ts'), kind: 'added', isDirectory: false },
        { path: join(root, 'README.md'), kind: 'removed', isDirectory: false },
      ]),
    );
  });

  it('says nothing about excluded folders', async () => {
    const fileIndex = start();
    await fileIndex.live();
    await writeFile(join(root, 'node_modules', 'pkg', 'more.js'), '');
    await writeFile(join(root, '.git', 'index'), '');
    await writeFile(join(root, 'visible.txt'), '');
    await until(() => fileIndex.has('visible.txt'), 'the visible file');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(changes().map((c) => c.path)).toEqual([join(root, 'visible.txt')]);
    expect(fileIndex.has('node_modules/pkg/more.js')).toBe(false);
  });

  it('gathers a burst of changes into few batches', async () => {
    const fileIndex = start();
    await fileIndex.live();
    for (let i = 0; i < 50; i++) await writeFile(join(root, `burst-${i}.txt`), '');
    await until(() => fileIndex.size === 53, 'all 50 files');
    await until(() => changes().length >= 50, 'all 50 changes');
    expect(batches.length).toBeLessThan(15);
  });

  it('keeps working without live updates when the system refuses more watches, and says so once', async () => {
    const failing = ((path: Parameters<typeof watch>[0], options: Parameters<typeof watch>[1]) => {
      const watcher = watch(path, options);
      // What chokidar emits while setting up when inotify's limit is reached.
      queueMicrotask(() => watcher.emit('error', Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), { code: 'ENOSPC' })));
      return watcher;
    }) as typeof watch;
    const fileIndex = start(undefined, failing);
    await fileIndex.live();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('live updates');
    expect(logged[0]).toContain('fs.inotify.max_user_watches');
    expect(files(fileIndex)).toEqual(['README.md', 'src/app.ts', 'src/deep/er/leaf.ts']);
    await writeFile(join(root, 'after.txt'), '');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(fileIndex.has('after.txt')).toBe(false);
  });

  it('reports nothing once closed', async () => {
    const fileIndex = start();
    await fileIndex.live();
    await fileIndex.close();
    await writeFile(join(root, 'late.txt'), '');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(batches).toEqual([]);
  });
});
