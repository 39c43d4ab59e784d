import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backup, BackupMeta } from '../../app/workspace-contract.js';
import { decodeBackup, encodeBackup } from './backup-format.js';
import { BackupStore, UNREADABLE_FOLDER } from './backup-store.js';

let root: string;
let folder: string;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'quire-backups-'));
  folder = path.join(root, 'Backups', 'abc');
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function backup(key: string, text: string, meta: Partial<BackupMeta> = {}): Backup {
  return {
    meta: {
      key,
      path: null,
      name: `Untitled-${key}`,
      languageId: 'plaintext',
      eol: 'LF',
      bom: false,
      cursor: { lineNumber: 1, column: 1 },
      diskStamp: null,
      tabIndex: 0,
      backedUpAt: 1_700_000_000_000,
      ...meta,
    },
    text,
  };
}

async function listed(store: BackupStore) {
  const result = await store.list();
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('backup files', () => {
  it('round-trip text byte for byte: CRLF, non-ASCII, a BOM-like start and an empty text', () => {
    for (const text of ['line one\r\nline two\r\n', 'Grüße — 日本語 — 🎉\n', '\uFEFFstarts with a BOM character', '']) {
      const decoded = decodeBackup(encodeBackup(backup('k', text)));
      expect(decoded).toEqual({ ok: true, backup: backup('k', text) });
    }
  });

  it('tell a truncated file, a damaged one and one that is not a backup apart', () => {
    const bytes = encodeBackup(backup('k', 'some unsaved text that matters'));
    expect(decodeBackup(bytes.subarray(0, bytes.length - 5))).toEqual({ ok: false, reason: expect.stringMatching(/^it is truncated: \d+ of its 30 bytes/) });
    const flipped = Buffer.from(bytes);
    flipped.writeUInt8(flipped.readUInt8(flipped.length - 1) ^ 0x20, flipped.length - 1);
    expect(decodeBackup(flipped)).toEqual({ ok: false, reason: 'its text does not match its checksum (damaged on disk)' });
    expect(decodeBackup(Buffer.concat([bytes, Buffer.from('extra')]))).toEqual({ ok: false, reason: 'it has 5 bytes more than its header says' });
    expect(decodeBackup(Buffer.from('hello world\n'))).toEqual({ ok: false, reason: 'it is not a Quire backup (its first line is not JSON)' });
    expect(decodeBackup(Buffer.from('{"format":"other"}\nx'))).toEqual({ ok: false, reason: 'it is not a Quire backup (its header is not one)' });
    expect(decodeBackup(Buffer.from('no newline at all'))).toEqual({ ok: false, reason: 'it is not a Quire backup (it has no header line)' });
    expect(decodeBackup(Buffer.alloc(0))).toEqual({ ok: false, reason: 'it is empty' });
    const header = JSON.parse(bytes.subarray(0, bytes.indexOf(10)).toString());
    const newer = Buffer.from(`${JSON.stringify({ ...header, version: 2 })}\n`);
    expect(decodeBackup(newer)).toEqual({ ok: false, reason: 'it was written in backup format 2, which this version of Quire does not read' });
    const badMeta = Buffer.from(`${JSON.stringify({ ...header, meta: { ...header.meta, cursor: { lineNumber: 0, column: 1 } } })}\n`);
    expect(decodeBackup(badMeta)).toEqual({ ok: false, reason: expect.stringMatching(/^its header is damaged \(cursor\.lineNumber/) });
  });
});

describe('BackupStore', () => {
  it('writes one private file per tab in a private folder and lists them in tab order', async () => {
    const store = new BackupStore(folder);
    expect(await store.write(backup('b', 'second tab', { tabIndex: 1 }))).toEqual({ ok: true, value: {} });
    expect(await store.write(backup('a', 'first tab', { tabIndex: 0, path: '/work/notes.md', name: 'notes.md', languageId: 'markdown', diskStamp: { mtimeMs: 5, size: 3 } }))).toEqual({ ok: true, value: {} });
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(folder)) expect(statSync(path.join(folder, name)).mode & 0o777).toBe(0o600);
    const { backups, unreadable } = await listed(store);
    expect(unreadable).toEqual([]);
    expect(backups.map((b) => [b.meta.key, b.text])).toEqual([
      ['a', 'first tab'],
      ['b', 'second tab'],
    ]);
    expect(backups[0]?.meta).toMatchObject({ path: '/work/notes.md', languageId: 'markdown', diskStamp: { mtimeMs: 5, size: 3 } });
  });

  it('lists nothing, without error, when the folder does not exist yet', async () => {
    expect(await listed(new BackupStore(folder))).toEqual({ backups: [], unreadable: [] });
  });

  it('replaces a tab\'s backup on each write and removes it on discard', async () => {
    const store = new BackupStore(folder);
    await store.write(backup('a', 'one'));
    await store.write(backup('a', 'two'));
    expect((await listed(store)).backups.map((b) => b.text)).toEqual(['two']);
    expect(await store.discard('a')).toEqual({ ok: true, value: {} });
    expect(await listed(store)).toEqual({ backups: [], unreadable: [] });
    expect(await store.discard('never-written')).toEqual({ ok: true, value: {} });
    expect(readdirSync(folder)).toEqual([]);
  });

  it('keeps the order of writes and discards for a key: the last asked for wins', async () => {
    const store = new BackupStore(folder);
    const writes = Array.from({ length: 20 }, (_, i) => store.write(backup('a', `version ${i}`)));
    const results = await Promise.all(writes);
    expect(results.every((result) => result.ok)).toBe(true);
    expect((await listed(store)).backups.map((b) => b.text)).toEqual(['version 19']);

    // write, discard, write: the backup exists with the last text.
    const [, , last] = await Promise.all([store.write(backup('a', 'x')), store.discard('a'), store.write(backup('a', 'after discard'))]);
    expect(last.ok).toBe(true);
    expect((await listed(store)).backups.map((b) => b.text)).toEqual(['after discard']);

    // write then discard: gone.
    await Promise.all([store.write(backup('a', 'y')), store.discard('a')]);
    expect((await listed(store)).backups).toEqual([]);
  });

  it('keeps unreadable files aside in unreadable/ and reports each with its reason, never deleting one', async () => {
    const store = new BackupStore(folder);
    await store.write(backup('good', 'fine text'));
    await store.write(backup('cut', 'this text will be cut short'));
    const cutFile = path.join(folder, 'cut.backup');
    const cutBytes = readFileSync(cutFile);
    writeFileSync(cutFile, cutBytes.subarray(0, cutBytes.length - 4));
    await store.write(backup('flip', 'this text will be damaged'));
    const flipFile = path.join(folder, 'flip.backup');
    const flipBytes = readFileSync(flipFile);
    flipBytes.writeUInt8(flipBytes.readUInt8(flipBytes.length - 2) ^ 0x01, flipBytes.length - 2);
    writeFileSync(flipFile, flipBytes);
    writeFileSync(path.join(folder, 'notes.txt'), 'a file someone dropped here');
    writeFileSync(path.join(folder, 'garbage.backup'), '{not json\nat all');
    // A backup copied under another tab's name is not that tab's.
    writeFileSync(path.join(folder, 'other.backup'), encodeBackup(backup('good', 'copied')));

    const { backups, unreadable } = await listed(store);
    expect(backups.map((b) => b.meta.key)).toEqual(['good']);
    const byFile = Object.fromEntries(unreadable.map((u) => [path.basename(u.file), u]));
    expect(Object.keys(byFile).sort()).toEqual(['cut.backup', 'flip.backup', 'garbage.backup', 'notes.txt', 'other.backup']);
    expect(byFile['cut.backup']?.reason).toMatch(/^it is truncated/);
    expect(byFile['flip.backup']?.reason).toBe('its text does not match its checksum (damaged on disk)');
    expect(byFile['garbage.backup']?.reason).toBe('it is not a Quire backup (its first line is not JSON)');
    expect(byFile['notes.txt']?.reason).toBe('it is not a Quire backup (its name is not one)');
    expect(byFile['other.backup']?.reason).toMatch(/belongs to tab good/);
    for (const kept of unreadable) {
      expect(path.dirname(kept.keptAt)).toBe(path.join(folder, UNREADABLE_FOLDER));
      expect(existsSync(kept.file)).toBe(false);
    }
    // Kept byte for byte.
    expect(readFileSync(byFile['cut.backup']?.keptAt ?? '')).toEqual(cutBytes.subarray(0, cutBytes.length - 4));
    expect(readFileSync(byFile['notes.txt']?.keptAt ?? '', 'utf8')).toBe('a file someone dropped here');

    // Reported once: the next start finds only the good one, and the kept files are still there.
    expect(await listed(store)).toEqual({ backups: [expect.objectContaining({ text: 'fine text' })], unreadable: [] });
    expect(readdirSync(path.join(folder, UNREADABLE_FOLDER))).toHaveLength(5);
  });

  it('leaves a fresh temporary file alone (a write may be running) and removes a stale one', async () => {
    const store = new BackupStore(folder);
    await store.write(backup('a', 'kept'));
    const fresh = path.join(folder, '.a.backup.111111111111.tmp');
    const stale = path.join(folder, '.a.backup.222222222222.tmp');
    writeFileSync(fresh, 'half a wri');
    writeFileSync(stale, 'half a wri');
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(stale, hourAgo, hourAgo);
    expect(await listed(store)).toEqual({ backups: [expect.objectContaining({ text: 'kept' })], unreadable: [] });
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(stale)).toBe(false);
  });

  it('reports a folder it cannot write as an error with a code, and writes once it can', async () => {
    writeFileSync(path.join(root, 'Backups'), 'a file where the folder should be');
    const store = new BackupStore(folder);
    const result = await store.write(backup('a', 'text'));
    expect(result).toMatchObject({ ok: false, error: { code: 'not-a-directory', message: expect.stringContaining(`Quire could not back up Untitled-a in ${folder}`) } });
    rmSync(path.join(root, 'Backups'));
    expect(await store.write(backup('a', 'text'))).toEqual({ ok: true, value: {} });
  });

  it('is one store per folder in a process, so every connection\'s writes to a key are ordered', () => {
    expect(BackupStore.forFolder(folder)).toBe(BackupStore.forFolder(folder));
    expect(BackupStore.forFolder(folder)).not.toBe(BackupStore.forFolder(`${folder}-other`));
  });
});
