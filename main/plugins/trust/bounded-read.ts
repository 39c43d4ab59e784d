/**
 * Reads a whole regular file, at most `maxBytes` of it, through one open file handle: the size
 * check, the type check and the read all see the same file, however the path changes meanwhile.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { errnoOf } from '../../services/fs-errors.js';

export type BoundedRead =
  | { ok: true; bytes: Buffer }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'too-large'; size: number }
  | { ok: false; reason: 'unreadable'; why: string; errno: string | null };

const UNREADABLE_REASONS: Record<string, string> = {
  EACCES: 'permission was denied; make the file readable by the user running Quire',
  EPERM: 'the operation is not permitted; make the file readable by the user running Quire',
  EISDIR: 'it is a directory, not a file',
  ENOTDIR: 'a part of its path is not a directory',
  ELOOP: 'it is a symbolic link that leads in a circle',
  ENAMETOOLONG: 'its path is too long',
  EIO: 'the disk reported an input/output error',
};

export async function readBounded(path: string, maxBytes: number): Promise<BoundedRead> {
  let handle: FileHandle | undefined;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const info = await handle.stat();
    if (info.isDirectory()) return unreadable('it is a directory, not a file', 'EISDIR');
    if (!info.isFile()) return unreadable('it is not a regular file (a pipe, socket or device)', null);
    if (info.size > maxBytes) return { ok: false, reason: 'too-large', size: info.size };
    const bytes = await handle.readFile();
    // The file may have grown between the stat and the read.
    if (bytes.length > maxBytes) return { ok: false, reason: 'too-large', size: bytes.length };
    return { ok: true, bytes };
  } catch (err) {
    const errno = errnoOf(err) ?? null;
    if (errno === 'ENOENT') return { ok: false, reason: 'missing' };
    return unreadable((errno && UNREADABLE_REASONS[errno]) ?? (err instanceof Error ? err.message : String(err)), errno);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function unreadable(why: string, errno: string | null): BoundedRead {
  return { ok: false, reason: 'unreadable', why, errno };
}
