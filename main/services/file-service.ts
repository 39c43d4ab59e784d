/**
 * Reading, saving and listing files for the editor. Every failure comes back as a value with a
 * code callers branch on and a sentence people can act on; nothing here throws for a file
 * system problem.
 */
import { randomBytes } from 'node:crypto';
import type { Dirent, Stats } from 'node:fs';
import { open, readdir, readlink, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  MAX_DIR_ENTRIES,
  MAX_TEXT_FILE_BYTES,
  type DirEntry,
  type FileStamp,
  type OpenedFile,
  type Outcome,
  type QuireError,
  type TextFormat,
} from '../../app/contract.js';
import { listError, openError, openRefusal, openTooLarge, saveError, saveTooLarge } from './file-messages.js';
import { errnoOf, errorCodeOf } from './fs-errors.js';
import { decodeText, encodeText } from './text-encoding.js';

/** Linux's own limit on symlinks followed while resolving one path. */
const MAX_SYMLINK_HOPS = 40;

export type DirectoryListing = { path: string; entries: DirEntry[]; truncated: boolean };

export async function readTextFile(path: string, maxBytes = MAX_TEXT_FILE_BYTES): Promise<Outcome<OpenedFile>> {
  const absolute = resolve(path);
  let info: Stats;
  try {
    info = await stat(absolute);
  } catch (err) {
    return failure(openError(absolute, errorCodeOf(err), err));
  }
  // Checked before opening: opening a FIFO blocks, and reading a huge file wastes memory for nothing.
  if (info.isDirectory()) return failure(openError(absolute, 'is-directory'));
  if (!info.isFile()) return failure(openError(absolute, 'unsupported'));
  if (info.size > maxBytes) return failure(openTooLarge(absolute, info.size, maxBytes));

  let handle: FileHandle | undefined;
  try {
    handle = await open(absolute, 'r');
    const bytes = await handle.readFile();
    // The file may have grown between the stat and the read.
    if (bytes.length > maxBytes) return failure(openTooLarge(absolute, bytes.length, maxBytes));
    const read = await handle.stat();
    const decoded = decodeText(bytes);
    if (!decoded.ok) return failure(openRefusal(absolute, decoded.refusal));
    return {
      ok: true,
      value: { path: absolute, text: decoded.text, format: decoded.format, stamp: stampOf(read) },
    };
  } catch (err) {
    return failure(openError(absolute, errorCodeOf(err), err));
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Saves atomically: the bytes go to a temporary file beside the target, reach the disk, and
 * only then replace the target by rename, so a crash or a full disk never leaves a half-written
 * file. `text` is written as given (it already carries its line endings).
 */
export async function writeTextFile(
  path: string,
  text: string,
  format: TextFormat,
  maxBytes = MAX_TEXT_FILE_BYTES,
): Promise<Outcome<FileStamp>> {
  const absolute = resolve(path);
  const bytes = encodeText(text, format);
  if (bytes.length > maxBytes) return failure(saveTooLarge(absolute, bytes.length, maxBytes));

  // Renaming over a symlink would replace the link with a plain file; write where it points.
  const target = await followSymlinks(absolute);
  const folder = dirname(target);
  let existing: Stats | undefined;
  try {
    existing = await stat(target);
  } catch (err) {
    if (errnoOf(err) !== 'ENOENT') return failure(saveError(absolute, folder, errorCodeOf(err), err));
  }
  if (existing?.isDirectory()) return failure(saveError(absolute, folder, 'is-directory'));
  if (existing && !existing.isFile()) return failure(saveError(absolute, folder, 'unsupported'));

  const temp = join(folder, `.${basename(target)}.quire-${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  try {
    // A new file gets the default 0o666 less the umask, as any editor would create it.
    handle = await open(temp, 'wx', existing ? existing.mode & 0o777 : 0o666);
    if (existing) await keepOwnerAndMode(handle, existing);
    await handle.writeFile(bytes);
    await handle.sync();
    const written = await handle.stat();
    await handle.close();
    handle = undefined;
    await rename(temp, target);
    await syncDirectory(folder);
    return { ok: true, value: stampOf(written) };
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    return failure(saveError(absolute, folder, errorCodeOf(err), err));
  }
}

/** Directories first, then by name ignoring case; at most `maxEntries` of them. */
export async function listDirectory(
  path: string,
  maxEntries = MAX_DIR_ENTRIES,
): Promise<Outcome<DirectoryListing>> {
  const absolute = resolve(path);
  let dirents: Dirent[];
  try {
    dirents = await readdir(absolute, { withFileTypes: true });
  } catch (err) {
    return failure(listError(absolute, errorCodeOf(err), err));
  }
  const entries = await Promise.all(dirents.map((dirent) => entryOf(absolute, dirent)));
  entries.sort(compareEntries);
  return {
    ok: true,
    value: { path: absolute, entries: entries.slice(0, maxEntries), truncated: entries.length > maxEntries },
  };
}

async function entryOf(folder: string, dirent: Dirent): Promise<DirEntry> {
  if (dirent.isDirectory()) return { name: dirent.name, kind: 'directory' };
  if (dirent.isFile()) return { name: dirent.name, kind: 'file' };
  if (dirent.isSymbolicLink()) {
    // A link is listed as what it points to, so quick-open can step into linked folders.
    try {
      const info = await stat(join(folder, dirent.name));
      return { name: dirent.name, kind: info.isDirectory() ? 'directory' : info.isFile() ? 'file' : 'other' };
    } catch {
      return { name: dirent.name, kind: 'other' };
    }
  }
  return { name: dirent.name, kind: 'other' };
}

function compareEntries(a: DirEntry, b: DirEntry): number {
  const aIsDir = a.kind === 'directory';
  if (aIsDir !== (b.kind === 'directory')) return aIsDir ? -1 : 1;
  const aName = a.name.toLowerCase();
  const bName = b.name.toLowerCase();
  if (aName !== bName) return aName < bName ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * The path a save must replace. realpath fails for a link whose target does not exist yet, so
 * such links are followed by hand and the save creates the target instead of replacing the link.
 */
async function followSymlinks(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    let current = path;
    for (let hop = 0; hop < MAX_SYMLINK_HOPS; hop++) {
      let link: string;
      try {
        link = await readlink(current);
      } catch {
        return current;
      }
      current = resolve(dirname(current), link);
    }
    return current;
  }
}

async function keepOwnerAndMode(handle: FileHandle, original: Stats): Promise<void> {
  if (original.uid !== process.getuid?.() || original.gid !== process.getgid?.()) {
    try {
      await handle.chown(original.uid, original.gid);
    } catch (err) {
      // Only root may give a file away; anyone else saves it as their own, as other editors do.
      if (errnoOf(err) !== 'EPERM') throw err;
    }
  }
  // open() applied the umask, and chown clears set-id bits: restore the exact mode last.
  await handle.chmod(original.mode & 0o7777);
}

/** Makes the rename itself durable. Some file systems refuse fsync on a directory; the save has still happened. */
export async function syncDirectory(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close().catch(() => undefined);
}

function stampOf(info: Stats): FileStamp {
  return { mtimeMs: info.mtimeMs, size: info.size };
}

function failure(error: QuireError): { ok: false; error: QuireError } {
  return { ok: false, error };
}
