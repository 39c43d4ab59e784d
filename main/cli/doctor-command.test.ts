/**
 * `quire doctor` as a plugin author's CI runs it: the real built CLI, real host processes,
 * the real test plugins and bundled plugins.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PLUGINS, requireBuild, ROOT, testPlugin, TEST_PLUGINS } from '../plugins/test-support/host-fixtures.js';

const CLI = path.join(ROOT, 'bin', 'quire.js');

function doctor(...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, 'doctor', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(requireBuild);

describe('quire doctor', () => {
  it('loads every bundled plugin and exits 0', () => {
    const run = doctor('--json', BUNDLED_PLUGINS);
    expect(run.stderr).toBe('');
    const reports = JSON.parse(run.stdout) as { path: string; status: string; plugin: { id: string } | null }[];
    const ids = reports.map((r) => r.plugin?.id);
    expect(ids).toContain('dev.quire.text-tools');
    // The Rust and Go plugins are built only where their toolchains are installed.
    if (existsSync(path.join(BUNDLED_PLUGINS, 'csv.so'))) expect(ids).toContain('dev.quire.csv');
    if (existsSync(path.join(BUNDLED_PLUGINS, 'json-tools.so'))) expect(ids).toContain('dev.quire.json-tools');
    expect(reports.every((r) => r.status === 'loaded')).toBe(true);
    expect(run.status).toBe(0);
  });

  it('reports each test plugin with its code, as JSON with every documented field, and exits 1', () => {
    const run = doctor('--json', TEST_PLUGINS);
    expect(run.status).toBe(1);
    const reports = JSON.parse(run.stdout) as Record<string, unknown>[];
    for (const report of reports) {
      expect(Object.keys(report).sort()).toEqual(['code', 'contributions', 'loadMs', 'message', 'path', 'plugin', 'sandbox', 'sha256', 'signer', 'status']);
    }
    const byName = Object.fromEntries(reports.map((r) => [path.basename(r.path as string, '.so'), r]));
    const okBasic = byName['ok-basic'];
    expect(okBasic).toMatchObject({ status: 'loaded', code: null, contributions: { commands: 3, formats: 1, linters: 1 }, signer: null });
    expect(okBasic?.sha256).toBe(createHash('sha256').update(readFileSync(testPlugin('ok-basic'))).digest('hex'));
    expect(okBasic?.sandbox).toMatchObject({ state: 'sandboxed', seccomp: true, grants: [] });
    expect(byName['missing-entry']).toMatchObject({ status: 'refused', code: 'missing-entry' });
    expect(byName['constructor-marker']).toMatchObject({ status: 'refused', code: 'missing-entry' });
    expect(byName['unresolved-symbol']).toMatchObject({ status: 'failed', code: 'unresolved-symbol' });
    expect(byName['missing-library']).toMatchObject({ status: 'failed', code: 'missing-library' });
    expect(byName['abi-too-old']).toMatchObject({ status: 'failed', code: 'abi-too-old' });
    expect(byName['init-failed']).toMatchObject({ status: 'failed', code: 'init-failed' });
    expect(byName['constructor-crash']).toMatchObject({ status: 'failed', code: 'crashed' });
  });

  it('prints a readable table with the message under each failure', () => {
    const run = doctor(testPlugin('ok-basic'), testPlugin('missing-library'));
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/FILE\s+STATUS\s+CODE\s+PLUGIN\s+CONTRIBUTIONS\s+LOAD/);
    expect(run.stdout).toMatch(/ok-basic\.so\s+loaded\s+dev\.quire\.test\.ok-basic 1\.0\.0\s+3 commands, 1 format, 1 linter/);
    expect(run.stdout).toContain('libquire_test_absent.so');
    expect(run.stdout).toContain('1 of 2 files loaded.');
    expect(run.stdout).toMatch(/sha256 [0-9a-f]{64}\s+unsigned\s+sandboxed: Landlock \d+, seccomp/);
  });

  it('survives a folder of things that are not plugins at all', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'quire-doctor-'));
    try {
      spawnSync('mkfifo', [path.join(dir, 'a-pipe')]);
      const server = net.createServer().listen(path.join(dir, 'a-socket'));
      await new Promise((resolve) => server.once('listening', resolve));
      symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangling.so'));
      symlinkSync('loop.so', path.join(dir, 'loop.so'));
      writeFileSync(path.join(dir, 'empty.so'), '');
      writeFileSync(path.join(dir, 'script.so'), '#!/bin/sh\necho hi\n');
      mkdirSync(path.join(dir, 'subfolder'));
      const run = doctor('--json', dir);
      server.close();
      expect(run.status).toBe(1);
      const reports = JSON.parse(run.stdout) as { path: string; status: string; code: string }[];
      expect(reports.map((r) => path.basename(r.path)).sort()).toEqual(['a-pipe', 'a-socket', 'dangling.so', 'empty.so', 'loop.so', 'script.so']);
      expect(reports.every((r) => r.status === 'refused')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!existsSync('/usr/lib/x86_64-linux-gnu'))('survives a folder of a thousand unrelated system libraries, starting no host for them', () => {
    const run = doctor('--json', '/usr/lib/x86_64-linux-gnu');
    expect(run.status).toBe(1);
    const reports = JSON.parse(run.stdout) as { status: string }[];
    expect(reports.length).toBeGreaterThan(100);
    expect(reports.every((r) => r.status === 'refused')).toBe(true);
  });

  it('explains usage mistakes with exit code 2', () => {
    expect(doctor().status).toBe(2);
    expect(doctor('--jsn', TEST_PLUGINS).status).toBe(2);
  });
});
