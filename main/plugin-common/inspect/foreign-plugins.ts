/**
 * Real macOS and Windows plugins for the inspector's tests, built on this Linux machine with
 * real tools: LLVM's assembler (llvm-mc) writes the Mach-O or COFF object, and the linkers
 * every Rust toolchain ships (rust-lld as ld64.lld for macOS, as lld-link for Windows) link
 * it into a .dylib or .dll — exactly as a C compiler's output would be linked there.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { onPath, run, type ScratchDir } from './test-fixtures.js';

export type ForeignArch = 'x86_64' | 'arm64';

export interface ForeignPlugin {
  arch?: ForeignArch;
  /** The manifest text (NUL added); none when null. */
  manifest?: string | null;
  /** How the entry function is declared: exported (default), hidden, absent, or as data. */
  entry?: 'exported' | 'hidden' | 'absent' | 'data';
}

export const SAMPLE_MANIFEST = 'quire-manifest 1\nid=dev.quire.test.foreign\nname=Foreign Sample\nversion=1.0.0\ncapabilities=\n';

/** rust-lld of the active Rust toolchain, or null without one. */
function rustLld(): string | null {
  if (!onPath('rustc')) return null;
  try {
    const sysroot = run('rustc', ['--print', 'sysroot']).trim();
    const host = /^host: (\S+)$/m.exec(run('rustc', ['-vV']))?.[1];
    const lld = host ? join(sysroot, 'lib', 'rustlib', host, 'bin', 'rust-lld') : '';
    return existsSync(lld) ? lld : null;
  } catch {
    return null;
  }
}

const LLD = rustLld();

/** Why foreign plugins cannot be built here, or null when they can. */
export const FOREIGN_TOOLS_MISSING: string | null = !onPath('llvm-mc') ? 'llvm-mc (LLVM) is not installed' : LLD === null ? "rust-lld (in every Rust toolchain) was not found" : null;

function assembly(symbolPrefix: string, arch: ForeignArch, plugin: ForeignPlugin, sections: { code: string; data: string }): string {
  const entry = `${symbolPrefix}quire_plugin_entry`;
  const manifest = `${symbolPrefix}quire_plugin_manifest`;
  const body = arch === 'x86_64' ? ['\txorl\t%eax, %eax', '\tretq'] : ['\tmov\tw0, #0', '\tret'];
  const lines: string[] = [];
  const kind = plugin.entry ?? 'exported';
  if (kind === 'data') lines.push(sections.data, `\t.globl\t${entry}`, `${entry}:`, '\t.quad\t0');
  else if (kind !== 'absent') {
    lines.push(sections.code, `\t.globl\t${entry}`);
    if (kind === 'hidden') lines.push(symbolPrefix ? `\t.private_extern\t${entry}` : '');
    lines.push(`${entry}:`, ...body);
  } else lines.push(sections.code, `${symbolPrefix}something_else:`, ...body);
  const text = plugin.manifest === undefined ? SAMPLE_MANIFEST : plugin.manifest;
  if (text !== null) lines.push(sections.data, `\t.globl\t${manifest}`, `${manifest}:`, `\t.asciz\t${JSON.stringify(text)}`);
  return `${lines.join('\n')}\n`;
}

/** A macOS dynamic library (MH_DYLIB) built with llvm-mc and ld64.lld. */
export function buildDylib(scratch: ScratchDir, name: string, plugin: ForeignPlugin = {}): string {
  const arch = plugin.arch ?? 'x86_64';
  const source = scratch.file(`${name}.s`, assembly('_', arch, plugin, { code: '\t.section\t__TEXT,__text,regular,pure_instructions', data: '\t.section\t__TEXT,__const' }));
  const object = join(scratch.path, `${name}.o`);
  const output = join(scratch.path, `${name}.dylib`);
  run('llvm-mc', ['-triple', `${arch}-apple-macos11`, '-filetype=obj', '-o', object, source]);
  run(LLD as string, ['-flavor', 'darwin', '-dylib', '-arch', arch, '-platform_version', 'macos', '11.0', '11.0', '-install_name', `@rpath/${name}.dylib`, '-o', output, object]);
  return output;
}

/** A Windows DLL built with llvm-mc and lld-link; `exe` links a program instead. */
export function buildDll(scratch: ScratchDir, name: string, plugin: ForeignPlugin = {}, exe = false): string {
  const arch = plugin.arch ?? 'x86_64';
  const source = scratch.file(`${name}.s`, assembly('', arch, plugin, { code: '\t.text', data: '\t.section\t.rdata,"dr"' }));
  const object = join(scratch.path, `${name}.obj`);
  const output = join(scratch.path, `${name}.${exe ? 'exe' : 'dll'}`);
  run('llvm-mc', ['-triple', `${arch === 'x86_64' ? 'x86_64' : 'aarch64'}-pc-windows-msvc`, '-filetype=obj', '-o', object, source]);
  const kind = plugin.entry ?? 'exported';
  const exports = [
    ...(kind === 'exported' ? ['/export:quire_plugin_entry'] : kind === 'data' ? ['/export:quire_plugin_entry,DATA'] : []),
    ...(plugin.manifest === null ? [] : ['/export:quire_plugin_manifest,DATA']),
  ];
  const link = exe ? ['/entry:quire_plugin_entry', '/subsystem:console'] : ['/dll', '/noentry', ...exports];
  run(LLD as string, ['-flavor', 'link', ...link, '/nodefaultlib', `/machine:${arch === 'x86_64' ? 'x64' : 'arm64'}`, `/out:${output}`, object]);
  return output;
}
