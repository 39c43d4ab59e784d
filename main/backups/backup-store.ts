/**
 * Hot-exit backups of one workspace: a file per tab in the workspace's backup folder, so that
 * unsaved text outlives a quit, a crash, a `kill -9` or a power cut. Each write replaces the
 * tab's previous backup atomically (private-file.ts), so the last complete backup survives a
 * write that is cut short. A file that cannot be read back is never deleted: it is moved to
 * `unreadable/` in the backup folder and reported.
 */
import type { Dirent } from 'node:fs';
import { lstat, mkdir, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_MESSAGE_BYTES, type Outcome, type QuireError } from '../../app/contract.js';
import type { Backup, UnreadableBackup } from '../../app/workspace-contract.js';
import { errnoOf, errorCodeOf } from '../services/fs-errors.js';
import { decodeBackup, encodeBackup } from './backup-format.js';
import { isTemporaryName, writePrivateFileAtomically } from './private-file.js';

const EXTENSION = '.backup';
const BACKUP_NAME = /^([A-Za-z0-9_-]{1,128})\.backup$/;
export const UNREADABLE_FOLDER = 'unreadable';
/** No backup can be bigger than the message that brought its text. */
const MAX_BACKUP_BYTES = MAX_MESSAGE_BYTES + 64 * 1024;
/**
 * A temporary file this old was left by a write that never finished (the process died): the
 * backup it was replacing is intact, so it is only litter. Younger ones may be a write running
 * now in another Quire on the same workspace.
 */
const STALE_TEMP_MS = 60_000;

export interface BackupList {
  /** In tab order. */
  backups: Backup[];
  unreadable: UnreadableBackup[];
}

interface PendingWrite {
  backup: Backup;
  done: Promise<Outcome<Record<string, never>>>;
}

interface KeyQueue {
  /** The last operation queued for the key. */
  tail: Promise<unknown>;
  /** A write queued but not started yet: a newer write for the key replaces its text instead of queueing. */
  pending: PendingWrite | null;
}

export class BackupStore {
  private static readonly stores = new Map<string, BackupStore>();
  private readonly queues = new Map<string, KeyQueue>();

  /**
   * The one store of `folder` in this process, so that every connection's writes to a key
   * are ordered (several browser pages may share a workspace).
   */
  static forFolder(folder: string): BackupStore {
    let store = BackupStore.stores.get(folder);
    if (!store) {
      store = new BackupStore(folder);
      BackupStore.stores.set(folder, store);
    }
    return store;
  }

  constructor(readonly folder: string) {}

  /**
   * Writes a tab's backup, replacing its previous one. Writes for one key run one at a time in
   * the order asked; one asked for while another waits takes the waiting one's place, so the
   * last text wins without writing every text in between.
   */
  write(backup: Backup): Promise<Outcome<Record<string, never>>> {
    const queue = this.queueOf(backup.meta.key);
    if (queue.pending) {
      queue.pending.backup = backup;
      return queue.pending.done;
    }
    const pending: PendingWrite = { backup, done: Promise.resolve({ ok: true, value: {} }) };
    pending.done = queue.tail.then(() => {
      if (queue.pending === pending) queue.pending = null;
      return this.writeNow(pending.backup);
    });
    queue.pending = pending;
    this.enqueue(backup.meta.key, queue, pending.done);
    return pending.done;
  }

  /** Removes a tab's backup (saved, or its changes discarded), after any write already asked for. */
  discard(key: string): Promise<Outcome<Record<string, never>>> {
    const queue = this.queueOf(key);
    // A write asked for after this discard must not join a write queued before it.
    queue.pending = null;
    const done = queue.tail.then(() => this.removeNow(key));
    this.enqueue(key, queue, done);
    return done;
  }

  /** The backups to restore, in tab order, with every file that could not be read moved aside. */
  async list(): Promise<Outcome<BackupList>> {
    let entries: Dirent[];
    try {
      entries = await readdir(this.folder, { withFileTypes: true });
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return { ok: true, value: { backups: [], unreadable: [] } };
      return { ok: false, error: this.failure('read the backups in', error) };
    }
    const backups: Backup[] = [];
    const unreadable: UnreadableBackup[] = [];
    for (const entry of entries) {
      if (entry.isDirectory()) continue;
      if (isTemporaryName(entry.name)) {
        await this.removeIfStale(entry.name);
        continue;
      }
      const read = await this.readOne(entry);
      if (read.ok) backups.push(read.backup);
      else unreadable.push(await this.keepAside(entry.name, read.reason));
    }
    backups.sort((a, b) => a.meta.tabIndex - b.meta.tabIndex || a.meta.backedUpAt - b.meta.backedUpAt);
    return { ok: true, value: { backups, unreadable } };
  }

