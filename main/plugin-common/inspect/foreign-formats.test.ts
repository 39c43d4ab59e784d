import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUIRE_ENTRY_SYMBOL, hostTargetFor, inspectBytes, type Inspection } from './index.js';
import { ScratchDir, bytesOf, expectWellFormed, run } from './test-fixtures.js';

/** A fixed target so the messages are predictable; these files are refused on every host. */
const host = hostTargetFor('x64', true, 'linux');
const NATIVE_MODULES = join(process.cwd(), 'node_modules/@electron-internal/extract-zip');
const WINDOWS_TOOLS = join(process.cwd(), 'node_modules/electron-winstaller/vendor');
const WASM = join(process.cwd(), 'node_modules/playwright-core/lib/webp_codec.wasm');
const UNIVERSAL = join(NATIVE_MODULES, 'index.darwin-universal.node');

function inspect(bytes: Uint8Array): Inspection {
  const result = inspectBytes(bytes, host, QUIRE_ENTRY_SYMBOL);
  expectWellFormed(result);
  return result;
}

const ascii = (text: string) => new TextEncoder().encode(text);

describe.skipIf(!existsSync(UNIVERSAL))('macOS Mach-O files (real universal binary from node_modules)', () => {
  it('refuses a universal binary as wrong-os and lists its slices', () => {
    const result = inspect(bytesOf(UNIVERSAL));
    expect(result).toMatchObject({ ok: false, code: 'wrong-os', detail: { format: 'mach-o', arch: 'x86-64,arm64', fileType: 'dynamic library' } });
    if (!result.ok) {
      expect(result.message).toContain('built for macOS');
      expect(result.message).toContain('Rebuild it on Linux for x86-64');
      expect(result.message).toContain('cc -shared -fPIC');
    }
  });

  it('refuses each thin slice cut out of it, naming its architecture', () => {
    const bytes = bytesOf(UNIVERSAL);
    const fat = new DataView(bytes.buffer);
    // fat_header { magic, nfat_arch } then fat_arch { cputype, cpusubtype, offset, size, align }, big-endian.
    const slices = Array.from({ length: fat.getUint32(4) }, (_, i) => ({
      offset: fat.getUint32(8 + i * 20 + 8),
      size: fat.getUint32(8 + i * 20 + 12),
    }));
    const arches = slices.map(({ offset, size }) => {
      const result = inspect(bytes.slice(offset, offset + size));
      expect(result).toMatchObject({ code: 'wrong-os', detail: { format: 'mach-o', fileType: 'dynamic library' } });
      return result.ok ? '' : result.detail.arch;
    });
    expect(arches).toEqual(['x86-64', 'arm64']);
  });

  it('tells a Java class file (also CAFEBABE) apart from a universal binary', () => {
    const javaClass = new Uint8Array([0xca, 0xfe, 0xba, 0xbe, 0x00, 0x00, 0x00, 0x41, 0x00, 0x1d, 0x0a, 0x00]);
    expect(inspect(javaClass)).toMatchObject({ code: 'not-a-binary', detail: { kind: 'java-class' } });
  });
});

describe.skipIf(!existsSync(WINDOWS_TOOLS) || !existsSync(NATIVE_MODULES))('Windows PE files (real DLLs and EXEs from node_modules)', () => {
  it.each([
    [join(NATIVE_MODULES, 'index.win32-x64-msvc.node'), 'dll', 'x86-64'],
    [join(NATIVE_MODULES, 'index.win32-arm64-msvc.node'), 'dll', 'arm64'],
    [join(WINDOWS_TOOLS, '7z-x64.dll'), 'dll', 'x86-64'],
    [join(WINDOWS_TOOLS, 'StubExecutable.exe'), 'exe', 'x86 (32-bit)'],
    [join(WINDOWS_TOOLS, '7z-arm64.exe'), 'exe', 'arm64'],
  ])('refuses %s as a Windows %s for %s', (path, fileType, arch) => {
    const result = inspect(bytesOf(path));
    expect(result).toMatchObject({ ok: false, code: 'wrong-os', detail: { format: 'pe', fileType, arch } });
    if (!result.ok) expect(result.message).toContain('built for Windows');
  });

  it('every Windows binary shipped in electron-winstaller is refused as wrong-os', () => {
    const binaries = readdirSync(WINDOWS_TOOLS).filter((name) => /\.(dll|exe)$/.test(name));
    expect(binaries.length).toBeGreaterThan(5);
    for (const name of binaries) {
      // The name rides along so a failure says which file it was.
      expect({ name, result: inspect(bytesOf(join(WINDOWS_TOOLS, name))) }).toMatchObject({ name, result: { code: 'wrong-os' } });
    }
  });
});

