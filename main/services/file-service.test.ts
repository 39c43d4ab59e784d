import { execFile } from 'node:child_process';
import {
  chmod,
  chown,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listDirectory, readTextFile, writeTextFile } from './file-service.js';
import { UnprivilegedFileService } from './testing/unprivileged-file-service.js';

const run = promisify(execFile);
const isRoot = process.getuid?.() === 0;
const LF = { bom: false, eol: 'LF' } as const;
const CRLF = { bom: false, eol: 'CRLF' } as const;
const BOM = [0xef, 0xbb, 0xbf];

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'quire-file-service-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function fileWith(name: string, content: string | Buffer | number[], mode?: number): Promise<string> {
  const path = join(root, name);
  await writeFile(path, Array.isArray(content) ? Buffer.from(content) : content);
  if (mode !== undefined) await chmod(path, mode);
  return path;
}

/** Leftovers of a save: the temporary files it writes beside the target. */
async function tempFilesIn(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.includes('.quire-'));
}

async function expectUntouched(path: string, original: Buffer): Promise<void> {
  expect((await readFile(path)).equals(original)).toBe(true);
  expect(await tempFilesIn(join(path, '..'))).toEqual([]);
}

function expectError<T>(outcome: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }) {
  if (outcome.ok) throw new Error(`expected an error, got ${JSON.stringify(outcome.value)}`);
  return outcome.error;
}

describe('readTextFile', () => {
  it('reads UTF-8 text with its stamp, resolving a relative path', async () => {
    const path = await fileWith('a.txt', 'héllo\nwörld\n');
    const info = await stat(path);

    const outcome = await readTextFile(relative(process.cwd(), path));

    expect(outcome).toEqual({
      ok: true,
      value: { path, text: 'héllo\nwörld\n', format: LF, stamp: { mtimeMs: info.mtimeMs, size: info.size } },
    });
  });

  it('reports a UTF-8 BOM in the format and leaves it out of the text', async () => {
    const path = await fileWith('bom.txt', [...BOM, 0x61, 0x0d, 0x0a, 0x62]);
    const outcome = await readTextFile(path);
    expect(outcome.ok && outcome.value).toMatchObject({ text: 'a\r\nb', format: { bom: true, eol: 'CRLF' } });
  });

  it('keeps a second BOM as text so it survives a save', async () => {
    const path = await fileWith('two-boms.txt', [...BOM, ...BOM, 0x61]);
    const outcome = await readTextFile(path);
    expect(outcome.ok && outcome.value).toMatchObject({ text: '\ufeffa', format: { bom: true } });
  });

  it.each([
    ['a\r\nb\r\n', 'CRLF'],
    ['a\nb\n', 'LF'],
    ['a\r\nb\nc\r\n', 'CRLF'],
    ['a\r\nb\nc\n', 'LF'],
    ['a\r\nb\n', 'CRLF'],
    ['no line break', 'LF'],
    ['', 'LF'],
    ['old mac\rline', 'LF'],
  ])('detects the line ending of %j as %s and keeps the text as on disk', async (content, eol) => {
    const path = await fileWith('eol.txt', content);
    const outcome = await readTextFile(path);
    expect(outcome.ok && outcome.value).toMatchObject({ text: content, format: { bom: false, eol } });
  });

  it('opens a file whose only NUL byte lies beyond the first 8 KiB', async () => {
    const content = `${'x'.repeat(9000)}\0tail`;
    const path = await fileWith('late-nul.txt', content);
    const outcome = await readTextFile(path);
    expect(outcome.ok && outcome.value.text).toBe(content);
  });

  it('refuses a path that does not exist', async () => {
    const path = await fileWith('gone.txt', 'x');
    await rm(path);
    const error = expectError(await readTextFile(path));
    expect(error.code).toBe('not-found');
    expect(error.message).toBe(`Cannot open ${path}: the file does not exist. It may have been moved or deleted.`);
  });

  it('refuses a directory', async () => {
    const error = expectError(await readTextFile(root));
    expect(error.code).toBe('is-directory');
    expect(error.message).toContain(root);
  });

  it('refuses a file it may not read', async () => {
    const unprivileged = await UnprivilegedFileService.start();
    try {
      await chmod(root, 0o755);
      const path = await fileWith('secret.txt', 'top secret', 0o000);
      const error = expectError(await unprivileged.call('readTextFile', path));
      expect(error.code).toBe('permission-denied');
      expect(error.message).toBe(
        `Cannot open ${path}: permission denied. Check that you are allowed to read this file.`,
      );
      // The same call succeeds once the file is readable: the refusal above came from its mode.
      await chmod(path, 0o644);
      expect((await unprivileged.call('readTextFile', path)).ok).toBe(true);
    } finally {
      await unprivileged.dispose();
    }
  });

  it('refuses bytes that are not UTF-8', async () => {
    const path = await fileWith('latin1.txt', [0x61, 0xc3, 0x28, 0x62]);
    const error = expectError(await readTextFile(path));
    expect(error.code).toBe('not-utf8');
    expect(error.message).toContain(path);
  });

  it.each([
    ['NUL bytes', [0x61, 0x00, 0x62]],
    ['a PNG header', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]],
    ['a UTF-16 LE BOM', [0xff, 0xfe, 0x61, 0x00]],
    ['a UTF-16 BE BOM', [0xfe, 0xff, 0x00, 0x61]],
    ['a UTF-32 LE BOM', [0xff, 0xfe, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00]],
  ])('refuses a file with %s as binary', async (_what, bytes) => {
    const path = await fileWith('binary.bin', bytes);
    const error = expectError(await readTextFile(path));
    expect(error.code).toBe('binary');
    expect(error.message).toContain(path);
  });

  it('names UTF-16 in its refusal, so the user knows to convert the file', async () => {
    const path = await fileWith('utf16.txt', [0xff, 0xfe, 0x61, 0x00]);
    expect(expectError(await readTextFile(path)).message).toContain('UTF-16');
  });

  it('refuses a file larger than the limit, stating the limit', async () => {
    const path = await fileWith('big.txt', 'x'.repeat(3 * 1024 * 1024));
    const error = expectError(await readTextFile(path, 2 * 1024 * 1024));
    expect(error.code).toBe('too-large');
    expect(error.message).toBe(`Cannot open ${path}: it is 3 MiB, and Quire opens text files of at most 2 MiB.`);
  });

  it('opens a file exactly at the limit', async () => {
    const path = await fileWith('edge.txt', '12345');
    expect((await readTextFile(path, 5)).ok).toBe(true);
    expect(expectError(await readTextFile(path, 4)).code).toBe('too-large');
  });
});

