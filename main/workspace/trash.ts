/**
 * Moving to the trash as the freedesktop.org Trash specification (1.0) says, so the file
 * managers' "Restore" brings things back: the item goes to `files/NAME` and a `NAME.trashinfo`
 * beside it in `info/` records where it came from and when.
 *
 * The home trash ($XDG_DATA_HOME/Trash) takes items on its own file system; an item on another
 * mount goes to that mount's `$topdir/.Trash/$uid` (when the administrator made `.Trash` a
 * sticky folder, not a link) or `$topdir/.Trash-$uid`. Items are moved by rename only, never
 * copied, so a trash that cannot take an item says so, and the caller can offer to delete it.
 *
 * (The npm `trash` package was considered: on Linux it writes `Path=` escaping only spaces, so
 * names with `%` or non-ASCII characters would be restored to the wrong place.)
 */
import type { Stats } from 'node:fs';
import { lstat, mkdir, open, rename, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, extname, isAbsolute, join, relative } from 'node:path';
import { errnoOf } from '../services/fs-errors.js';

export type TrashOutcome =
  | { ok: true; trashedTo: string }
  /** `unavailable`: no trash can take this item (say why); `failed`: the item itself could not be moved. */
  | { ok: false; reason: 'unavailable'; detail: string }
  | { ok: false; reason: 'failed'; cause: unknown };

interface TrashFolder {
  files: string;
  info: string;
  /** Paths in `Path=` are relative to this folder; null: written absolute (the home trash). */
  relativeTo: string | null;
}

/** Gives up looking for a free name after this many (`name.2.txt`, `name.3.txt`...). */
const MAX_NAME_TRIES = 10_000;
const STICKY = 0o1000;

export async function moveToTrash(path: string, env: NodeJS.ProcessEnv = process.env): Promise<TrashOutcome> {
  let item: Stats;
  try {
    item = await lstat(path);
  } catch (cause) {
    return { ok: false, reason: 'failed', cause };
  }
  const trash = await trashFor(path, item, env);
  if (typeof trash === 'string') return { ok: false, reason: 'unavailable', detail: trash };

  const reservation = await reserveName(trash, path);
  if ('problem' in reservation) return { ok: false, reason: 'unavailable', detail: reservation.problem };
  const reserved = reservation.name;
  try {
    await rename(path, join(trash.files, reserved));
    return { ok: true, trashedTo: join(trash.files, reserved) };
  } catch (cause) {
    await unlink(join(trash.info, `${reserved}.trashinfo`)).catch(() => undefined);
    if (errnoOf(cause) === 'EXDEV') {
      return { ok: false, reason: 'unavailable', detail: `the trash folder ${dirname(trash.files)} is on another file system` };
    }
    return { ok: false, reason: 'failed', cause };
  }
}

/** The trash that can take `path` by rename, or why none can. */
async function trashFor(path: string, item: Stats, env: NodeJS.ProcessEnv): Promise<TrashFolder | string> {
  const dataHome = env.XDG_DATA_HOME && isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : join(env.HOME || homedir(), '.local', 'share');
  const home = join(dataHome, 'Trash');
  // Items on the home trash's own file system go there or nowhere (never to a trash at `/`).
  if ((await deviceOf(home)) === item.dev) {
    const problem = await ensureTrash(home);
    return problem ?? { files: join(home, 'files'), info: join(home, 'info'), relativeTo: null };
  }
  const topdir = await mountTop(path, item.dev);
  const uid = process.getuid?.();
  if (uid === undefined) return 'this system has no trash folders for other drives';

  const shared = join(topdir, '.Trash');
  const sharedInfo = await lstat(shared).catch(() => null);
  // The spec trusts `$topdir/.Trash` only as a real, sticky folder; anything else is skipped.
  if (sharedInfo?.isDirectory() && !sharedInfo.isSymbolicLink() && (sharedInfo.mode & STICKY) !== 0) {
    const own = join(shared, String(uid));
    if ((await ensureTrash(own)) === null) return { files: join(own, 'files'), info: join(own, 'info'), relativeTo: topdir };
  }
  const personal = join(topdir, `.Trash-${uid}`);
  const personalProblem = await ensureTrash(personal);
  if (personalProblem === null) {
    const info = await lstat(personal);
    if (info.isDirectory() && info.uid === uid) return { files: join(personal, 'files'), info: join(personal, 'info'), relativeTo: topdir };
  }
  return `there is no trash folder on the drive that holds it (${personalProblem ?? `${personal} is not yours`})`;
}

/** The device of `path`, or of its nearest existing folder when it does not exist yet. */
async function deviceOf(path: string): Promise<number | null> {
  for (let at = path; ; at = dirname(at)) {
    const info = await lstat(at).catch(() => null);
    if (info) return info.dev;
    if (dirname(at) === at) return null;
  }
}

/** Creates the trash's folders if needed (private, as the spec asks); the problem, or null. */
async function ensureTrash(trash: string): Promise<string | null> {
  try {
    for (const folder of [trash, join(trash, 'files'), join(trash, 'info')]) {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      const info = await lstat(folder);
      if (!info.isDirectory()) return `${folder} is not a folder`;
    }
    return null;
  } catch (err) {
    return `the trash folder ${trash} cannot be created (${errnoOf(err) ?? String(err)})`;
  }
}

/** The top folder of the mount holding `path`: the highest ancestor still on device `dev`. */
async function mountTop(path: string, dev: number): Promise<string> {
  let top = dirname(path);
  for (;;) {
    const parent = dirname(top);
    if (parent === top) return top;
    const info = await lstat(parent).catch(() => null);
    if (!info || info.dev !== dev) return top;
    top = parent;
  }
}

/**
 * Claims a free name by creating its `.trashinfo` exclusively (the spec's way to make two
 * programs trashing at once not collide), with the record already in it.
 */
async function reserveName(trash: TrashFolder, path: string): Promise<{ name: string } | { problem: string }> {
  const name = basename(path);
  const extension = extname(name);
  const stem = extension && extension !== name ? name.slice(0, -extension.length) : name;
  const recorded = trash.relativeTo === null ? path : relative(trash.relativeTo, path);
  const record = `[Trash Info]\nPath=${encodeTrashPath(recorded)}\nDeletionDate=${deletionDate(new Date())}\n`;
  for (let attempt = 1; attempt <= MAX_NAME_TRIES; attempt++) {
    const candidate = attempt === 1 ? name : `${stem}.${attempt}${stem === name ? '' : extension}`;
    if (await lstat(join(trash.files, candidate)).then(() => true, () => false)) continue;
    try {
      const handle = await open(join(trash.info, `${candidate}.trashinfo`), 'wx', 0o600);
      try {
        await handle.writeFile(record);
      } finally {
        await handle.close();
      }
      return { name: candidate };
    } catch (err) {
      if (errnoOf(err) === 'EEXIST') continue;
      return { problem: `its record cannot be written in ${trash.info} (${errnoOf(err) ?? String(err)})` };
    }
  }
  return { problem: `no free name is left in ${trash.files}` };
}

/** `Path=` is escaped as in URIs, keeping `/`: "my notes%.txt" → "my%20notes%25.txt". */
export function encodeTrashPath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** Local time, YYYY-MM-DDThh:mm:ss, as the spec asks. */
function deletionDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}
