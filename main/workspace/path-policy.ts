/**
 * Which paths a request may name. The desktop app may reach any path; the browser edition
 * (`confined`) only what lies inside the folder it serves, the files named on its command line
 * and settings.json, because anyone holding its URL acts with the user's rights.
 *
 * Paths are judged by where they really lead: symlinks are resolved first, for a path that
 * does not exist yet through its nearest existing folder, and a dangling link by where it
 * points, since writing through it would create its target. A link inside that points out
 * is refused; the link itself may still be renamed or deleted (`entry`), as that touches only
 * the folder that holds it.
 */
import { lstat, readlink, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Outcome, QuireError } from '../../app/contract.js';
import { errnoOf } from '../services/fs-errors.js';

/** Linux's own limit on symlinks followed while resolving one path. */
const MAX_SYMLINK_HOPS = 40;

/**
 * `file`: the request follows the path (read, write, list, watch, reveal): where it leads must be allowed.
 * `entry`: the request acts on the entry itself (rename, delete): the folder holding it must be allowed.
 */
export type PathTarget = 'file' | 'entry';

export interface PathPolicyOptions {
  /** True in the browser edition; otherwise every path is reachable. */
  confined: boolean;
  /** The served folder (a real path); when confined and null, only `allowedFiles` are reachable. */
  root: string | null;
  /** Reachable even outside `root`: the files named on the command line, settings.json. */
  allowedFiles: readonly string[];
}

export class PathPolicy {
  private readonly allowedFiles: readonly string[];

  constructor(private readonly options: PathPolicyOptions) {
    this.allowedFiles = options.allowedFiles.map((file) => resolve(file));
  }

  get confined(): boolean {
    return this.options.confined;
  }

  get root(): string | null {
    return this.options.root;
  }

  /** The absolute form of `path` when it may be used; `outside-workspace` when not. */
  async check(path: string, target: PathTarget = 'file'): Promise<Outcome<string>> {
    const absolute = resolve(path);
    if (!this.options.confined) return { ok: true, value: absolute };
    const root = this.options.root;
    const real = target === 'entry' ? join(await realLocation(dirname(absolute)), basename(absolute)) : await realLocation(absolute);
    if (root !== null && isInside(real, root) && !(target === 'entry' && real === root)) return { ok: true, value: absolute };
    if (target === 'file' && (await this.isAllowedFile(real))) return { ok: true, value: absolute };
    return { ok: false, error: outsideWorkspace(absolute, root) };
  }

  private async isAllowedFile(real: string): Promise<boolean> {
    for (const file of this.allowedFiles) {
      if ((await realLocation(file)) === real) return true;
    }
    return false;
  }
}

export function outsideWorkspace(path: string, root: string | null): QuireError {
  const where =
    root === null
      ? `${path} is not one of the files this browser edition serves (it serves no folder, only the files named when it started)`
      : `${path} is outside the workspace folder ${root}; the browser edition serves only files inside it (and the files named when it started)`;
  return { code: 'outside-workspace', message: `${where}. Start \`quire serve\` on a folder that holds it.` };
}

/** `path` relative to `folder`, `/`-separated; '' for the folder itself, null when outside it. */
export function relativeInside(folder: string, path: string): string | null {
  if (path === folder) return '';
  const prefix = folder.endsWith(sep) ? folder : folder + sep;
  if (!path.startsWith(prefix)) return null;
  const relativePath = path.slice(prefix.length);
  return sep === '/' ? relativePath : relativePath.split(sep).join('/');
}

/** Whether `path` is `folder` or lies below it (both absolute and normalized). */
export function isInside(path: string, folder: string): boolean {
  if (path === folder) return true;
  const prefix = folder.endsWith(sep) ? folder : folder + sep;
  return path.startsWith(prefix);
}

/**
 * Where `path` really leads. A path that does not exist resolves through its nearest existing
 * ancestor; a dangling link through its target. Anything else that stops resolution (no
 * permission, a link loop) leaves the path as written: the request itself then fails the
 * same way, so nothing is reached through it.
 */
export async function realLocation(path: string, hops = 0): Promise<string> {
  try {
    return await realpath(path);
  } catch (err) {
    const code = errnoOf(err);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') return path;
  }
  let existing = path;
  const missing: string[] = [];
  while (!(await exists(existing))) {
    const parent = dirname(existing);
    if (parent === existing) return path;
    missing.unshift(basename(existing));
    existing = parent;
  }
  try {
    return join(await realpath(existing), ...missing);
  } catch {
    // `existing` is there but does not resolve: a dangling link (or a loop). Follow it by hand.
    if (hops >= MAX_SYMLINK_HOPS) return path;
    try {
      const link = await readlink(existing);
      return await realLocation(join(resolve(dirname(existing), link), ...missing), hops + 1);
    } catch {
      return path;
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}