describe('writeTextFile', () => {
  it.each([
    ['LF', Buffer.from('first\nsecond é\n')],
    ['CRLF', Buffer.from('first\r\nsecond é\r\n')],
    ['BOM + CRLF', Buffer.from([...BOM, ...Buffer.from('first\r\nsecond\r\nno final break')])],
    ['mixed endings', Buffer.from('a\r\nb\nc\r\n')],
  ])('writes back a %s file byte for byte after reading it', async (_kind, original) => {
    const path = await fileWith('round-trip.txt', original);
    const opened = await readTextFile(path);
    if (!opened.ok) throw new Error(opened.error.message);

    const saved = await writeTextFile(path, opened.value.text, opened.value.format);

    expect(saved.ok).toBe(true);
    expect((await readFile(path)).equals(original)).toBe(true);
  });

  it('writes the BOM when the format has one and CRLF exactly as given', async () => {
    const path = join(root, 'new.txt');
    const saved = await writeTextFile(path, 'a\r\nb\r\n', { bom: true, eol: 'CRLF' });
    expect(saved.ok).toBe(true);
    expect((await readFile(path)).equals(Buffer.from([...BOM, 0x61, 0x0d, 0x0a, 0x62, 0x0d, 0x0a]))).toBe(true);
  });

  it('does not transform line endings: the text is the truth', async () => {
    const path = join(root, 'as-given.txt');
    await writeTextFile(path, 'a\nb\n', CRLF);
    expect((await readFile(path)).equals(Buffer.from('a\nb\n'))).toBe(true);
  });

  it('replaces the file by rename and leaves no temporary file behind', async () => {
    const path = await fileWith('atomic.txt', 'old');
    const before = await stat(path);

    const saved = await writeTextFile(path, 'new', LF);

    const after = await stat(path);
    expect(saved).toEqual({ ok: true, value: { mtimeMs: after.mtimeMs, size: 3 } });
    expect(await readFile(path, 'utf8')).toBe('new');
    // A new inode shows the content arrived whole by rename rather than by rewriting in place.
    expect(after.ino).not.toBe(before.ino);
    expect(await readdir(root)).toEqual(['atomic.txt']);
  });

  it.each([
    ['0640', 0o640],
    ['0755', 0o755],
    ['0666', 0o666],
    ['0600', 0o600],
  ])('keeps the file mode %s', async (_octal, mode) => {
    const path = await fileWith('mode.txt', 'old', mode);
    expect((await writeTextFile(path, 'new', LF)).ok).toBe(true);
    expect((await stat(path)).mode & 0o7777).toBe(mode);
  });

  it('gives a new file the same mode any program would create it with', async () => {
    const reference = await fileWith('made-by-node.txt', 'x');
    const path = join(root, 'made-by-quire.txt');
    expect((await writeTextFile(path, 'x', LF)).ok).toBe(true);
    expect((await stat(path)).mode).toBe((await stat(reference)).mode);
  });

  it.skipIf(!isRoot)('keeps the owner of a file when saving as root', async () => {
    const path = await fileWith('owned.txt', 'old');
    await chown(path, 65534, 65534);
    expect((await writeTextFile(path, 'new', LF)).ok).toBe(true);
    const info = await stat(path);
    expect([info.uid, info.gid]).toEqual([65534, 65534]);
  });

  it('writes through a symlink to its target and keeps the link', async () => {
    await mkdir(join(root, 'real'));
    const target = await fileWith('real/target.txt', 'old');
    const link = join(root, 'link.txt');
    await symlink('real/target.txt', link);

    expect((await writeTextFile(link, 'new', LF)).ok).toBe(true);

    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe('real/target.txt');
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await tempFilesIn(root)).toEqual([]);
    expect(await tempFilesIn(join(root, 'real'))).toEqual([]);
  });

  it('creates the target of a dangling symlink instead of replacing the link', async () => {
    const link = join(root, 'dangling.txt');
    await symlink('not-yet.txt', link);

    expect((await writeTextFile(link, 'created', LF)).ok).toBe(true);

    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(join(root, 'not-yet.txt'), 'utf8')).toBe('created');
  });

  it('refuses to save where it may not write, leaving the file as it was', async () => {
    const unprivileged = await UnprivilegedFileService.start();
    const folder = join(root, 'locked');
    try {
      await chmod(root, 0o755);
      await mkdir(folder);
      const path = join(folder, 'a.txt');
      await writeFile(path, 'original');
      await chmod(path, 0o666);
      await chmod(folder, 0o555);

      const error = expectError(await unprivileged.call('writeTextFile', path, 'changed', LF));

      expect(error.code).toBe('permission-denied');
      expect(error.message).toBe(
        `Cannot save ${path}: permission denied. Check that you can write to ${folder}, or use Save As to save elsewhere. Your text is still open in the editor.`,
      );
      await expectUntouched(path, Buffer.from('original'));
    } finally {
      await chmod(folder, 0o755);
      await unprivileged.dispose();
    }
  });

  // Root may write anywhere, except to an immutable file: the EPERM path, as the root user meets it.
  it.skipIf(!isRoot)('refuses to replace an immutable file, leaving it as it was', async () => {
    const path = await fileWith('immutable.txt', 'original');
    await run('chattr', ['+i', path]);
    try {
      const error = expectError(await writeTextFile(path, 'changed', LF));
      expect(error.code).toBe('permission-denied');
      await expectUntouched(path, Buffer.from('original'));
    } finally {
      await run('chattr', ['-i', path]);
    }
  });

  it('says the folder no longer exists when saving into a deleted folder', async () => {
    const folder = join(root, 'vanished');
    await mkdir(folder);
    await rm(folder, { recursive: true });
    const path = join(folder, 'a.txt');

    const error = expectError(await writeTextFile(path, 'text', LF));

    expect(error.code).toBe('not-found');
    expect(error.message).toBe(
      `Cannot save ${path}: the folder ${folder} no longer exists. Use Save As to choose another place. Your text is still open in the editor.`,
    );
  });

  it('refuses to save over a directory', async () => {
    const folder = join(root, 'a-folder');
    await mkdir(folder);
    const error = expectError(await writeTextFile(folder, 'text', LF));
    expect(error.code).toBe('is-directory');
    expect((await stat(folder)).isDirectory()).toBe(true);
    expect(await tempFilesIn(root)).toEqual([]);
  });

  it('refuses text whose encoded size is over the limit, counting the BOM', async () => {
    const path = await fileWith('limit.txt', 'original');
    // 'éé' is 4 bytes in UTF-8; with the BOM it is 7.
    expect((await writeTextFile(path, 'éé', LF, 4)).ok).toBe(true);
    const error = expectError(await writeTextFile(path, 'éé', { bom: true, eol: 'LF' }, 4));
    expect(error.code).toBe('too-large');
    expect(error.message).toContain(path);
    await expectUntouched(path, Buffer.from('éé'));
  });

  describe.skipIf(!isRoot)('on a small file system of its own (tmpfs, mounted as root)', () => {
    let mountPoint: string;

    beforeEach(async () => {
      mountPoint = join(root, 'mnt');
      await mkdir(mountPoint);
      await run('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint]);
    });

    afterEach(async () => {
      await run('umount', [mountPoint]);
    });

    it('reports a full disk, removes its temporary file and leaves the file as it was', async () => {
      const path = join(mountPoint, 'doc.txt');
      await writeFile(path, 'original');
      await expect(writeFile(join(mountPoint, 'filler'), Buffer.alloc(256 * 1024))).rejects.toMatchObject({
        code: 'ENOSPC',
      });

      const error = expectError(await writeTextFile(path, 'a longer text than before\n'.repeat(100), LF));

      expect(error.code).toBe('disk-full');
      expect(error.message).toContain(`Cannot save ${path}: the disk is full.`);
      await expectUntouched(path, Buffer.from('original'));
    });

    it('reports a read-only file system and leaves the file as it was', async () => {
      const path = join(mountPoint, 'doc.txt');
      await writeFile(path, 'original');
      await run('mount', ['-o', 'remount,ro', mountPoint]);

      const error = expectError(await writeTextFile(path, 'changed', LF));

      expect(error.code).toBe('read-only-fs');
      await expectUntouched(path, Buffer.from('original'));
    });
  });
});

