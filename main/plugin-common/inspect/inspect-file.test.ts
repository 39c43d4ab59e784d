import { chmodSync, mkdirSync, symlinkSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_PLUGIN_BYTES, inspectFile, inspectFileSync } from './index.js';
import { ScratchDir, bytesOf, expectWellFormed, run } from './test-fixtures.js';

const scratch = new ScratchDir();
let plugin: string;

beforeAll(() => {
  plugin = scratch.compile('plugin.so', '__attribute__((visibility("default"))) int quire_plugin_entry(void) { return 1; }\n', ['-shared', '-fPIC']);
});

afterAll(() => scratch.remove());

/** Inspects with both the async and the sync reader, which must agree on every case below. */
async function inspectPath(path: string, maxBytes?: number) {
  const result = await inspectFile(path, undefined, undefined, maxBytes);
  expectWellFormed(result);
  expect(inspectFileSync(path, undefined, undefined, maxBytes)).toEqual(result);
  return result;
}

describe('inspectFile', () => {
  it('reads a plugin from disk and inspects it for this machine and the Quire entry symbol by default', async () => {
    expect(await inspectPath(plugin)).toMatchObject({ ok: true, entryExported: true });
  });

  it('follows a symbolic link to the plugin', async () => {
    const link = join(scratch.path, 'link.so');
    symlinkSync(plugin, link);
    expect(await inspectPath(link)).toMatchObject({ ok: true });
  });

  it('refuses a file larger than maxBytes without inspecting it', async () => {
    const size = bytesOf(plugin).length;
    const result = await inspectPath(plugin, size - 1);
    expect(result).toMatchObject({ ok: false, code: 'too-large', detail: { size, maxBytes: size - 1 } });
    expect(await inspectPath(plugin, size)).toMatchObject({ ok: true });
  });

  it('refuses a file over 256 MiB by default, checking its size before reading it', async () => {
    // A sparse file: it claims the size without taking the disk space or being read.
    const huge = scratch.file('huge.so', '');
    truncateSync(huge, DEFAULT_MAX_PLUGIN_BYTES + 1);
    expect(await inspectPath(huge)).toMatchObject({ code: 'too-large', detail: { size: 256 * 1024 * 1024 + 1, maxBytes: 256 * 1024 * 1024 } });
  });

  it('says a missing file does not exist', async () => {
    const missing = join(scratch.path, 'missing.so');
    const result = await inspectPath(missing);
    expect(result).toMatchObject({ code: 'unreadable', detail: { path: missing, errno: 'ENOENT' } });
    if (!result.ok) expect(result.message).toContain('does not exist');
  });

  it('says a directory is a directory', async () => {
    const dir = join(scratch.path, 'plugin-dir.so');
    mkdirSync(dir);
    const result = await inspectPath(dir);
    expect(result).toMatchObject({ code: 'unreadable', detail: { errno: 'EISDIR' } });
    if (!result.ok) expect(result.message).toContain('is a directory');
  });

  it('refuses a named pipe without blocking on it', async () => {
    const fifo = join(scratch.path, 'pipe.so');
    run('mkfifo', [fifo]);
    const result = await inspectPath(fifo);
    expect(result).toMatchObject({ code: 'unreadable' });
    if (!result.ok) expect(result.message).toContain('not a regular file');
  });

  it('reports a symbolic link loop', async () => {
    const a = join(scratch.path, 'loop-a.so');
    const b = join(scratch.path, 'loop-b.so');
    symlinkSync(b, a);
    symlinkSync(a, b);
    expect(await inspectPath(a)).toMatchObject({ code: 'unreadable', detail: { errno: 'ELOOP' } });
  });

  it('reports a path that runs through a file', async () => {
    expect(await inspectPath(join(plugin, 'inner.so'))).toMatchObject({ code: 'unreadable', detail: { errno: 'ENOTDIR' } });
  });

  // root reads any file regardless of its mode, so permission errors only exist for other users.
  it.skipIf(process.getuid?.() === 0)('says permission was denied for a file it may not read', async () => {
    const locked = scratch.file('locked.so', bytesOf(plugin));
    chmodSync(locked, 0o000);
    const result = await inspectPath(locked);
    expect(result).toMatchObject({ code: 'unreadable', detail: { errno: 'EACCES' } });
    if (!result.ok) expect(result.message).toContain('permission');
  });

  it('inspects what it read: a text file is not a binary', async () => {
    expect(await inspectPath(scratch.file('notes.so', 'not a plugin\n'))).toMatchObject({ code: 'not-a-binary', detail: { kind: 'text' } });
  });
});
