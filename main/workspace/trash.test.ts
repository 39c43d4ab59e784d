import { statSync } from 'node:fs';
import { lstat, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeTrashPath, moveToTrash } from './trash.js';

/** A tmpfs on another device than the temporary folder: where the per-drive trash is used. */
const OTHER_DRIVE = '/dev/shm';
const otherDriveUsable = (() => {
  try {
    return statSync(OTHER_DRIVE).dev !== statSync(tmpdir()).dev;
  } catch {
    return false;
  }
})();

let dataHome: string;

beforeEach(async () => {
  dataHome = await mkdtemp(join(tmpdir(), 'quire-trash-home-'));
});

afterEach(async () => {
  await rm(dataHome, { recursive: true, force: true });
});

describe('encodeTrashPath', () => {
  it('escapes as URIs do, keeping the separators', () => {
    expect(encodeTrashPath('/home/ann/my notes/100% ümlaut#?.txt')).toBe('/home/ann/my%20notes/100%25%20%C3%BCmlaut%23%3F.txt');
  });
});

describe('moveToTrash', () => {
  it('puts an item of another drive in that drive\'s .Trash-$uid, with its path relative to the drive', async (context) => {
    if (!otherDriveUsable || process.getuid === undefined) context.skip();
    const trash = join(OTHER_DRIVE, `.Trash-${process.getuid?.()}`);
    const trashExisted = await lstat(trash).then(() => true, () => false);
    const folder = await mkdtemp(join(OTHER_DRIVE, 'quire-trash-test-'));
    const path = join(folder, 'on other drive.txt');
    await writeFile(path, 'x');
    try {
      const outcome = await moveToTrash(path, { XDG_DATA_HOME: dataHome });
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      expect(outcome.trashedTo.startsWith(join(trash, 'files'))).toBe(true);
      const name = relative(join(trash, 'files'), outcome.trashedTo);
      const info = await readFile(join(trash, 'info', `${name}.trashinfo`), 'utf8');
      expect(info).toContain(`Path=${encodeTrashPath(relative(OTHER_DRIVE, path))}\n`);
      await rm(outcome.trashedTo);
      await rm(join(trash, 'info', `${name}.trashinfo`));
    } finally {
      await rm(folder, { recursive: true, force: true });
      if (!trashExisted) await rm(trash, { recursive: true, force: true });
    }
  });

  it('refuses with `unavailable` rather than copying when the home trash cannot be made', async () => {
    await writeFile(join(dataHome, 'Trash'), 'in the way');
    const path = join(dataHome, 'item.txt');
    await writeFile(path, 'x');
    const outcome = await moveToTrash(path, { XDG_DATA_HOME: dataHome });
    expect(outcome).toMatchObject({ ok: false, reason: 'unavailable' });
    expect(await readFile(path, 'utf8')).toBe('x');
  });

  it('ignores a relative XDG_DATA_HOME, as the spec says, using ~/.local/share', async () => {
    const home = await mkdtemp(join(tmpdir(), 'quire-trash-user-'));
    try {
      const path = join(home, 'x.txt');
      await writeFile(path, 'x');
      const outcome = await moveToTrash(path, { XDG_DATA_HOME: 'relative/data', HOME: home });
      expect(outcome).toMatchObject({ ok: true, trashedTo: join(home, '.local', 'share', 'Trash', 'files', 'x.txt') });
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