describe('listDirectory', () => {
  it('lists folders first, then names ignoring case, with each entry kind', async () => {
    await mkdir(join(root, 'zeta'));
    await mkdir(join(root, 'Alpha'));
    await fileWith('b.txt', '');
    await fileWith('A.txt', '');
    await fileWith('c.txt', '');
    await symlink('zeta', join(root, 'link-to-dir'));
    await symlink('nowhere', join(root, 'broken-link'));

    const outcome = await listDirectory(root);

    expect(outcome).toEqual({
      ok: true,
      value: {
        path: root,
        truncated: false,
        entries: [
          { name: 'Alpha', kind: 'directory' },
          { name: 'link-to-dir', kind: 'directory' },
          { name: 'zeta', kind: 'directory' },
          { name: 'A.txt', kind: 'file' },
          { name: 'b.txt', kind: 'file' },
          { name: 'broken-link', kind: 'other' },
          { name: 'c.txt', kind: 'file' },
        ],
      },
    });
  });

  it('returns at most the entry limit and says it left some out', async () => {
    for (const name of ['d', 'c', 'b', 'a']) await fileWith(name, '');
    const outcome = await listDirectory(root, 3);
    expect(outcome.ok && outcome.value).toEqual({
      path: root,
      truncated: true,
      entries: ['a', 'b', 'c'].map((name) => ({ name, kind: 'file' })),
    });
  });

  it('refuses a missing folder and a file', async () => {
    const missing = join(root, 'missing');
    expect(expectError(await listDirectory(missing))).toMatchObject({ code: 'not-found' });
    const file = await fileWith('plain.txt', '');
    const error = expectError(await listDirectory(file));
    expect(error.code).toBe('not-a-directory');
    expect(error.message).toContain(file);
  });
});
