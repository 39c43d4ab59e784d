import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPROVALS_FILE, MAX_APPROVALS, PluginApprovals } from './approvals.js';

let root: string;
let configDir: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'quire-approvals-'));
  configDir = path.join(root, 'config');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');
const A = hashOf('a');
const B = hashOf('b');
const about = (name: string) => ({ path: `/home/ada/plugins/${name}.so`, id: `dev.example.${name}`, name: `Plugin ${name}` });

describe('PluginApprovals', () => {
  it('has no answer for a file never asked about, and writes nothing to say so', async () => {
    expect(await new PluginApprovals(configDir).decision(A)).toBeNull();
    await expect(stat(configDir)).rejects.toThrow();
  });

  it('keeps answers across instances, in plugin-approvals.json in a private config folder', async () => {
    const approvals = new PluginApprovals(configDir, () => 1234);
    expect(await approvals.record(A, 'allow', about('a'))).toEqual({ ok: true });
    expect(await approvals.record(B, 'deny', { path: '/tmp/b.so', id: null, name: null })).toEqual({ ok: true });

    const later = new PluginApprovals(configDir);
    expect(await later.decision(A)).toBe('allow');
    expect(await later.decision(B)).toBe('deny');
    expect(await later.decision(hashOf('c'))).toBeNull();
    expect((await stat(configDir)).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(path.join(configDir, APPROVALS_FILE), 'utf8'))).toEqual({
      approvals: [
        { sha256: A, decision: 'allow', ...about('a'), at: 1234 },
        { sha256: B, decision: 'deny', path: '/tmp/b.so', id: null, name: null, at: 1234 },
      ],
    });
    expect((await later.list()).map((entry) => entry.sha256)).toEqual([B, A]);
  });

  it('replaces an earlier answer for the same hash, and forgets one on request', async () => {
    const approvals = new PluginApprovals(configDir);
    await approvals.record(A, 'allow', about('a'));
    await approvals.record(A, 'deny', about('a'));
    expect(await approvals.decision(A)).toBe('deny');
    expect(await approvals.list()).toHaveLength(1);
    await approvals.forget(A);
    expect(await new PluginApprovals(configDir).decision(A)).toBeNull();
  });

  it('keeps every answer given at the same time', async () => {
    const approvals = new PluginApprovals(configDir);
    const hashes = Array.from({ length: 20 }, (_, i) => hashOf(`plugin ${i}`));
    await Promise.all(hashes.map((hash, i) => approvals.record(hash, i % 2 ? 'deny' : 'allow', about(`p${i}`))));
    const later = new PluginApprovals(configDir);
    for (const [i, hash] of hashes.entries()) expect(await later.decision(hash)).toBe(i % 2 ? 'deny' : 'allow');
  });

  it(`keeps the newest ${MAX_APPROVALS} answers`, async () => {
    await mkdir(configDir, { recursive: true });
    const old = Array.from({ length: MAX_APPROVALS }, (_, i) => ({
      sha256: hashOf(`old ${i}`),
      decision: 'allow',
      path: `/p/${i}.so`,
      id: null,
      name: null,
      at: i,
    }));
    await writeFile(path.join(configDir, APPROVALS_FILE), JSON.stringify({ approvals: old }));
    const approvals = new PluginApprovals(configDir);
    expect(await approvals.decision(old[0]!.sha256)).toBe('allow');

    await approvals.record(A, 'deny', about('a'));
    expect(await approvals.decision(A)).toBe('deny');
    expect(await approvals.decision(old[0]!.sha256)).toBeNull();
    expect(await approvals.decision(old[1]!.sha256)).toBe('allow');
    expect(await approvals.list()).toHaveLength(MAX_APPROVALS);
  });

  it('treats a damaged file as no answers and keeps it aside', async () => {
    await mkdir(configDir, { recursive: true });
    await writeFile(path.join(configDir, APPROVALS_FILE), '{"approvals": [{"sha256": "nope"}]}');
    const approvals = new PluginApprovals(configDir);
    expect(await approvals.decision(A)).toBeNull();
    expect((await readdir(configDir)).sort()).toEqual([`${APPROVALS_FILE}.corrupt`]);
    expect(await approvals.record(A, 'allow', about('a'))).toEqual({ ok: true });
    expect(await approvals.decision(A)).toBe('allow');
  });

  it('refuses to record something that is not a SHA-256, as a value', async () => {
    const result = await new PluginApprovals(configDir).record('../../etc/passwd', 'allow', about('a'));
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/not a SHA-256/) });
  });

  it('reports a failed save as a value', async () => {
    await writeFile(path.join(root, 'not-a-folder'), '');
    const result = await new PluginApprovals(path.join(root, 'not-a-folder', 'config')).record(A, 'allow', about('a'));
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/could not save your answer/) });
  });
});
