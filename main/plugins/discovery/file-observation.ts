/**
 * What is at one path of a plugins folder, as far as discovery cares: a file (or a symlink to
 * one), a symlink that leads nowhere, or nothing a plugin could be.
 */
import type { Stats } from 'node:fs';
import { lstat, readlink, realpath, stat } from 'node:fs/promises';
import { errnoOf } from '../../services/fs-errors.js';

export type Observation =
  /**
   * `identity` changes exactly when the content may have: another inode, size or mtime, or
   * another target. `linked`: reached through a symlink, so the file itself lives elsewhere.
   */
  | { kind: 'file'; realPath: string; identity: string; size: number; mtimeMs: number; linked: boolean }
  /** A symlink whose target is missing, unreadable or a loop; reported so the supervisor can say so. */
  | { kind: 'dangling'; realPath: string; identity: string }
  /** Nothing there, or something no plugin can be: a directory, a socket, a FIFO. */
  | { kind: 'none' }
  /** The path itself could not be examined; what was known about it stays as it was. */
  | { kind: 'unreadable'; message: string };

export async function observe(path: string): Promise<Observation> {
  let entry: Stats;
  try {
    entry = await lstat(path);
  } catch (err) {
    return gone(err) ? { kind: 'none' } : { kind: 'unreadable', message: `Could not examine ${path}: ${messageOf(err)}` };
  }
  if (entry.isFile()) {
    try {
      return fileObservation(await realpath(path), entry, false);
    } catch (err) {
      return gone(err) ? { kind: 'none' } : { kind: 'unreadable', message: `Could not resolve ${path}: ${messageOf(err)}` };
    }
  }
  if (!entry.isSymbolicLink()) return { kind: 'none' };
  try {
    const target = await stat(path);
    if (!target.isFile()) return { kind: 'none' };
    return fileObservation(await realpath(path), target, true);
  } catch {
    // Whatever stops us following the link (missing target, a loop, no permission) also stops a
    // host from loading it; the supervisor reports the file as unreadable under its own path.
    const text = await readlink(path).catch(() => '');
    return { kind: 'dangling', realPath: path, identity: `dangling:${text}` };
  }
}

function fileObservation(realPath: string, info: Stats, linked: boolean): Observation {
  // atime and ctime are left out: reading a file or changing its mode does not change what loads.
  const identity = `${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}:${realPath}`;
  return { kind: 'file', realPath, identity, size: info.size, mtimeMs: info.mtimeMs, linked };
}

function gone(err: unknown): boolean {
  const errno = errnoOf(err);
  return errno === 'ENOENT' || errno === 'ENOTDIR';
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
