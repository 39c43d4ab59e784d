/**
 * Capabilities in the descriptor (ABI 1.1) and their agreement with the manifest, on the real
 * test plugins, loaded in this process: none of them runs code at load, and none is init'ed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PluginDescriptor } from '../../../app/plugin-contract.js';
import { capabilitiesFromBits } from '../../plugin-common/abi/capabilities.js';
import { HOST_ABI_MINOR } from '../abi/native-abi.js';
import { inspectFileSync } from '../../plugin-common/inspect/index.js';
import { checkAgainstManifest } from './manifest-check.js';
import { loadInspectedPlugin, openPlugin } from './plugin-library.js';
import { OffsetMap } from './utf8-offsets.js';

const testPlugin = (name: string) => path.resolve(import.meta.dirname, '..', '..', '..', 'dist', 'test-plugins', `${name}.so`);

function descriptorOf(name: string): PluginDescriptor {
  const loaded = loadInspectedPlugin(testPlugin(name));
  if (!loaded.ok) throw new Error(loaded.failure.message);
  return loaded.value.descriptor;
}

describe('descriptor capabilities', () => {
  it('are read by name from a 1.1 plugin', () => {
    expect(descriptorOf('cap-read-folder')).toMatchObject({ abi: { major: 1, minor: HOST_ABI_MINOR }, capabilities: ['read-document-folder'] });
    expect(descriptorOf('cap-network').capabilities).toEqual(['network']);
    expect(descriptorOf('ok-basic').capabilities).toEqual([]);
  });

  it('are empty for a 1.0 plugin, which still loads (the field past its struct_size is never read)', async () => {
    expect(descriptorOf('abi-1-0')).toMatchObject({ abi: { major: 1, minor: 0 }, capabilities: [] });
    const opened = await openPlugin(testPlugin('abi-1-0'));
    expect(opened.ok).toBe(true);
  });

  it('with a bit Quire does not know are a bad descriptor naming the bit', () => {
    const loaded = loadInspectedPlugin(testPlugin('bad-descriptor-capabilities'));
    expect(loaded).toMatchObject({ ok: false, failure: { code: 'bad-descriptor', detail: { field: 'capabilities' } } });
    if (!loaded.ok) expect(loaded.failure.message).toContain('bits Quire does not know (0x20)');
  });

  it('map bits in one order and report the bits Quire does not know', () => {
    expect(capabilitiesFromBits(0b11)).toEqual({ names: ['read-document-folder', 'network'], unknownBits: 0 });
    expect(capabilitiesFromBits(0x80000005)).toEqual({ names: ['read-document-folder'], unknownBits: 0x80000004 });
  });
});

describe('the descriptor against the manifest', () => {
  it('accepts plugins whose manifest and descriptor agree', async () => {
    for (const name of ['ok-basic', 'cap-read-folder', 'cap-network']) {
      const opened = await openPlugin(testPlugin(name));
      expect(opened.ok, name).toBe(true);
    }
  });

  it('refuses a mismatch before init, naming each differing field', async () => {
    const opened = await openPlugin(testPlugin('manifest-mismatch'));
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.failure).toMatchObject({
      code: 'manifest-mismatch',
      detail: {
        fields: 'version,capabilities',
        'manifest.version': '1.0.0',
        'descriptor.version': '1.0.1',
        'manifest.capabilities': 'network',
        'descriptor.capabilities': 'read-document-folder',
      },
    });
    expect(opened.failure.message).toContain('version: the manifest says "1.0.0", the descriptor "1.0.1"');
    expect(opened.failure.message).toContain('capabilities: the manifest says "network", the descriptor "read-document-folder"');
  });

  it('refuses capabilities without a manifest, and shows the manifest to add', () => {
    const descriptor = { ...descriptorOf('cap-network') };
    const failure = checkAgainstManifest(descriptor, null, '/plugins/cap-network.so');
    expect(failure?.code).toBe('manifest-mismatch');
    expect(failure?.message).toContain('QUIRE_PLUGIN_MANIFEST("dev.quire.test.cap-network", "Connects", "1.0.0", "network")');
  });

  it('lets a plugin without a manifest run when it asks for nothing', () => {
    expect(checkAgainstManifest(descriptorOf('abi-1-0'), null, 'abi-1-0.so')).toBeNull();
    const inspection = inspectFileSync(testPlugin('abi-1-0'));
    expect(inspection).toMatchObject({ ok: true, manifest: null });
  });
});

/**
 * The capability test plugins' own behaviour, unsandboxed in this process: what the sandbox
 * tests build on (there, the same calls must fail with EACCES / EPERM).
 */
describe('the capability test plugins', () => {
  const encode = (text: string) => new TextEncoder().encode(text);
  function run(name: string, command: string, text: string, documentPath = ''): string | null {
    const loaded = loadInspectedPlugin(testPlugin(name));
    if (!loaded.ok) throw new Error(loaded.failure.message);
    const input = { text: encode(text), languageId: encode('plaintext'), path: encode(documentPath), selections: [] };
    const outcome = loaded.value.call('command', command, input, new OffsetMap(input.text, text.length));
    if (!outcome.ok) throw new Error(outcome.failure.message);
    return outcome.value.message;
  }

  it('cap-read-folder reads neighbour.txt beside the document, and any path it is given', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'quire-cap-'));
    try {
      writeFileSync(path.join(folder, 'neighbour.txt'), 'next door');
      expect(run('cap-read-folder', 'read-beside', '', path.join(folder, 'doc.txt'))).toBe('next door');
      expect(run('cap-read-folder', 'read-path', path.join(folder, 'neighbour.txt'))).toBe('next door');
      expect(run('cap-read-folder', 'read-path', path.join(folder, 'absent.txt'))).toBe('open failed: No such file or directory');
      expect(run('cap-read-folder', 'read-beside', '', '')).toBe('open failed: No such file or directory');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('cap-network connects to a port on 127.0.0.1, or says why not', async () => {
    const server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      expect(run('cap-network', 'connect', String(port))).toBe('connected');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(run('cap-network', 'connect', String(port))).toBe('connect failed: Connection refused');
  });
});
