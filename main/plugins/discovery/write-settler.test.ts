import { stat, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WriteSettler, type WrittenFile } from './write-settler.js';

const SETTLE_MS = 150;

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'quire-write-settler-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function written(name: string, options: { mtimeSeconds?: number; linked?: boolean } = {}): Promise<{ path: string; file: WrittenFile }> {
  const path = join(root, name);
  await writeFile(path, 'plugin bytes');
  if (options.mtimeSeconds !== undefined) await utimes(path, options.mtimeSeconds, options.mtimeSeconds);
  const info = await stat(path);
  return { path, file: { identity: `${info.ino}:${info.size}:${info.mtimeMs}`, size: info.size, mtimeMs: info.mtimeMs, linked: options.linked ?? false } };
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

describe('WriteSettler', () => {
  it('counts a file last written long ago as complete at once', async () => {
    const { path, file } = await written('old.so', { mtimeSeconds: Date.now() / 1000 - 60.5 });
    expect((await new WriteSettler(SETTLE_MS, false).assess(path, file)).waitMs).toBe(0);
  });

  it('waits until the settling time has passed since the last write', async () => {
    const settler = new WriteSettler(SETTLE_MS, false);
    const { path, file } = await written('fresh.so');
    const first = await settler.assess(path, file);
    expect(first.waitMs).toBeGreaterThan(0);
    expect(first.waitMs).toBeLessThanOrEqual(SETTLE_MS);
    // A timer may fire a little before the wall clock says its time is up.
    await sleep(first.waitMs + 5);
    expect(await settler.assess(path, file)).toEqual({ waitMs: 0, lastWriteAt: file.mtimeMs });
    // Found complete once, the same state does not wait again.
    expect((await settler.assess(path, file)).waitMs).toBe(0);
  });

  it('does not trust a whole-second mtime, which a coarse filesystem may have rounded down', async () => {
    const settler = new WriteSettler(SETTLE_MS, false);
    const { path, file } = await written('coarse.so', { mtimeSeconds: Math.floor(Date.now() / 1000) - 1 });
    expect((await settler.assess(path, file)).waitMs).toBe(SETTLE_MS);
    await sleep(SETTLE_MS + 5);
    expect((await settler.assess(path, file)).waitMs).toBe(0);
  });

  it('counts a file that arrived with content and no write since as complete at once, when writes are all reported', async () => {
    const settler = new WriteSettler(SETTLE_MS, true);
    const renamed = await written('renamed.so');
    settler.noteArrival(renamed.path);
    expect((await settler.assess(renamed.path, renamed.file)).waitMs).toBe(0);

    const created = await written('created.so');
    settler.noteArrival(created.path);
    settler.noteWrite(created.path);
    expect((await settler.assess(created.path, created.file)).waitMs).toBeGreaterThan(0);

    const linked = await written('linked.so', { linked: true });
    settler.noteArrival(linked.path);
    expect((await settler.assess(linked.path, linked.file)).waitMs).toBeGreaterThan(0);
  });

  it('counts a write reported while the verdict is pending', async () => {
    const settler = new WriteSettler(SETTLE_MS, true);
    const { path, file } = await written('racing.so');
    settler.noteArrival(path);
    const verdict = settler.assess(path, file);
    settler.noteWrite(path);
    expect((await verdict).waitMs).toBeGreaterThan(0);
  });
});
