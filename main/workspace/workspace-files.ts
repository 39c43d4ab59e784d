/**
 * What the Explorer does to files: list one folder, create, rename and delete. Every failure
 * comes back as a value with a code and a sentence; nothing here throws for a file system
 * problem. Paths arrive absolute and already allowed by the path policy.
 */
import type { Dirent, Stats } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MAX_DIR_ENTRIES, type Outcome, type QuireError } from '../../app/contract.js';
import type { TreeEntry } from '../../app/workspace-contract.js';
import { listError } from '../services/file-messages.js';
import { errnoOf, errorCodeOf } from '../services/fs-errors.js';
import { isInside } from './path-policy.js';
import { moveToTrash } from './trash.js';
import { createError, deleteError, renameError, trashUnavailable } from './workspace-messages.js';

export type FolderListing = { path: string; entries: TreeEntry[]; truncated: boolean };

const naturalOrder = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * One folder's entries: folders first, then files, each in natural order ignoring case
 * (`file2` before `file10`). `hidden` says which names `files.exclude` leaves out.
 */
export async function listFolder(
  path: string,
  hidden: (name: string) => boolean,
  maxEntries = MAX_DIR_ENTRIES,
): Promise<Outcome<FolderListing>> {
  let dirents: Dirent[];
  try {
    dirents = await readdir(path, { withFileTypes: true });
  } catch (err) {
    return failure(listError(path, errorCodeOf(err), err));
  }
  const shown = dirents.filter((dirent) => !hidden(dirent.name));
  const entries = await Promise.all(shown.map((dirent) => entryOf(path, dirent)));
  entries.sort(compareEntries);
  return { ok: true, value: { path, entries: entries.slice(0, maxEntries), truncated: entries.length > maxEntries } };
}

async function entryOf(folder: string, dirent: Dirent): Promise<TreeEntry> {
  if (dirent.isDirectory()) return { name: dirent.name, kind: 'directory', symlink: false };
  if (dirent.isFile()) return { name: dirent.name, kind: 'file', symlink: false };
  if (!dirent.isSymbolicLink()) return { name: dirent.name, kind: 'other', symlink: false };
  try {
    const info = await stat(join(folder, dirent.name));
    return { name: dirent.name, kind: info.isDirectory() ? 'directory' : info.isFile() ? 'file' : 'other', symlink: true };
  } catch {
    // A dangling link: shown, so it can be deleted, but nothing to open.
    return { name: dirent.name, kind: 'other', symlink: true };
  }
}

function compareEntries(a: TreeEntry, b: TreeEntry): number {
  const aIsFolder = a.kind === 'directory';
  if (aIsFolder !== (b.kind === 'directory')) return aIsFolder ? -1 : 1;
  const byName = naturalOrder.compare(a.name, b.name);
  if (byName !== 0) return byName;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Creates an empty file, and the folders above it that are missing (`New File` accepts `a/b.txt`). */
export async function createFile(path: string): Promise<Outcome<Record<string, never>>> {
  const made = await makeParents(path);
  if (!made.ok) return made;
  try {
    const handle = await open(path, 'wx', 0o666);
    await handle.close();
    return { ok: true, value: {} };
  } catch (err) {
    return failure(createError(path, creationCode(err), err));
  }
}

/** Creates a folder, and the folders above it that are missing. */
export async function createFolder(path: string): Promise<Outcome<Record<string, never>>> {
  if (await exists(path)) return failure(createError(path, 'already-exists'));
  const made = await makeParents(path);
  if (!made.ok) return made;
  try {
    await mkdir(path);
    return { ok: true, value: {} };
  } catch (err) {
    return failure(createError(path, creationCode(err), err));
  }
}

async function makeParents(path: string): Promise<Outcome<Record<string, never>>> {
  try {
    await mkdir(dirname(path), { recursive: true });
    return { ok: true, value: {} };
  } catch (err) {
    // mkdir answers EEXIST when the would-be folder is a file.
    const code = errnoOf(err) === 'EEXIST' ? 'not-a-directory' : errorCodeOf(err);
    return failure(createError(path, code, err));
  }
}

/**
 * Renames or moves `from` to `to`, never replacing what is at `to`. Changing only the case of
 * a name works too, also where the file system ignores case (there `to` "exists" as `from`).
 */
export async function renameEntry(from: string, to: string): Promise<Outcome<Record<string, never>>> {
  if (from === to) return { ok: true, value: {} };
  if (isInside(to, from)) return failure(renameError(from, to, 'bad-request'));
  let source: Stats;
  try {
    source = await lstat(from);
  } catch (err) {
    return failure(renameError(from, to, errorCodeOf(err), err));
  }
  const target = await lstat(to).catch(() => null);
  const sameEntry = target !== null && target.ino === source.ino && target.dev === source.dev;
  if (target !== null && !(sameEntry && from.toLowerCase() === to.toLowerCase())) {
    return failure(renameError(from, to, 'already-exists'));
  }
  try {
    await rename(from, to);
    return { ok: true, value: {} };
  } catch (err) {
    const code = errnoOf(err) === 'ENOTEMPTY' || errnoOf(err) === 'EEXIST' ? 'already-exists' : errorCodeOf(err);
    return failure(renameError(from, to, code, err));
  }
}

/**
 * Moves `path` to the trash, or with `permanently` deletes it (folders with everything in
 * them). A trash that cannot take it is `unsupported`, so the renderer can offer the latter.
 */
export async function deleteEntry(path: string, permanently: boolean): Promise<Outcome<{ trashed: boolean }>> {
  if (permanently) {
    try {
      await lstat(path);
      await rm(path, { recursive: true, force: false });
      return { ok: true, value: { trashed: false } };
    } catch (err) {
      return failure(deleteError(path, errorCodeOf(err), err));
    }
  }
  const trashed = await moveToTrash(path);
  if (trashed.ok) return { ok: true, value: { trashed: true } };
  if (trashed.reason === 'unavailable') return failure(trashUnavailable(path, trashed.detail));
  return failure(deleteError(path, errorCodeOf(trashed.cause), trashed.cause));
}

function creationCode(err: unknown) {
  return errnoOf(err) === 'EEXIST' ? 'already-exists' : errorCodeOf(err);
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

function failure(error: QuireError): { ok: false; error: QuireError } {
  return { ok: false, error };
}
