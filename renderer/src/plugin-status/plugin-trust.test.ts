import { describe, expect, it } from 'vitest';
import type { SandboxReport } from '../../../app/plugin-contract.js';
import { pendingPluginStatus, pluginStatus } from './plugin-status-fixtures.test-support.js';
import {
  capabilitiesQuestion,
  capabilitiesText,
  formatBinaryBytes,
  requestedCapabilities,
  sandboxText,
  signerText,
  trustText,
} from './plugin-trust.js';

const SIGNER = { keyId: 'A0A20C0CFABD1C33', trustedComment: 'Quire e2e signer', trusted: true };
const GIB = 1024 ** 3;

describe('trustText', () => {
  it('says why each file may run or may not', () => {
    const manifest = null;
    expect(trustText({ state: 'bundled', signer: null, manifest })).toBe('bundled with Quire');
    expect(trustText({ state: 'signed', signer: SIGNER, manifest })).toBe('signed by A0A20C0CFABD1C33 "Quire e2e signer"');
    expect(trustText({ state: 'signed', signer: { ...SIGNER, trustedComment: null }, manifest })).toBe('signed by A0A20C0CFABD1C33');
    expect(trustText({ state: 'approved', signer: null, manifest })).toBe('allowed by you');
    expect(trustText({ state: 'trust-all', signer: null, manifest })).toBe('all plugins trusted (plugins.trust is "all")');
    expect(trustText({ state: 'pending', signer: null, manifest })).toBe('waiting for you to allow or deny it');
    expect(trustText({ state: 'denied', signer: null, manifest })).toBe('denied by you');
    expect(trustText({ state: 'refused', signer: SIGNER, manifest }, { code: 'bad-signature', message: 'x' })).toBe('refused (bad-signature)');
    expect(trustText(null)).toBe('—');
  });
});

describe('signerText', () => {
  it('names the key and comment, and whether the user trusts the key', () => {
    expect(signerText(null)).toBe('not signed');
    expect(signerText(SIGNER)).toBe('A0A20C0CFABD1C33 "Quire e2e signer" — in your trusted keys');
    expect(signerText({ ...SIGNER, trusted: false })).toBe('A0A20C0CFABD1C33 "Quire e2e signer" — not in your trusted keys');
  });
});

describe('capabilities', () => {
  it('come from the descriptor once loaded, else from the manifest', () => {
    const loaded = pluginStatus('/p/csv.so', 'ready');
    loaded.descriptor = { ...loaded.descriptor!, capabilities: ['network'] };
    expect(requestedCapabilities(loaded)).toEqual(['network']);
    const pending = pendingPluginStatus('/p/ok.so');
    pending.trust!.manifest!.capabilities = ['read-document-folder'];
    expect(requestedCapabilities(pending)).toEqual(['read-document-folder']);
    expect(requestedCapabilities({ descriptor: null, trust: null })).toBeNull();
  });

  it('read as plain words', () => {
    expect(capabilitiesText(null)).toBe('—');
    expect(capabilitiesText([])).toBe('none');
    expect(capabilitiesText(['read-document-folder', 'network'])).toBe("read files in the document's folder, use the network");
    expect(capabilitiesQuestion([])).toBe('No extra capabilities — it runs sandboxed.');
    expect(capabilitiesQuestion(['network'])).toBe('It asks to use the network.');
    expect(capabilitiesQuestion(['read-document-folder', 'network'])).toBe("It asks to read files in the document's folder and use the network.");
  });
});

describe('sandboxText', () => {
  const full: SandboxReport = { state: 'sandboxed', reason: null, landlockAbi: 7, seccomp: true, memoryLimitBytes: GIB, grants: [] };

  it('lists the layers in force', () => {
    expect(sandboxText(full)).toBe('sandboxed: Landlock 7, seccomp, memory limit 1 GiB');
    expect(sandboxText({ ...full, grants: ['network'] })).toBe('sandboxed: Landlock 7, seccomp, memory limit 1 GiB; may use the network');
  });

  it('gives the reason when a layer is missing or the sandbox is off', () => {
    const partial: SandboxReport = { ...full, state: 'partial', landlockAbi: null, reason: 'this kernel has no Landlock' };
    expect(sandboxText(partial)).toBe('partly sandboxed: this kernel has no Landlock');
    expect(sandboxText({ ...partial, reason: null })).toBe('partly sandboxed: only seccomp, memory limit 1 GiB');
    const off: SandboxReport = { state: 'off', reason: 'sandboxing is not supported on macOS yet', landlockAbi: null, seccomp: false, memoryLimitBytes: null, grants: [] };
    expect(sandboxText(off)).toBe('not sandboxed: sandboxing is not supported on macOS yet');
    expect(sandboxText(null)).toBe('not running');
  });
});

describe('formatBinaryBytes', () => {
  it('uses powers of two, with one decimal when needed', () => {
    expect(formatBinaryBytes(GIB)).toBe('1 GiB');
    expect(formatBinaryBytes(512 * 1024 * 1024)).toBe('512 MiB');
    expect(formatBinaryBytes(1.5 * GIB)).toBe('1.5 GiB');
    expect(formatBinaryBytes(100)).toBe('100 bytes');
  });
});
