import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUIRE_ENTRY_SYMBOL, currentHostTarget, hostTargetFor, inspectBytes } from './index.js';
import {
  ScratchDir,
  bytesOf,
  dynamicEntryOffset,
  expectWellFormed,
  onPath,
  patched,
  readelfDynamicSymbolCount,
  run,
  withoutSectionHeaders,
} from './test-fixtures.js';

const host = currentHostTarget();
const LIBC = '/lib/x86_64-linux-gnu/libc.so.6';
const NATIVE_MODULES = join(process.cwd(), 'node_modules/@electron-internal/extract-zip');
const DT_FLAGS_1 = 0x6ffffffb;

const PLUGIN_C = `
#include <math.h>
__attribute__((visibility("default"))) double quire_plugin_entry(double x) { return sqrt(x); }
`;
const PLAIN_ENTRY_C = 'double quire_plugin_entry(double x) { return x * 2; }\n';
const MAIN_C = 'int main(void) { return 0; }\n';
const SHARED = ['-shared', '-fPIC'];

const scratch = new ScratchDir();
const built: Record<string, string> = {};

beforeAll(() => {
  const soname = ['-Wl,-soname,libquire-test.so.1', '-Wl,--no-as-needed', '-lm'];
  built.plugin = scratch.compile('plugin.so', PLUGIN_C, [...SHARED, ...soname]);
  built.sysvHash = scratch.compile('sysv.so', PLUGIN_C, [...SHARED, ...soname, '-Wl,--hash-style=sysv']);
  built.hidden = scratch.compile('hidden.so', PLAIN_ENTRY_C, [...SHARED, '-fvisibility=hidden']);
  built.static = scratch.compile('static.so', 'static int quire_plugin_entry(void) { return 1; }\nint other(void) { return quire_plugin_entry(); }\n', SHARED);
  built.protected = scratch.compile('protected.so', `__attribute__((visibility("protected"))) ${PLAIN_ENTRY_C}`, SHARED);
  built.weak = scratch.compile('weak.so', `__attribute__((weak)) ${PLAIN_ENTRY_C}`, SHARED);
  built.data = scratch.compile('data.so', 'const int quire_plugin_entry = 7;\n', SHARED);
  built.importing = scratch.compile('importing.so', 'extern int quire_plugin_entry(void);\nint call_it(void) { return quire_plugin_entry(); }\n', SHARED);
  built.mangled = scratch.compile('mangled.so', 'const char *quire_plugin_entry() { return "c++"; }\n', SHARED, 'g++');
  built.object = scratch.compile('plugin.o', PLUGIN_C, ['-c', '-fPIC']);
  built.executable = scratch.compile('program', MAIN_C, ['-no-pie']);
  built.pie = scratch.compile('program-pie', MAIN_C, ['-pie', '-fPIE']);
  built.stripped = join(scratch.path, 'stripped.so');
  run('strip', ['--strip-all', '-o', built.stripped, built.plugin]);
  built.strippedSysv = join(scratch.path, 'stripped-sysv.so');
  run('strip', ['--strip-all', '-o', built.strippedSysv, built.sysvHash]);
});

afterAll(() => scratch.remove());

function inspectPath(path: string, entry = QUIRE_ENTRY_SYMBOL, target = host) {
  const result = inspectBytes(bytesOf(path), target, entry);
  expectWellFormed(result);
  return result;
}

