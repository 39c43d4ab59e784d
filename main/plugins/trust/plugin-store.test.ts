import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, open, readdir, readFile, rename, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_PLUGIN_BYTES } from '../../plugin-common/inspect/index.js';
import { PluginStore } from './plugin-store.js';
import { OK_BASIC } from './test-support/minisign-cli.js';

let root: string;
let plugin: string;
let stores: PluginStore[];

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function openStore(dir?: string): Promise<PluginStore> {
  const store = await PluginStore.open(dir);
  stores.push(store);
  return store;
}

async function admitted(store: PluginStore, file: string) {
  const result = await store.admit(file);
  if (!result.ok) throw new Error(result.failure.message);
  return result.value;
}

beforeEach(async () => {
  if (!existsSync(OK_BASIC)) throw new Error(`${OK_BASIC} is missing: run \`npm run build\` first (npm test does).`);
  root = await mkdtemp(path.join(tmpdir(), 'quire-plugin-store-test-'));
  plugin = path.join(root, 'plugin.so');
  await copyFile(OK_BASIC, plugin);
  stores = [];
});

afterEach(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await rm(root, { recursive: true, force: true });
});

describe('PluginStore.admit', () => {
  it('keeps a read-only, byte-identical copy named by the SHA-256 of the file', async () => {
    const store = await openStore();
    expect(path.basename(store.dir)).toMatch(/^quire-plugin-store-/);
    expect((await stat(store.dir)).mode & 0o777).toBe(0o700);

    const original = await readFile(plugin);
    const copy = await admitted(store, plugin);
    expect(copy.sha256).toBe(sha256Of(original));
    expect(copy.size).toBe(original.length);
    expect(copy.privatePath).toBe(path.join(store.dir, `${copy.sha256}.so`));
    expect((await stat(copy.privatePath)).mode & 0o777).toBe(0o444);
    expect((await readFile(copy.privatePath)).equals(original)).toBe(true);
    // No temporary file is left behind.
    expect(await readdir(store.dir)).toEqual([`${copy.sha256}.so`]);
  });

  it('leaves the copy and its hash untouched when the original is written over in place', async () => {
    const store = await openStore();
    const original = await readFile(plugin);
    const copy = await admitted(store, plugin);
    const handle = await open(plugin, 'r+');
    await handle.write(Buffer.from('overwritten'), 0, 11, 4096);
    await handle.close();
    await writeFile(plugin, Buffer.concat([await readFile(plugin), Buffer.from('more')]));

    expect((await readFile(copy.privatePath)).equals(original)).toBe(true);
    expect(sha256Of(await readFile(copy.privatePath))).toBe(copy.sha256);
    const changed = await admitted(store, plugin);
    expect(changed.sha256).not.toBe(copy.sha256);
    expect(changed.sha256).toBe(sha256Of(await readFile(plugin)));
  });

  it('leaves the copy untouched when the original is replaced by rename', async () => {
    const store = await openStore();
    const original = await readFile(plugin);
    const copy = await admitted(store, plugin);
    const replacement = path.join(root, '.plugin.so.part');
    await writeFile(replacement, Buffer.from('a different file'));
    await rename(replacement, plugin);

    expect((await readFile(copy.privatePath)).equals(original)).toBe(true);
    expect(sha256Of(await readFile(copy.privatePath))).toBe(copy.sha256);
  });

  it('shares one copy between files with the same bytes, and deletes it when the last reference goes', async () => {
    const store = await openStore();
    const twin = path.join(root, 'twin.so');
    await copyFile(plugin, twin);
    const first = await admitted(store, plugin);
    const second = await admitted(store, twin);
    expect(second.privatePath).toBe(first.privatePath);
    expect(store.references(first.sha256)).toBe(2);
    expect(store.retain(first.sha256)).toBe(true);

    await store.release(first.sha256);
    await store.release(first.sha256);
    expect(existsSync(first.privatePath)).toBe(true);
    await store.release(first.sha256);
    expect(existsSync(first.privatePath)).toBe(false);
    expect(store.references(first.sha256)).toBe(0);
    expect(store.retain(first.sha256)).toBe(false);
    // Releasing what is not held is harmless.
    await store.release(first.sha256);
  });

  it('writes the copy again when a file is admitted after its copy was released', async () => {
    const store = await openStore();
    const first = await admitted(store, plugin);
    const releasing = store.release(first.sha256);
    const again = store.admit(plugin);
    await releasing;
    const second = await again;
    expect(second.ok && second.value.privatePath).toBe(first.privatePath);
    expect(existsSync(first.privatePath)).toBe(true);
    expect(store.references(first.sha256)).toBe(1);
  });

  it('refuses a missing file, a folder and a pipe as unreadable, without waiting on the pipe', async () => {
    const store = await openStore();
    const missing = await store.admit(path.join(root, 'gone.so'));
    expect(missing).toMatchObject({ ok: false, failure: { code: 'unreadable', detail: { errno: 'ENOENT' } } });
    expect(!missing.ok && missing.failure.message).toBe(`Quire cannot read the plugin file ${path.join(root, 'gone.so')}: it does not exist.`);

    const folder = path.join(root, 'folder.so');
    await mkdir(folder);
    expect(await store.admit(folder)).toMatchObject({ ok: false, failure: { code: 'unreadable', message: expect.stringMatching(/it is a directory/) } });

    const fifo = path.join(root, 'fifo.so');
    execFileSync('mkfifo', [fifo]);
    expect(await store.admit(fifo)).toMatchObject({ ok: false, failure: { code: 'unreadable', message: expect.stringMatching(/not a regular file/) } });
    expect(await readdir(store.dir)).toEqual([]);
  });

  it('refuses an unreadable file with the fix in the message', async () => {
    if (process.getuid?.() === 0) return; // root reads every file
    const store = await openStore();
    await chmod(plugin, 0o000);
    expect(await store.admit(plugin)).toMatchObject({ ok: false, failure: { code: 'unreadable', message: expect.stringMatching(/permission was denied/) } });
  });

  it('refuses a file over the plugin size limit before reading it', async () => {
    const store = await openStore();
    const huge = path.join(root, 'huge.so');
    await writeFile(huge, '');
    await truncate(huge, DEFAULT_MAX_PLUGIN_BYTES + 1); // sparse: costs no disk
    const result = await store.admit(huge);
    expect(result).toMatchObject({ ok: false, failure: { code: 'too-large', detail: { size: DEFAULT_MAX_PLUGIN_BYTES + 1 } } });
    expect(!result.ok && result.failure.message).toMatch(/more than the 268435456-byte limit/);
  });
});

