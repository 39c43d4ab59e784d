/**
 * A backup survives the process dying in the middle of replacing it: a real child process
 * writes large backups in a loop and is killed with SIGKILL while a write is under way (its
 * temporary file exists), and the backup before it must still be there, whole and readable.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupStore } from './backup-store.js';
import { isTemporaryName } from './private-file.js';
import { CRASH_KEY, crashBackup } from './test-support/crash-backups.js';

const MEGABYTES = 16;
const KILLS_WANTED = 3;
const MAX_ATTEMPTS = 10;

let dir: string;
let writer: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'quire-backup-crash-'));
  writer = path.join(dir, 'backup-writer.mjs');
  // The child runs the real BackupStore, bundled as plain JavaScript for Node.
  await build({
    entryPoints: [path.join(import.meta.dirname, 'test-support', 'backup-writer-main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: writer,
    logLevel: 'silent',
  });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Numbers the child reported as written, as they arrive. */
function startWriter(folder: string, first: number): { child: ChildProcess; written: number[]; exited: Promise<NodeJS.Signals | null> } {
  const child = spawn(process.execPath, [writer, folder, String(first), String(MEGABYTES)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const written: number[] = [];
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    for (const match of buffered.matchAll(/wrote (\d+)\n/g)) written.push(Number(match[1]));
    buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  return { child, written, exited };
}

const temporaryFiles = (folder: string) => readdirSync(folder).filter(isTemporaryName);

/** Size of a temporary file being written, or 0 while there is none (or it has no bytes yet). */
function writtenSoFar(folder: string): number {
  for (const name of temporaryFiles(folder)) {
    try {
      return statSync(path.join(folder, name)).size;
    } catch {
      // Renamed away between the listing and the stat: that write is complete.
    }
  }
  return 0;
}

/**
 * Kills the child with SIGKILL while a write's temporary file exists with some of its bytes
 * (the write is under way, not done); false if no such moment came in time.
 */
function killMidWrite(child: ChildProcess, folder: string): boolean {
  const deadline = Date.now() + 20_000;
  // Polled without yielding, so nothing of this process delays the kill once the file shows.
  while (Date.now() < deadline) {
    if (writtenSoFar(folder) > 0) {
      child.kill('SIGKILL');
      return true;
    }
  }
  child.kill('SIGKILL');
  return false;
}

describe('a backup write killed midway', () => {
  it('leaves the previous backup whole and readable, every time', async () => {
    const folder = path.join(dir, 'Backups', 'workspace');
    let confirmedKills = 0;
    let next = 1;
    for (let attempt = 0; attempt < MAX_ATTEMPTS && confirmedKills < KILLS_WANTED; attempt++) {
      const { child, written, exited } = startWriter(folder, next);
      // One complete backup first, so there is a previous one to lose.
      await expect.poll(() => written.length, { timeout: 30_000, interval: 5 }).toBeGreaterThan(0);
      const lastReported = written.at(-1) as number;
      const killed = killMidWrite(child, folder);
      expect(await exited).toBe('SIGKILL');
      // The write was cut short only if its temporary file is still there (it was never renamed).
      if (killed && temporaryFiles(folder).length > 0) confirmedKills++;

      const listing = await BackupStore.forFolder(folder).list();
      if (!listing.ok) throw new Error(listing.error.message);
      expect(listing.value.unreadable).toEqual([]);
      expect(listing.value.backups).toHaveLength(1);
      const restored = listing.value.backups[0];
      const n = Number(restored?.meta.name.replace('crash-', ''));
      // The last backup reported complete, or a later one whose rename landed before the kill.
      expect(n).toBeGreaterThanOrEqual(lastReported);
      expect(restored?.meta.key).toBe(CRASH_KEY);
      expect(restored?.text === crashBackup(n, MEGABYTES).text).toBe(true);
      next = Math.max(n, ...written) + 1;
    }
    expect(confirmedKills).toBe(KILLS_WANTED);
  }, 180_000);
});