  private async readOne(entry: Dirent): Promise<{ ok: true; backup: Backup } | { ok: false; reason: string }> {
    const key = BACKUP_NAME.exec(entry.name)?.[1];
    if (key === undefined) return { ok: false, reason: 'it is not a Quire backup (its name is not one)' };
    const file = join(this.folder, entry.name);
    try {
      const info = await lstat(file);
      if (!info.isFile()) return { ok: false, reason: 'it is not a regular file' };
      if (info.size > MAX_BACKUP_BYTES) return { ok: false, reason: `it is ${info.size} bytes, larger than any backup Quire writes` };
      const decoded = decodeBackup(await readFile(file));
      if (!decoded.ok) return decoded;
      if (decoded.backup.meta.key !== key) return { ok: false, reason: `it says it belongs to tab ${decoded.backup.meta.key}, not to the tab its name says` };
      return decoded;
    } catch (error) {
      return { ok: false, reason: `it could not be read (${errnoOf(error) ?? String(error)})` };
    }
  }

  /** Moves an unreadable file to `unreadable/`, under a name that never replaces an earlier one. */
  private async keepAside(name: string, reason: string): Promise<UnreadableBackup> {
    const file = join(this.folder, name);
    const asideFolder = join(this.folder, UNREADABLE_FOLDER);
    const keptAt = join(asideFolder, `${new Date().toISOString().replace(/[:.]/g, '-')}-${name}`);
    try {
      await mkdir(asideFolder, { recursive: true, mode: 0o700 });
      await rename(file, keptAt);
      return { file, keptAt, reason };
    } catch (error) {
      return { file, keptAt: file, reason: `${reason}; it stays where it is, because moving it aside failed (${errnoOf(error) ?? String(error)})` };
    }
  }

  private async removeIfStale(name: string): Promise<void> {
    const file = join(this.folder, name);
    try {
      const info = await lstat(file);
      if (Date.now() - info.mtimeMs > STALE_TEMP_MS) await unlink(file);
    } catch {
      // Gone already (its write finished), or not ours to remove: either way nothing to do.
    }
  }

  private async writeNow(backup: Backup): Promise<Outcome<Record<string, never>>> {
    try {
      await mkdir(this.folder, { recursive: true, mode: 0o700 });
      await writePrivateFileAtomically(this.folder, fileNameOf(backup.meta.key), encodeBackup(backup));
      return { ok: true, value: {} };
    } catch (error) {
      return { ok: false, error: this.failure(`back up ${backup.meta.name} in`, error) };
    }
  }

  private async removeNow(key: string): Promise<Outcome<Record<string, never>>> {
    try {
      await unlink(join(this.folder, fileNameOf(key)));
      return { ok: true, value: {} };
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return { ok: true, value: {} };
      return { ok: false, error: this.failure('remove a backup from', error) };
    }
  }

  private queueOf(key: string): KeyQueue {
    let queue = this.queues.get(key);
    if (!queue) {
      queue = { tail: Promise.resolve(), pending: null };
      this.queues.set(key, queue);
    }
    return queue;
  }

  /** Makes `operation` the key's last one, and forgets the key's queue once it is idle. */
  private enqueue(key: string, queue: KeyQueue, operation: Promise<unknown>): void {
    queue.tail = operation;
    void operation.then(() => {
      if (queue.tail === operation && queue.pending === null) this.queues.delete(key);
    });
  }

  private failure(doing: string, error: unknown): QuireError {
    const code = errorCodeOf(error);
    const why =
      code === 'disk-full'
        ? 'the disk is full; free some space'
        : code === 'permission-denied'
          ? 'permission denied; check who owns that folder'
          : code === 'read-only-fs'
            ? 'the file system is read-only'
            : (errnoOf(error) ?? String(error));
    return { code, message: `Quire could not ${doing} ${this.folder}: ${why}.` };
  }
}

function fileNameOf(key: string): string {
  return `${key}${EXTENSION}`;
}