describe('PluginStore in a folder of the caller’s choosing', () => {
  it('makes it private, replaces a leftover copy whose bytes do not match its name, and keeps the folder on close', async () => {
    const dir = path.join(root, 'store');
    const sha256 = sha256Of(await readFile(plugin));
    await mkdir(dir, { mode: 0o755 });
    const forged = path.join(dir, `${sha256}.so`);
    await writeFile(forged, Buffer.alloc((await stat(plugin)).size, 0x90));
    await chmod(forged, 0o444);

    const store = await PluginStore.open(dir);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const copy = await admitted(store, plugin);
    expect(copy.privatePath).toBe(forged);
    expect(sha256Of(await readFile(copy.privatePath))).toBe(sha256);

    await store.close();
    expect(existsSync(dir)).toBe(true);
    expect(await readdir(dir)).toEqual([]);
  });

  it('reuses a leftover copy whose bytes match its name', async () => {
    const dir = path.join(root, 'store');
    const first = await PluginStore.open(dir);
    const copy = await admitted(first, plugin);
    const before = await stat(copy.privatePath);
    // A second store over the same folder (after a crash, say) checks the bytes and keeps the file.
    const second = await openStore(dir);
    expect((await admitted(second, plugin)).privatePath).toBe(copy.privatePath);
    expect((await stat(copy.privatePath)).ino).toBe(before.ino);
  });
});

describe('PluginStore.signatureFor', () => {
  it('reads the .minisig beside a file, and says when there is none', async () => {
    const store = await openStore();
    expect(await store.signatureFor(plugin)).toEqual({ ok: true, path: `${plugin}.minisig`, text: null });
    await writeFile(`${plugin}.minisig`, 'untrusted comment: x\n');
    expect(await store.signatureFor(plugin)).toEqual({ ok: true, path: `${plugin}.minisig`, text: 'untrusted comment: x\n' });
  });

  it('reports a signature that cannot be read as a problem, never as unsigned', async () => {
    const store = await openStore();
    await writeFile(`${plugin}.minisig`, Buffer.alloc(200_000, 'A'));
    expect(await store.signatureFor(plugin)).toEqual({ ok: false, path: `${plugin}.minisig`, problem: expect.stringMatching(/200000 bytes/) });
    await rm(`${plugin}.minisig`);
    await mkdir(`${plugin}.minisig`);
    expect(await store.signatureFor(plugin)).toEqual({ ok: false, path: `${plugin}.minisig`, problem: expect.stringMatching(/directory/) });
  });
});

describe('PluginStore.close', () => {
  it('removes the folder it made, and refuses admits afterwards', async () => {
    const store = await PluginStore.open();
    const copy = await admitted(store, plugin);
    await store.close();
    expect(existsSync(copy.privatePath)).toBe(false);
    expect(existsSync(store.dir)).toBe(false);
    expect(await store.admit(plugin)).toMatchObject({ ok: false, failure: { code: 'unavailable' } });
    expect(existsSync(store.dir)).toBe(false);
  });
});