describe('shared objects built with gcc', () => {
  it('accepts one that exports the entry function and reports its soname and needed libraries', () => {
    expect(inspectPath(built.plugin!)).toEqual({
      ok: true,
      format: 'elf',
      elfClass: host.elfClass,
      machine: host.archName,
      soname: 'libquire-test.so.1',
      needed: ['libm.so.6', 'libc.so.6'],
      entryExported: true,
      manifest: null,
    });
  });

  it('leaves soname out when the library has none', () => {
    const result = inspectPath(built.protected!);
    expect(result.ok).toBe(true);
    expect(result).not.toHaveProperty('soname');
  });

  it.each([
    ['protected visibility', 'protected'],
    ['weak binding', 'weak'],
    ['a SysV hash table only', 'sysvHash'],
    ['its symbol tables stripped (strip --strip-all)', 'stripped'],
  ])('accepts an entry function with %s', (_, fixture) => {
    expect(inspectPath(built[fixture]!)).toMatchObject({ ok: true, entryExported: true });
  });

  it.each([
    ['compiled with -fvisibility=hidden', 'hidden', 'absent'],
    ['declared static', 'static', 'absent'],
    ['a data object rather than a function', 'data', 'not-a-function'],
    ['only referenced, never defined', 'importing', 'undefined'],
    ['compiled as C++ without extern "C"', 'mangled', 'mangled'],
  ])('refuses an entry symbol %s as missing-entry', (_, fixture, reason) => {
    const result = inspectPath(built[fixture]!);
    expect(result).toMatchObject({ ok: false, code: 'missing-entry', detail: { symbol: QUIRE_ENTRY_SYMBOL, reason } });
    if (!result.ok) {
      expect(result.message).toContain('quire_plugin_entry');
      expect(result.message).toContain('QUIRE_PLUGIN_EXPORT');
      expect(result.message).toContain('#[no_mangle] pub extern "C"');
      expect(result.message).toContain('//export quire_plugin_entry');
    }
  });

  it('names the mangled symbol it found instead', () => {
    const inspection = inspectPath(built.mangled!);
    expect(inspection).toMatchObject({ detail: { found: '_Z18quire_plugin_entryv' } });
    expect(inspection.ok ? '' : inspection.message).toContain('a name mangled by C++ or Rust');
  });

  it('finds the entry through the dynamic segment alone when the section headers are gone', () => {
    for (const fixture of ['stripped', 'strippedSysv']) {
      const bytes = withoutSectionHeaders(bytesOf(built[fixture]!));
      expect(inspectBytes(bytes, host, QUIRE_ENTRY_SYMBOL)).toMatchObject({ ok: true, soname: 'libquire-test.so.1' });
    }
  });
});

describe('ELF files that are not shared objects', () => {
  it('refuses an object file and says to link it with -shared', () => {
    const result = inspectPath(built.object!);
    expect(result).toMatchObject({ ok: false, code: 'not-shared-object', detail: { elfType: 'relocatable' } });
    if (!result.ok) expect(result.message).toMatch(/object file.*link it with -shared/);
  });

  it('refuses a non-PIE executable', () => {
    expect(inspectPath(built.executable!)).toMatchObject({ ok: false, code: 'not-shared-object', detail: { elfType: 'executable' } });
  });

  it.each([
    ['a PIE built here', () => built.pie!],
    ['/bin/ls', () => '/bin/ls'],
    ['/usr/bin/env', () => '/usr/bin/env'],
  ])('refuses %s as a position-independent executable', (_, path) => {
    expect(inspectPath(path())).toMatchObject({ ok: false, code: 'not-shared-object', detail: { elfType: 'pie-executable' } });
  });

  it('recognises a PIE without the DF_1_PIE flag by its interpreter and missing soname', () => {
    const bytes = bytesOf(built.pie!);
    const entry = dynamicEntryOffset(built.pie!, bytes, DT_FLAGS_1);
    const unflagged = patched(bytes, (view) => view.setUint32(entry + 8, view.getUint32(entry + 8, true) & ~0x08000000, true));
    expect(inspectBytes(unflagged, host, QUIRE_ENTRY_SYMBOL)).toMatchObject({
      code: 'not-shared-object',
      detail: { evidence: 'program interpreter and no soname' },
    });
  });
});

describe.skipIf(!existsSync(LIBC))('the system C library', () => {
  it('is a shared object despite its program interpreter, because it has a soname', () => {
    expect(inspectPath(LIBC)).toMatchObject({ ok: false, code: 'missing-entry', detail: { reason: 'absent' } });
    expect(inspectPath(LIBC, 'printf')).toMatchObject({ ok: true, soname: 'libc.so.6', needed: ['ld-linux-x86-64.so.2'] });
  });

  it('counts the same dynamic symbols from its GNU hash table as readelf finds in .dynsym', () => {
    const result = inspectBytes(withoutSectionHeaders(bytesOf(LIBC)), host, QUIRE_ENTRY_SYMBOL);
    expect(result).toMatchObject({ code: 'missing-entry', detail: { symbolCount: readelfDynamicSymbolCount(LIBC) } });
    expect(inspectBytes(withoutSectionHeaders(bytesOf(LIBC)), host, 'printf')).toMatchObject({ ok: true });
  });
});

describe('counting symbols from hash tables', () => {
  it.each([
    ['GNU', 'stripped'],
    ['SysV', 'strippedSysv'],
  ])('matches readelf with a %s hash table', (_, fixture) => {
    const path = built[fixture]!;
    const result = inspectBytes(withoutSectionHeaders(bytesOf(path)), host, 'no_such_symbol');
    expect(result).toMatchObject({ code: 'missing-entry', detail: { symbolCount: readelfDynamicSymbolCount(path) } });
  });
});

