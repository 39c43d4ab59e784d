import { lstat, mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFile, createFolder, deleteEntry, listFolder, renameEntry } from './workspace-files.js';

let root: string;
let dataHome: string;
let savedDataHome: string | undefined;

beforeEach(async () => {
  const base = await realpath(await mkdtemp(join(tmpdir(), 'quire-files-')));
  root = join(base, 'proj');
  dataHome = join(base, 'data');
  await mkdir(root);
  savedDataHome = process.env.XDG_DATA_HOME;
  // The trash goes to a temporary XDG_DATA_HOME on the same file system, never the user's.
  process.env.XDG_DATA_HOME = dataHome;
});

afterEach(async () => {
  if (savedDataHome === undefined) delete process.env.XDG_DATA_HOME;
  else process.env.XDG_DATA_HOME = savedDataHome;
  await rm(join(root, '..'), { recursive: true, force: true });
});

function errorOf<T>(outcome: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }) {
  if (outcome.ok) throw new Error(`expected an error, got ${JSON.stringify(outcome.value)}`);
  return outcome.error;
}

const exists = (path: string) => lstat(path).then(() => true, () => false);

describe('listFolder', () => {
  it('lists folders first, then files, in natural order ignoring case, with links marked', async () => {
    for (const name of ['file10.txt', 'File2.txt', 'file1.txt', 'b.md', 'A.md']) await writeFile(join(root, name), '');
    for (const name of ['src', 'Docs', 'dir10', 'dir9']) await mkdir(join(root, name));
    await symlink(join(root, 'src'), join(root, 'src-link'));
    await symlink(join(root, 'missing'), join(root, 'broken-link'));
    const listed = await listFolder(root, () => false);
    expect(listed.ok && listed.value.entries).toEqual([
      { name: 'dir9', kind: 'directory', symlink: false },
      { name: 'dir10', kind: 'directory', symlink: false },
      { name: 'Docs', kind: 'directory', symlink: false },
      { name: 'src', kind: 'directory', symlink: false },
      { name: 'src-link', kind: 'directory', symlink: true },
      { name: 'A.md', kind: 'file', symlink: false },
      { name: 'b.md', kind: 'file', symlink: false },
      { name: 'broken-link', kind: 'other', symlink: true },
      { name: 'file1.txt', kind: 'file', symlink: false },
      { name: 'File2.txt', kind: 'file', symlink: false },
      { name: 'file10.txt', kind: 'file', symlink: false },
    ]);
  });

  it('leaves out hidden names and cuts long folders, saying so', async () => {
    for (let i = 0; i < 12; i++) await writeFile(join(root, `f${i}.txt`), '');
    await mkdir(join(root, '.git'));
    const listed = await listFolder(root, (name) => name === '.git', 5);
    expect(listed.ok && listed.value.truncated).toBe(true);
    expect(listed.ok && listed.value.entries.map((e) => e.name)).toEqual(['f0.txt', 'f1.txt', 'f2.txt', 'f3.txt', 'f4.txt']);
    const all = await listFolder(root, () => false, 13);
    expect(all.ok && all.value).toMatchObject({ truncated: false });
  });

  it('says what is wrong with a folder it cannot list', async () => {
    expect(errorOf(await listFolder(join(root, 'nope'), () => false)).code).toBe('not-found');
    await writeFile(join(root, 'file.txt'), '');
    expect(errorOf(await listFolder(join(root, 'file.txt'), () => false)).code).toBe('not-a-directory');
  });
});

describe('create', () => {
  it('creates an empty file, with missing folders above it', async () => {
    expect(await createFile(join(root, 'a', 'b', 'new.txt'))).toEqual({ ok: true, value: {} });
    expect(await readFile(join(root, 'a', 'b', 'new.txt'), 'utf8')).toBe('');
  });

  it('refuses to replace an existing file or folder', async () => {
    await writeFile(join(root, 'taken.txt'), 'keep me');
    const error = errorOf(await createFile(join(root, 'taken.txt')));
    expect(error.code).toBe('already-exists');
    expect(error.message).toBe(`Cannot create ${join(root, 'taken.txt')}: a file or folder with that name already exists. Choose another name.`);
    expect(await readFile(join(root, 'taken.txt'), 'utf8')).toBe('keep me');
    await mkdir(join(root, 'dir'));
    expect(errorOf(await createFile(join(root, 'dir'))).code).toBe('already-exists');
    expect(errorOf(await createFolder(join(root, 'dir'))).code).toBe('already-exists');
    expect(errorOf(await createFolder(join(root, 'taken.txt'))).code).toBe('already-exists');
  });

  it('creates folders, and says when part of the path is a file', async () => {
    expect((await createFolder(join(root, 'x', 'y'))).ok).toBe(true);
    expect((await lstat(join(root, 'x', 'y'))).isDirectory()).toBe(true);
    await writeFile(join(root, 'plain'), '');
    expect(errorOf(await createFile(join(root, 'plain', 'inside.txt'))).code).toBe('not-a-directory');
    expect(errorOf(await createFolder(join(root, 'plain', 'sub'))).code).toBe('not-a-directory');
  });
});

