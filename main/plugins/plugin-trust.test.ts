/**
 * Consent and integrity, end to end through the plugin service: real folders, real plugin
 * files, real minisign signatures and real (sandboxed) host processes. Nothing of a plugin
 * runs before it may, and the bytes approved are the bytes that run.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PluginStatus, TrustMode } from '../../app/plugin-contract.js';
import type { PluginFolder } from './discovery/plugin-folders.js';
import { childProcessLauncher } from './host/host-launcher.js';
import { PluginService } from './plugin-service.js';
import { document, expectNoHostsLeft, HOST_ENTRY, liveHostPids, requireBuild, testPlugin } from './test-support/host-fixtures.js';
import { hostilePlugin } from './test-support/hostile-plugins.js';
import { atomicCopy } from './test-support/plugin-files.js';
import { generateKeyPair, requireMinisign, sign, type KeyPair } from './trust/test-support/minisign-cli.js';

let scratch: string;
let folder: string;
let configDir: string;
let service: PluginService | null = null;

beforeAll(() => {
  requireBuild();
  requireMinisign();
});

afterEach(async () => {
  await service?.stop();
  service = null;
  rmSync(scratch, { recursive: true, force: true });
  await expectNoHostsLeft();
});

async function start(trustMode?: TrustMode, origin: PluginFolder['origin'] = 'user'): Promise<PluginService> {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'quire-trust-'));
  folder = path.join(scratch, 'plugins');
  configDir = path.join(scratch, 'config');
  mkdirSync(folder);
  mkdirSync(configDir);
  service = await PluginService.start({
    folders: [{ path: folder, origin }],
    configDir,
    launcher: childProcessLauncher,
    hostEntry: HOST_ENTRY,
    notifyDelayMs: 10,
    poolSize: 0,
    ...(trustMode ? { trustMode } : {}),
  });
  return service;
}

const statusOf = (name: string) => service?.statuses().find((s) => path.basename(s.path) === name);

async function waitFor(name: string, predicate: (status: PluginStatus) => boolean): Promise<PluginStatus> {
  await expect.poll(() => {
    const status = statusOf(name);
    return status !== undefined && predicate(status);
  }, { timeout: 10_000, interval: 25 }).toBe(true);
  return statusOf(name) as PluginStatus;
}

const sha256Of = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function trustKey(keys: KeyPair): void {
  mkdirSync(path.join(configDir, 'trusted-keys'), { recursive: true });
  copyFileSync(keys.publicKeyFile, path.join(configDir, 'trusted-keys', 'author.pub'));
}

describe('trust on first use', () => {
  it('a new file waits, inspected but never run, until the user allows it; the answer is remembered by hash', async () => {
    await start('ask');
    copyFileSync(testPlugin('ok-basic'), path.join(folder, 'tool.so'));
    const waiting = await waitFor('tool.so', (s) => s.state === 'awaiting-consent');
    expect(waiting.failure?.code).toBe('awaiting-consent');
    expect(waiting.sha256).toBe(sha256Of(testPlugin('ok-basic')));
    expect(waiting.trust).toMatchObject({ state: 'pending', signer: null, manifest: { id: 'dev.quire.test.ok-basic', capabilities: [] } });
    // Inspected from its bytes alone: no host process was started for it.
    expect(waiting.descriptor).toBeNull();
    expect(liveHostPids()).toEqual([]);

    expect(await service?.decide(path.join(folder, 'tool.so'), waiting.sha256 as string, 'allow')).toEqual({ ok: true, value: undefined });
    const running = await waitFor('tool.so', (s) => s.state === 'ready');
    expect(running.trust?.state).toBe('approved');
    expect(running.sandbox).toMatchObject({ state: 'sandboxed', grants: [] });

    // A later start remembers the answer for these bytes.
    await service?.stop();
    service = await PluginService.start({ folders: [{ path: folder, origin: 'user' }], configDir, launcher: childProcessLauncher, hostEntry: HOST_ENTRY, poolSize: 0, trustMode: 'ask' });
    expect((await waitFor('tool.so', (s) => s.state === 'ready')).trust?.state).toBe('approved');
  });

  it('Deny keeps it from running, and a changed file (new hash) asks again', async () => {
    await start('ask');
    const file = path.join(folder, 'tool.so');
    copyFileSync(testPlugin('ok-basic'), file);
    const waiting = await waitFor('tool.so', (s) => s.state === 'awaiting-consent');
    await service?.decide(file, waiting.sha256 as string, 'deny');
    const denied = await waitFor('tool.so', (s) => s.state === 'denied');
    expect(denied.failure?.code).toBe('denied');
    expect(service?.registry()).toEqual([]);
    expect(liveHostPids()).toEqual([]);

    atomicCopy(testPlugin('misbehave'), file);
    const again = await waitFor('tool.so', (s) => s.state === 'awaiting-consent' && s.sha256 === sha256Of(testPlugin('misbehave')));
    // misbehave declares no manifest: the prompt can show only its file and hash, and it may ask for nothing.
    expect(again.trust?.manifest).toBeNull();
  });

  it('an answer given for bytes the file no longer has is not applied to the new ones', async () => {
    await start('ask');
    const file = path.join(folder, 'tool.so');
    copyFileSync(testPlugin('ok-basic'), file);
    const shown = await waitFor('tool.so', (s) => s.state === 'awaiting-consent');
    atomicCopy(testPlugin('misbehave'), file);
    await waitFor('tool.so', (s) => s.sha256 !== shown.sha256 && s.state === 'awaiting-consent');
    const answer = await service?.decide(file, shown.sha256 as string, 'allow');
    expect(answer).toMatchObject({ ok: false, failure: { code: 'superseded' } });
    expect(statusOf('tool.so')?.state).toBe('awaiting-consent');
  });

  it('bundled plugins are trusted without asking', async () => {
    await start('ask', 'bundled');
    copyFileSync(testPlugin('ok-basic'), path.join(folder, 'tool.so'));
    expect((await waitFor('tool.so', (s) => s.state === 'ready')).trust?.state).toBe('bundled');
  });

  it('signed-only refuses an unsigned file without asking', async () => {
    await start('signed-only');
    copyFileSync(testPlugin('ok-basic'), path.join(folder, 'tool.so'));
    const refused = await waitFor('tool.so', (s) => s.state === 'refused');
    expect(refused.failure?.code).toBe('untrusted');
    expect(liveHostPids()).toEqual([]);
  });
});

describe('signatures', () => {
  it('a plugin signed by a trusted key loads without asking, and names its signer', async () => {
    await start('ask');
    const keys = generateKeyPair(scratch, 'author');
    trustKey(keys);
    const staged = path.join(scratch, 'tool.so');
    copyFileSync(testPlugin('ok-basic'), staged);
    sign(staged, keys, 'ok-basic 1.0 by the test suite');
    copyFileSync(`${staged}.minisig`, path.join(folder, 'tool.so.minisig'));
    copyFileSync(staged, path.join(folder, 'tool.so'));
    const running = await waitFor('tool.so', (s) => s.state === 'ready');
    expect(running.trust).toMatchObject({ state: 'signed', signer: { trustedComment: 'ok-basic 1.0 by the test suite', trusted: true } });
    const keyId = /minisign public key ([0-9A-F]+)/.exec(readFileSync(keys.publicKeyFile, 'utf8'))?.[1];
    expect(running.trust?.signer?.keyId).toBe(keyId);
  });

  it('a file changed after signing is refused with bad-signature, naming the key, even when all plugins are trusted', async () => {
    await start('all');
    const keys = generateKeyPair(scratch, 'author');
    trustKey(keys);
    const staged = path.join(scratch, 'tool.so');
    copyFileSync(testPlugin('ok-basic'), staged);
    sign(staged, keys, 'signed before the change');
    // Another build, valid in itself, behind the first one's signature.
    copyFileSync(`${staged}.minisig`, path.join(folder, 'tool.so.minisig'));
    copyFileSync(testPlugin('misbehave'), path.join(folder, 'tool.so'));
    const refused = await waitFor('tool.so', (s) => s.state === 'refused' && s.failure?.code === 'bad-signature');
    const keyId = /minisign public key ([0-9A-F]+)/.exec(readFileSync(keys.publicKeyFile, 'utf8'))?.[1] as string;
    expect(refused.failure?.message).toContain(keyId);
    expect(liveHostPids()).toEqual([]);
  });

  it('a signature by a key the user does not trust is refused with bad-signature', async () => {
    await start('ask');
    const stranger = generateKeyPair(scratch, 'stranger');
    const staged = path.join(scratch, 'tool.so');
    copyFileSync(testPlugin('ok-basic'), staged);
    sign(staged, stranger, 'from someone unknown');
    copyFileSync(`${staged}.minisig`, path.join(folder, 'tool.so.minisig'));
    copyFileSync(staged, path.join(folder, 'tool.so'));
    const refused = await waitFor('tool.so', (s) => s.failure?.code === 'bad-signature');
    expect(refused.trust?.state).toBe('refused');
  });
});

describe('the bytes approved are the bytes run', () => {
  it('writing a new build over a loaded file in place never touches the running host; the change loads as a new file', async () => {
    await start('all');
    const file = path.join(folder, 'version.so');
    copyFileSync(hostilePlugin('version-a'), file);
    const first = await waitFor('version.so', (s) => s.state === 'ready');
    const ask = () => service?.call({ pluginId: 'dev.quire.test.hostile-version', kind: 'command', handler: 'which', document: document('') });
    expect(await ask()).toMatchObject({ ok: true, value: { message: 'A' } });
    const pid = first.stats.pid;

    // In place: the same inode, rewritten (what `cp` does). A host running the original file would now crash or mix builds.
    writeFileSync(file, readFileSync(hostilePlugin('version-b')));
    expect(await ask()).toMatchObject({ ok: true, value: { message: 'A' } });
    const second = await waitFor('version.so', (s) => s.state === 'ready' && s.sha256 === sha256Of(hostilePlugin('version-b')) && s.stats.pid !== pid);
    expect(second.stats.crashes).toBe(0);
    expect(await ask()).toMatchObject({ ok: true, value: { message: 'B' } });
  });
});
