import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { QUIRE_ENTRY_SYMBOL } from './entry-symbol.js';
import { currentHostTarget } from './host-target.js';
import { inspectBytes } from './inspect-bytes.js';
import type { HostTarget, Inspection, Refusal } from './inspection.js';
import { refuse } from './refusal.js';

/** Plugins are small; anything bigger is refused before it is read into memory. */
export const DEFAULT_MAX_PLUGIN_BYTES = 256 * 1024 * 1024;

const IS_A_DIRECTORY = 'it is a directory, not a file';

const UNREADABLE_REASONS: Record<string, string> = {
  ENOENT: 'it does not exist',
  EACCES: 'permission was denied; make the file readable by the user running Quire',
  EPERM: 'the operation is not permitted; make the file readable by the user running Quire',
  EISDIR: IS_A_DIRECTORY,
  ENOTDIR: 'a part of its path is not a directory',
  ELOOP: 'it is a symbolic link that leads in a circle',
  ENAMETOOLONG: 'its path is too long',
  EIO: 'the disk reported an input/output error',
};

function unreadable(path: string, reason: string, errno?: string): Refusal {
  return refuse('unreadable', `Quire cannot read the plugin file ${path}: ${reason}.`, { path, ...(errno ? { errno } : {}) });
}

function unreadableBecause(path: string, err: unknown): Refusal {
  // The inspector runs in plugin hosts too, so it reads the system error code itself rather than import main's services.
  const errno = (err as NodeJS.ErrnoException | null)?.code;
  const reason = (errno && UNREADABLE_REASONS[errno]) ?? (err instanceof Error ? err.message : String(err));
  return unreadable(path, reason, errno);
}

function tooLarge(path: string, size: number, maxBytes: number): Refusal {
  return refuse(
    'too-large',
    `The plugin file ${path} is ${size} bytes, more than the ${maxBytes}-byte limit for a plugin. ` +
      'Check that it is the right file; strip debug information (`strip --strip-debug`) if it is.',
    { path, size, maxBytes },
  );
}

type FileStats = { isDirectory(): boolean; isFile(): boolean; size: number };

/** Refuses what is not a regular file within `maxBytes`; null when the file may be read. */
function refuseByStats(path: string, stats: FileStats, maxBytes: number): Refusal | null {
  if (stats.isDirectory()) return unreadable(path, IS_A_DIRECTORY, 'EISDIR');
  // Reading a FIFO or device could block forever or never end, so only regular files are read.
  if (!stats.isFile()) return unreadable(path, 'it is not a regular file (a pipe, socket or device)');
  return stats.size > maxBytes ? tooLarge(path, stats.size, maxBytes) : null;
}

function inspectRead(bytes: Uint8Array, path: string, target: HostTarget, entrySymbol: string, maxBytes: number): Inspection {
  // The file may have grown between stat and read.
  if (bytes.length > maxBytes) return tooLarge(path, bytes.length, maxBytes);
  return inspectBytes(bytes, target, entrySymbol);
}

/**
 * Reads the file at `path` (after checking it is a regular file within `maxBytes`) and inspects
 * its bytes. Never throws: file-system problems become `unreadable` or `too-large` refusals.
 */
export async function inspectFile(
  path: string,
  target: HostTarget = currentHostTarget(),
  entrySymbol: string = QUIRE_ENTRY_SYMBOL,
  maxBytes: number = DEFAULT_MAX_PLUGIN_BYTES,
): Promise<Inspection> {
  try {
    const refusal = refuseByStats(path, await stat(path), maxBytes);
    if (refusal) return refusal;
    return inspectRead(await readFile(path), path, target, entrySymbol, maxBytes);
  } catch (err) {
    return unreadableBecause(path, err);
  }
}

/**
 * The same, synchronously: for the plugin host, a process with nothing else to do, where an
 * async read would only start libuv's thread pool (four threads and their memory) and add
 * milliseconds to every load.
 */
export function inspectFileSync(
  path: string,
  target: HostTarget = currentHostTarget(),
  entrySymbol: string = QUIRE_ENTRY_SYMBOL,
  maxBytes: number = DEFAULT_MAX_PLUGIN_BYTES,
): Inspection {
  try {
    const refusal = refuseByStats(path, statSync(path), maxBytes);
    if (refusal) return refusal;
    return inspectRead(readFileSync(path), path, target, entrySymbol, maxBytes);
  } catch (err) {
    return unreadableBecause(path, err);
  }
}
