/**
 * Private, read-only copies of plugin files, named by the SHA-256 of their bytes. A plugin host
 * loads the copy, never the file in the plugins folder, so:
 *  - the bytes the user approved (or whose signature was checked) are the bytes that run: the
 *    file is read once, and that one buffer is hashed, then written here;
 *  - writing over the original, in place or by rename, never changes what a running host has
 *    mapped (dlopen maps the file; rewriting a mapped file in place can crash the process).
 *
 * Copies are reference counted: `admit` and `retain` take a reference, `release` gives one
 * back, and a copy nobody refers to is deleted.
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, mkdtemp, open, readFile, rename, rm, unlink, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PluginFailure, PluginOutcome } from '../../../app/plugin-contract.js';
import { DEFAULT_MAX_PLUGIN_BYTES } from '../../plugin-common/inspect/index.js';
import { errnoOf } from '../../services/fs-errors.js';
import { readBounded } from './bounded-read.js';

export interface AdmittedPlugin {
  /** SHA-256 (lowercase hex) of exactly the bytes at `privatePath`. */
  sha256: string;
  privatePath: string;
  size: number;
}

/** The text of a plugin's `.minisig` file; `text` is null when it has none. */
export type SignatureFileRead = { ok: true; path: string; text: string | null } | { ok: false; path: string; problem: string };

export const SIGNATURE_SUFFIX = '.minisig';
/** A minisign signature is four lines; its trusted comment may be up to 8 KiB. */
const MAX_SIGNATURE_BYTES = 64 * 1024;

export class PluginStore {
  private readonly refs = new Map<string, number>();
  /** Copies whose bytes this store wrote or compared itself; others found in a reused folder are compared first. */
  private readonly verified = new Set<string>();
  /** Per hash, the last queued step: writing and deleting one copy never interleave. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private closed = false;

  private constructor(
    /** The private folder (0700) that holds the copies. */
    readonly dir: string,
    /** Whether open() made the folder, and close() therefore removes it. */
    private readonly ownsDir: boolean,
  ) {}

  /**
   * Opens a store in `dir` (made 0700 if missing; it must be the user's own and used by one store
   * at a time) or, by default, in a fresh folder under the system's temporary folder that close()
   * removes. Throws with a readable message when the folder cannot be made or is not private.
   */
  static async open(dir?: string): Promise<PluginStore> {
    if (dir === undefined) {
      // mkdtemp makes the folder 0700 whatever the umask.
      return new PluginStore(await mkdtemp(join(tmpdir(), 'quire-plugin-store-')), true);
    }
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const info = await lstat(dir);
    if (!info.isDirectory()) throw new Error(`Quire cannot keep plugin copies in ${dir}: it is not a folder.`);
    if (process.getuid && info.uid !== process.getuid()) {
      throw new Error(`Quire cannot keep plugin copies in ${dir}: the folder belongs to another user, so its copies could be changed behind Quire's back.`);
    }
    await chmod(dir, 0o700);
    return new PluginStore(dir, false);
  }

  /**
   * Reads the plugin file once, hashes those bytes and keeps them as `<sha256>.so`, read-only,
   * taking one reference to the copy. Refuses files over the plugin size limit, as inspection does.
   */
  async admit(realPath: string): Promise<PluginOutcome<AdmittedPlugin>> {
    const read = await readBounded(realPath, DEFAULT_MAX_PLUGIN_BYTES);
    if (!read.ok) {
      switch (read.reason) {
        case 'missing':
          return failed(unreadable(realPath, 'it does not exist', 'ENOENT'));
        case 'unreadable':
          return failed(unreadable(realPath, read.why, read.errno));
        case 'too-large':
          return failed(tooLarge(realPath, read.size, DEFAULT_MAX_PLUGIN_BYTES));
      }
    }
    const bytes = read.bytes;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const privatePath = this.pathOf(sha256);
    return this.queued(sha256, async (): Promise<PluginOutcome<AdmittedPlugin>> => {
      if (this.closed) return failed(storeClosed(realPath));
      const kept = await this.keep(sha256, bytes);
      if (kept) return failed(copyFailed(realPath, this.dir, kept));
      this.refs.set(sha256, (this.refs.get(sha256) ?? 0) + 1);
      return { ok: true, value: { sha256, privatePath, size: bytes.length } };
    });
  }

  /** Takes another reference to a copy still held; false (and no reference) when it is not. */
  retain(sha256: string): boolean {
    const refs = this.refs.get(sha256);
    if (refs === undefined) return false;
    this.refs.set(sha256, refs + 1);
    return true;
  }

  /** Gives back one reference; the last one deletes the copy. */
  release(sha256: string): Promise<void> {
    const refs = this.refs.get(sha256);
    if (refs === undefined) return Promise.resolve();
    if (refs > 1) {
      this.refs.set(sha256, refs - 1);
      return Promise.resolve();
    }
    // Forgotten now, so retain() fails at once; the file goes in turn, unless admit() took it back meanwhile.
    this.refs.delete(sha256);
    return this.queued(sha256, () => this.dropUnreferenced(sha256));
  }

  /** How many references the copy has; 0 when it is not held. */
  references(sha256: string): number {
    return this.refs.get(sha256) ?? 0;
  }

  /**
   * Reads `<realPath>.minisig`, the signature minisign writes beside a file. Its absence is
   * normal (text: null); a signature that exists but cannot be read is a problem, never "unsigned".
   */
  async signatureFor(realPath: string): Promise<SignatureFileRead> {
    const path = realPath + SIGNATURE_SUFFIX;
    const read = await readBounded(path, MAX_SIGNATURE_BYTES);
    if (read.ok) return { ok: true, path, text: read.bytes.toString('utf8') };
    switch (read.reason) {
      case 'missing':
        return { ok: true, path, text: null };
      case 'too-large':
        return { ok: false, path, problem: `the signature file ${path} is ${read.size} bytes, far more than a minisign signature` };
      case 'unreadable':
        return { ok: false, path, problem: `Quire cannot read the signature file ${path}: ${read.why}` };
    }
  }

  /** Deletes every copy; removes the folder too when open() made it. Later admits fail. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.queues.values()]);
    const held = [...this.refs.keys()];
    this.refs.clear();
    this.verified.clear();
    if (this.ownsDir) await rm(this.dir, { recursive: true, force: true });
    else await Promise.all(held.map((sha256) => unlink(this.pathOf(sha256)).catch(() => undefined)));
  }

  private pathOf(sha256: string): string {
    return join(this.dir, `${sha256}.so`);
  }

  /** Makes sure `<sha256>.so` holds exactly `bytes`; the system error when it cannot. */
  private async keep(sha256: string, bytes: Buffer): Promise<unknown> {
    const target = this.pathOf(sha256);
    const existing = await lstat(target).catch(() => undefined);
    if (existing?.isFile() && existing.size === bytes.length && (existing.mode & 0o777) === 0o444) {
      if (this.verified.has(sha256)) return undefined;
      // Left by an earlier store in a reused folder: its name is a claim, its bytes the proof.
      const onDisk = await readFile(target).catch(() => undefined);
      if (onDisk?.equals(bytes)) {
        this.verified.add(sha256);
        return undefined;
      }
    }
    const failure = await writeReadOnly(this.dir, target, bytes);
    if (!failure) this.verified.add(sha256);
    return failure;
  }

  private async dropUnreferenced(sha256: string): Promise<void> {
    if (this.refs.has(sha256)) return;
    this.verified.delete(sha256);
    await unlink(this.pathOf(sha256)).catch(() => undefined);
  }

  private queued<T>(sha256: string, step: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(sha256) ?? Promise.resolve();
    const next = previous.then(step, step);
    const settled = next.catch(() => undefined);
    this.queues.set(sha256, settled);
    // Drop the queue once it is idle, so the map does not grow with every file ever admitted.
    void settled.then(() => {
      if (this.queues.get(sha256) === settled) this.queues.delete(sha256);
    });
    return next;
  }
}