describe('architecture and OS checks', () => {
  const foreignMachine = host.elfMachine === 183 ? 62 : 183;

  it('refuses a copy whose e_machine says another architecture, naming both', () => {
    const bytes = patched(bytesOf(built.plugin!), (view) => view.setUint16(18, foreignMachine, true));
    const result = inspectBytes(bytes, host, QUIRE_ENTRY_SYMBOL);
    expect(result).toMatchObject({ ok: false, code: 'wrong-arch', detail: { fileMachine: foreignMachine, hostArch: host.archName } });
    if (!result.ok && foreignMachine === 183) {
      expect(result.message).toContain(`built for aarch64 (ARM 64-bit), but this Quire runs on ${host.archName}`);
    }
  });

  it('refuses a copy whose class byte says 32-bit', () => {
    const bytes = patched(bytesOf(built.plugin!), (_, copy) => (copy[4] = 1));
    expect(inspectBytes(bytes, host, QUIRE_ENTRY_SYMBOL)).toMatchObject({ code: 'wrong-arch', detail: { fileClass: 32 } });
  });

  it('refuses a copy whose byte-order byte says big-endian', () => {
    const bytes = patched(bytesOf(built.plugin!), (_, copy) => (copy[5] = 2));
    expect(inspectBytes(bytes, host, QUIRE_ENTRY_SYMBOL)).toMatchObject({ code: 'wrong-arch', detail: { fileByteOrder: 'big-endian' } });
  });

  it('refuses an ELF file marked for FreeBSD as wrong-os, and accepts the GNU/Linux marking', () => {
    const freebsd = patched(bytesOf(built.plugin!), (_, copy) => (copy[7] = 9));
    expect(inspectBytes(freebsd, host, QUIRE_ENTRY_SYMBOL)).toMatchObject({ code: 'wrong-os', detail: { os: 'FreeBSD' } });
    const gnu = patched(bytesOf(built.plugin!), (_, copy) => (copy[7] = 3));
    expect(inspectBytes(gnu, host, QUIRE_ENTRY_SYMBOL)).toMatchObject({ ok: true });
  });

  it.skipIf(process.arch !== 'x64')('reads a 32-bit x86 shared object built with gcc -m32', () => {
    const path = scratch.compile('plugin32.so', PLAIN_ENTRY_C, ['-m32', '-shared', '-fPIC', '-nostdlib']);
    expect(inspectPath(path, QUIRE_ENTRY_SYMBOL, hostTargetFor('ia32', true, 'linux'))).toMatchObject({ ok: true, elfClass: 32, machine: 'x86 (32-bit)' });
    expect(inspectPath(path)).toMatchObject({ code: 'wrong-arch', detail: { fileArch: 'x86 (32-bit)' } });
  });
});

describe.skipIf(!existsSync(NATIVE_MODULES))('prebuilt Node modules for other Linux architectures (from node_modules)', () => {
  it.each([
    ['index.linux-x64-gnu.node', 'x64', 64, 'x86-64'],
    ['index.linux-arm64-gnu.node', 'arm64', 64, 'aarch64 (ARM 64-bit)'],
    ['index.linux-arm64-musl.node', 'arm64', 64, 'aarch64 (ARM 64-bit)'],
    ['index.linux-arm-gnueabihf.node', 'arm', 32, 'arm (ARM 32-bit)'],
    ['index.linux-ia32-gnu.node', 'ia32', 32, 'x86 (32-bit)'],
  ] as const)('%s loads on %s and nowhere else', (file, arch, elfClass, machine) => {
    const path = join(NATIVE_MODULES, file);
    const own = hostTargetFor(arch, true, 'linux');
    expect(inspectPath(path, 'napi_register_module_v1', own)).toMatchObject({ ok: true, elfClass, machine });
    const other = hostTargetFor(arch === 'x64' ? 'arm64' : 'x64', true, 'linux');
    expect(inspectPath(path, 'napi_register_module_v1', other)).toMatchObject({ code: 'wrong-arch', detail: { fileArch: machine } });
  });
});

describe.skipIf(!onPath('rustc'))('a Rust cdylib', () => {
  it('is accepted when it exports the entry with #[no_mangle] pub extern "C"', () => {
    const source = scratch.file('plugin.rs', '#[no_mangle]\npub extern "C" fn quire_plugin_entry() -> u32 { 1 }\n');
    const output = join(scratch.path, 'librust_plugin.so');
    run('rustc', ['--crate-type', 'cdylib', '-O', '-o', output, source]);
    expect(inspectPath(output)).toMatchObject({ ok: true, entryExported: true });
  });
});
