/**
 * Each system takes its own format: Linux ELF, macOS Mach-O, Windows PE. For each platform the
 * inspector gets real files — plugins built for all three (Quire's bundled plugins; macOS and
 * Windows ones linked here with LLVM's tools) and native modules shipped in node_modules for
 * macOS and Windows — and must accept its own format and refuse the others as wrong-os.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDll, buildDylib, FOREIGN_TOOLS_MISSING, SAMPLE_MANIFEST } from './foreign-plugins.js';
import { QUIRE_ENTRY_SYMBOL, hostTargetFor, inspectBytes, type Inspection } from './index.js';
import { ScratchDir, bytesOf, expectWellFormed } from './test-fixtures.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const LINUX_PLUGIN = join(ROOT, 'dist', 'plugins', 'text-tools.so');
const MODULES = join(ROOT, 'node_modules', '@electron-internal', 'extract-zip');
const MAC_UNIVERSAL_MODULE = join(MODULES, 'index.darwin-universal.node');
const WINDOWS_X64_MODULE = join(MODULES, 'index.win32-x64-msvc.node');
const WINDOWS_ARM64_MODULE = join(MODULES, 'index.win32-arm64-msvc.node');
const LINUX_X64_MODULE = join(MODULES, 'index.linux-x64-gnu.node');
const WINDOWS_PROGRAM = join(ROOT, 'node_modules', 'electron-winstaller', 'vendor', '7z-x64.exe');

const targets = {
  linux: hostTargetFor('x64', true, 'linux'),
  darwin: hostTargetFor('x64', true, 'darwin'),
  'darwin-arm64': hostTargetFor('arm64', true, 'darwin'),
  win32: hostTargetFor('x64', true, 'win32'),
  'win32-arm64': hostTargetFor('arm64', true, 'win32'),
};

function inspectAs(platform: keyof typeof targets, file: string): Inspection {
  const result = inspectBytes(bytesOf(file), targets[platform], QUIRE_ENTRY_SYMBOL);
  expectWellFormed(result);
  return result;
}

const samples = [LINUX_PLUGIN, MAC_UNIVERSAL_MODULE, WINDOWS_X64_MODULE, WINDOWS_ARM64_MODULE, LINUX_X64_MODULE, WINDOWS_PROGRAM];

describe.skipIf(samples.some((file) => !existsSync(file)))('real binaries of each system', () => {
  it('Linux accepts its ELF plugin and refuses Mach-O and PE as wrong-os', () => {
    expect(inspectAs('linux', LINUX_PLUGIN)).toMatchObject({ ok: true, format: 'elf', manifest: { id: 'dev.quire.text-tools' } });
    expect(inspectAs('linux', MAC_UNIVERSAL_MODULE)).toMatchObject({ ok: false, code: 'wrong-os', detail: { format: 'mach-o' } });
    expect(inspectAs('linux', WINDOWS_X64_MODULE)).toMatchObject({ ok: false, code: 'wrong-os', detail: { format: 'pe' } });
  });

  it('macOS reads its own slice of a universal Mach-O module, and refuses ELF and PE as wrong-os', () => {
    // A Node module, not a plugin: it gets past every platform check to the missing entry function.
    const module = inspectAs('darwin', MAC_UNIVERSAL_MODULE);
    expect(module).toMatchObject({ ok: false, code: 'missing-entry', detail: { reason: 'absent' } });
    expect(inspectAs('darwin-arm64', MAC_UNIVERSAL_MODULE)).toMatchObject({ code: 'missing-entry' });
    if (!module.ok) expect(module.detail.symbolCount).toBeGreaterThan(10);

    const elf = inspectAs('darwin', LINUX_PLUGIN);
    expect(elf).toMatchObject({ ok: false, code: 'wrong-os', detail: { format: 'elf' } });
    if (!elf.ok) expect(elf.message).toContain('not macOS. Rebuild it on macOS for x86-64, e.g. `cc -dynamiclib -o plugin.dylib plugin.c`');
    const pe = inspectAs('darwin', WINDOWS_X64_MODULE);
    expect(pe).toMatchObject({ code: 'wrong-os', detail: { format: 'pe' } });
    if (!pe.ok) expect(pe.message).toContain('built for Windows, not macOS');
  });

  it('Windows reads the exports of its DLLs, and refuses ELF and Mach-O as wrong-os', () => {
    const module = inspectAs('win32', WINDOWS_X64_MODULE);
    expect(module).toMatchObject({ ok: false, code: 'missing-entry', detail: { reason: 'absent' } });
    if (!module.ok) expect(module.detail.symbolCount).toBeGreaterThan(0);
    expect(inspectAs('win32-arm64', WINDOWS_ARM64_MODULE)).toMatchObject({ code: 'missing-entry' });
    expect(inspectAs('win32', WINDOWS_ARM64_MODULE)).toMatchObject({ code: 'wrong-arch', detail: { fileArch: 'arm64', hostArch: 'x86-64' } });
    expect(inspectAs('win32', WINDOWS_PROGRAM)).toMatchObject({ code: 'not-shared-object', detail: { fileType: 'exe' } });

    const elf = inspectAs('win32', LINUX_X64_MODULE);
    expect(elf).toMatchObject({ code: 'wrong-os', detail: { format: 'elf' } });
    if (!elf.ok) expect(elf.message).toContain('not Windows. Rebuild it on Windows for x86-64');
    expect(inspectAs('win32', MAC_UNIVERSAL_MODULE)).toMatchObject({ code: 'wrong-os', detail: { format: 'mach-o' } });
  });

  it('names the plugin file of the system in its advice about files that are not binaries', () => {
    const text = new TextEncoder().encode('not a plugin\n');
    for (const [platform, extension] of [['linux', '.so'], ['darwin', '.dylib'], ['win32', '.dll']] as const) {
      const result = inspectBytes(text, targets[platform], QUIRE_ENTRY_SYMBOL);
      expect(result.ok ? '' : result.message).toContain(`(${extension})`);
    }
  });
});

describe.skipIf(FOREIGN_TOOLS_MISSING !== null)(`macOS and Windows plugins linked here (${FOREIGN_TOOLS_MISSING ?? 'llvm-mc and rust-lld'})`, () => {
  const scratch = new ScratchDir();
  const manifest = { id: 'dev.quire.test.foreign', name: 'Foreign Sample', version: '1.0.0', capabilities: [] };
  let dylib: string;
  let dll: string;

  beforeAll(() => {
    dylib = buildDylib(scratch, 'sample');
    dll = buildDll(scratch, 'sample');
  });
  afterAll(() => scratch.remove());

  it('macOS accepts a dylib exporting the entry function, with its manifest; Linux and Windows refuse it as wrong-os', () => {
    expect(inspectAs('darwin', dylib)).toEqual({ ok: true, format: 'mach-o', machine: 'x86-64', entryExported: true, manifest });
    expect(inspectAs('linux', dylib)).toMatchObject({ ok: false, code: 'wrong-os', detail: { format: 'mach-o', fileType: 'dynamic library' } });
    expect(inspectAs('win32', dylib)).toMatchObject({ ok: false, code: 'wrong-os' });
  });

  it('Windows accepts a DLL exporting the entry function, with its manifest; Linux and macOS refuse it as wrong-os', () => {
    expect(inspectAs('win32', dll)).toEqual({ ok: true, format: 'pe', machine: 'x86-64', entryExported: true, manifest });
    expect(inspectAs('linux', dll)).toMatchObject({ ok: false, code: 'wrong-os', detail: { format: 'pe', fileType: 'dll' } });
    expect(inspectAs('darwin', dll)).toMatchObject({ ok: false, code: 'wrong-os' });
  });

  it('takes the processor into account: arm64 builds run on arm64 only', () => {
    const armDylib = buildDylib(scratch, 'arm', { arch: 'arm64' });
    expect(inspectAs('darwin-arm64', armDylib)).toMatchObject({ ok: true, machine: 'arm64' });
    expect(inspectAs('darwin', armDylib)).toMatchObject({ code: 'wrong-arch', detail: { fileArch: 'arm64', hostArch: 'x86-64' } });
    const armDll = buildDll(scratch, 'arm', { arch: 'arm64' });
    expect(inspectAs('win32-arm64', armDll)).toMatchObject({ ok: true, machine: 'arm64' });
    expect(inspectAs('win32', armDll)).toMatchObject({ code: 'wrong-arch' });
  });

  it('accepts a plugin without a manifest (ABI 1.0) on both', () => {
    expect(inspectAs('darwin', buildDylib(scratch, 'bare', { manifest: null }))).toMatchObject({ ok: true, manifest: null });
    expect(inspectAs('win32', buildDll(scratch, 'bare', { manifest: null }))).toMatchObject({ ok: true, manifest: null });
  });

  it('explains an entry function that is hidden, missing, or not a function', () => {
    const hidden = inspectAs('darwin', buildDylib(scratch, 'hidden', { entry: 'hidden' }));
    expect(hidden).toMatchObject({ code: 'missing-entry', detail: { reason: 'local' } });
    if (!hidden.ok) expect(hidden.message).toContain('static or has hidden visibility');
    expect(inspectAs('darwin', buildDylib(scratch, 'absent', { entry: 'absent' }))).toMatchObject({ code: 'missing-entry', detail: { reason: 'absent' } });
    expect(inspectAs('darwin', buildDylib(scratch, 'data', { entry: 'data' }))).toMatchObject({ code: 'missing-entry', detail: { reason: 'not-a-function' } });
    expect(inspectAs('win32', buildDll(scratch, 'absent', { entry: 'absent' }))).toMatchObject({ code: 'missing-entry', detail: { reason: 'absent' } });
    expect(inspectAs('win32', buildDll(scratch, 'data', { entry: 'data' }))).toMatchObject({ code: 'missing-entry', detail: { reason: 'not-a-function' } });
  });

  it('refuses a manifest it cannot read, and a program that is not a library', () => {
    const broken = SAMPLE_MANIFEST.replace('capabilities=\n', '');
    expect(inspectAs('darwin', buildDylib(scratch, 'broken', { manifest: broken }))).toMatchObject({ code: 'manifest-mismatch' });
    expect(inspectAs('win32', buildDll(scratch, 'broken', { manifest: broken }))).toMatchObject({ code: 'manifest-mismatch' });
    expect(inspectAs('win32', buildDll(scratch, 'program', {}, true))).toMatchObject({ code: 'not-shared-object', detail: { fileType: 'exe' } });
  });

  it('refuses every truncation of them without throwing', () => {
    for (const [platform, file] of [['darwin', dylib], ['win32', dll]] as const) {
      const bytes = bytesOf(file);
      for (let length = 0; length < bytes.length; length += 61) {
        const result = inspectBytes(bytes.subarray(0, length), targets[platform], QUIRE_ENTRY_SYMBOL);
        expectWellFormed(result);
        expect(result.ok).toBe(false);
      }
    }
  });
});