/**
 * Atomic, as in file-service's save: the bytes reach the disk in a temporary file beside the
 * target, become read-only, and only then take the target's name, so no host can ever map a
 * half-written copy. Returns the system error, or undefined on success.
 */
async function writeReadOnly(dir: string, target: string, bytes: Buffer): Promise<unknown> {
  const temp = join(dir, `.${randomBytes(8).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'wx', 0o600);
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.chmod(0o444);
    await handle.close();
    handle = undefined;
    await rename(temp, target);
    // No fsync of the folder: the copies live only as long as this store, so a crash may lose them.
    return undefined;
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    return err ?? new Error('unknown error');
  }
}

function failed<T>(failure: PluginFailure): PluginOutcome<T> {
  return { ok: false, failure };
}

/** Worded as inspection words it, so the same file problem reads the same wherever it is found. */
function unreadable(path: string, reason: string, errno: string | null): PluginFailure {
  return {
    code: 'unreadable',
    message: `Quire cannot read the plugin file ${path}: ${reason}.`,
    detail: { path, ...(errno ? { errno } : {}) },
  };
}

function tooLarge(path: string, size: number, maxBytes: number): PluginFailure {
  return {
    code: 'too-large',
    message:
      `The plugin file ${path} is ${size} bytes, more than the ${maxBytes}-byte limit for a plugin. ` +
      'Check that it is the right file; strip debug information (`strip --strip-debug`) if it is.',
    detail: { path, size, maxBytes },
  };
}

function copyFailed(path: string, dir: string, err: unknown): PluginFailure {
  const errno = errnoOf(err);
  const reason =
    errno === 'ENOSPC' || errno === 'EDQUOT'
      ? `the disk holding ${dir} is full; free some space there`
      : `the system reported "${err instanceof Error ? err.message : String(err)}"`;
  return {
    code: 'host-failed',
    message: `Quire could not make its private copy of the plugin file ${path} in ${dir}, which it runs instead of the original: ${reason}.`,
    detail: { path, dir, ...(errno ? { errno } : {}) },
  };
}

function storeClosed(path: string): PluginFailure {
  return {
    code: 'unavailable',
    message: `Quire did not load the plugin file ${path} because it is shutting down.`,
    detail: { path },
  };
}