describe('MZ files without a PE header', () => {
  it('refuses a bare MZ stub as not-a-binary', () => {
    const stub = new Uint8Array(64);
    stub.set(ascii('MZ'));
    expect(inspect(stub)).toMatchObject({ code: 'not-a-binary', detail: { kind: 'mz-without-pe' } });
  });

  it('refuses an MZ header whose e_lfanew points past the end', () => {
    const stub = new Uint8Array(64);
    stub.set(ascii('MZ'));
    new DataView(stub.buffer).setUint32(0x3c, 0xfffffff0, true);
    expect(inspect(stub)).toMatchObject({ code: 'not-a-binary', detail: { kind: 'mz-without-pe' } });
  });
});

describe('files that are not binaries at all', () => {
  const scratch = new ScratchDir();
  let staticLibrary: Uint8Array;

  beforeAll(() => {
    const object = scratch.compile('entry.o', 'int quire_plugin_entry(void) { return 1; }\n', ['-c', '-fPIC']);
    const archive = join(scratch.path, 'libentry.a');
    run('ar', ['rcs', archive, object]);
    staticLibrary = bytesOf(archive);
  });

  afterAll(() => scratch.remove());

  it('calls an empty file empty', () => {
    expect(inspect(new Uint8Array(0))).toMatchObject({ code: 'not-a-binary', detail: { kind: 'empty', size: 0 } });
  });

  it('names the interpreter of a shell script', () => {
    const result = inspect(ascii('#!/bin/sh\necho hello\n'));
    expect(result).toMatchObject({ code: 'not-a-binary', detail: { kind: 'script', interpreter: '#!/bin/sh' } });
    if (!result.ok) expect(result.message).toContain('script');
  });

  it('says a text file looks like text', () => {
    expect(inspect(ascii('quire_plugin_entry = 1\n'))).toMatchObject({ code: 'not-a-binary', detail: { kind: 'text' } });
  });

  it('recognises a static library built with ar and says how to link it', () => {
    const result = inspect(staticLibrary);
    expect(result).toMatchObject({ code: 'not-a-binary', detail: { kind: 'static-library' } });
    if (!result.ok) expect(result.message).toContain('--whole-archive');
  });

  it('recognises gzip output and says to extract it', () => {
    const result = inspect(new Uint8Array(gzipSync(staticLibrary)));
    expect(result).toMatchObject({ code: 'not-a-binary', detail: { kind: 'gzip' } });
    if (!result.ok) expect(result.message).toContain('extract');
  });

  it.skipIf(!existsSync(WASM))('recognises a WebAssembly module', () => {
    expect(inspect(bytesOf(WASM))).toMatchObject({ code: 'not-a-binary', detail: { kind: 'wasm' } });
  });

  it.each([
    ['a PNG header', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'png'],
    ['a zip/jar header', [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0], 'zip'],
    ['three stray bytes', [0x00, 0x01, 0x02], 'too-short'],
    ['unknown binary bytes', [0x00, 0x01, 0x02, 0x03, 0xff, 0xfe], 'unknown'],
    ['the ELF magic alone', [0x7f, 0x45, 0x4c, 0x46], 'corrupt-elf'],
  ])('refuses %s as not-a-binary', (_, bytes, kind) => {
    expect(inspect(new Uint8Array(bytes))).toMatchObject({ code: 'not-a-binary', detail: { kind } });
  });

  it('shows the first bytes of an unknown format', () => {
    expect(inspect(new Uint8Array([0x00, 0x01, 0x02, 0x03, 0xff]))).toMatchObject({ detail: { firstBytes: '00 01 02 03 ff' } });
  });
});