describe('renameEntry', () => {
  it('renames and moves files and folders', async () => {
    await writeFile(join(root, 'a.txt'), 'a');
    await mkdir(join(root, 'dir'));
    expect((await renameEntry(join(root, 'a.txt'), join(root, 'dir', 'b.txt'))).ok).toBe(true);
    expect(await readFile(join(root, 'dir', 'b.txt'), 'utf8')).toBe('a');
    expect((await renameEntry(join(root, 'dir'), join(root, 'folder'))).ok).toBe(true);
    expect(await exists(join(root, 'folder', 'b.txt'))).toBe(true);
  });

  it('never replaces what is at the new name', async () => {
    await writeFile(join(root, 'a.txt'), 'a');
    await writeFile(join(root, 'b.txt'), 'b');
    const error = errorOf(await renameEntry(join(root, 'a.txt'), join(root, 'b.txt')));
    expect(error.code).toBe('already-exists');
    expect(error.message).toContain('does not replace it');
    expect(await readFile(join(root, 'b.txt'), 'utf8')).toBe('b');
    await mkdir(join(root, 'd1'));
    await mkdir(join(root, 'd2'));
    expect(errorOf(await renameEntry(join(root, 'd1'), join(root, 'd2'))).code).toBe('already-exists');
  });

  it('changes only the case of a name', async () => {
    await writeFile(join(root, 'readme.md'), 'r');
    expect((await renameEntry(join(root, 'readme.md'), join(root, 'README.md'))).ok).toBe(true);
    expect(await readdir(root)).toEqual(['README.md']);
  });

  it('refuses to move a folder into itself, and names a missing source', async () => {
    await mkdir(join(root, 'dir'));
    expect(errorOf(await renameEntry(join(root, 'dir'), join(root, 'dir', 'sub'))).message).toContain('cannot be moved into itself');
    expect(errorOf(await renameEntry(join(root, 'gone.txt'), join(root, 'x.txt'))).code).toBe('not-found');
  });
});

describe('deleteEntry', () => {
  it('moves a file to the trash with a record a file manager can restore from', async () => {
    const path = join(root, 'my notes 100%.txt');
    await writeFile(path, 'notes');
    expect(await deleteEntry(path, false)).toEqual({ ok: true, value: { trashed: true } });
    expect(await exists(path)).toBe(false);
    const trash = join(dataHome, 'Trash');
    expect(await readFile(join(trash, 'files', 'my notes 100%.txt'), 'utf8')).toBe('notes');
    const info = await readFile(join(trash, 'info', 'my notes 100%.txt.trashinfo'), 'utf8');
    expect(info).toMatch(/^\[Trash Info\]\nPath=.*\nDeletionDate=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\n$/);
    expect(decodeURIComponent(/Path=(.*)/.exec(info)?.[1] ?? '')).toBe(path);
    expect(info).toContain('my%20notes%20100%25.txt');
  });

  it('gives a second item of the same name a new name in the trash, and trashes folders whole', async () => {
    await mkdir(join(root, 'dir', 'sub'), { recursive: true });
    await writeFile(join(root, 'dir', 'sub', 'x.txt'), '1');
    await writeFile(join(root, 'x.txt'), '2');
    await deleteEntry(join(root, 'dir', 'sub', 'x.txt'), false);
    await deleteEntry(join(root, 'x.txt'), false);
    await deleteEntry(join(root, 'dir'), false);
    expect((await readdir(join(dataHome, 'Trash', 'files'))).sort()).toEqual(['dir', 'x.2.txt', 'x.txt']);
    expect((await readdir(join(dataHome, 'Trash', 'info'))).sort()).toEqual(['dir.trashinfo', 'x.2.txt.trashinfo', 'x.txt.trashinfo']);
  });

  it('trashes a link, not what it points to', async () => {
    await writeFile(join(root, 'target.txt'), 't');
    await symlink(join(root, 'target.txt'), join(root, 'link.txt'));
    expect((await deleteEntry(join(root, 'link.txt'), false)).ok).toBe(true);
    expect(await readFile(join(root, 'target.txt'), 'utf8')).toBe('t');
    expect((await lstat(join(dataHome, 'Trash', 'files', 'link.txt'))).isSymbolicLink()).toBe(true);
  });

  it('says the trash is unavailable (unsupported) when it cannot be made, and leaves the file', async () => {
    await writeFile(join(root, 'keep.txt'), 'k');
    // A file where the trash folder should be: no trash can be created there.
    await mkdir(dataHome);
    await writeFile(join(dataHome, 'Trash'), 'not a folder');
    const error = errorOf(await deleteEntry(join(root, 'keep.txt'), false));
    expect(error.code).toBe('unsupported');
    expect(error.message).toContain('Cannot move');
    expect(error.message).toContain('deleted permanently instead');
    expect(await readFile(join(root, 'keep.txt'), 'utf8')).toBe('k');
  });

  it('deletes permanently when asked, folders with their contents', async () => {
    await mkdir(join(root, 'dir', 'sub'), { recursive: true });
    await writeFile(join(root, 'dir', 'sub', 'x.txt'), '');
    expect(await deleteEntry(join(root, 'dir'), true)).toEqual({ ok: true, value: { trashed: false } });
    expect(await exists(join(root, 'dir'))).toBe(false);
    expect(await exists(join(dataHome, 'Trash'))).toBe(false);
    expect(errorOf(await deleteEntry(join(root, 'dir'), true)).code).toBe('not-found');
    expect(errorOf(await deleteEntry(join(root, 'dir'), false)).code).toBe('not-found');
  });
});
