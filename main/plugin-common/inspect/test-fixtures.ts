import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { expect } from 'vitest';
import type { Inspection } from './inspection.js';

/** Shared by the inspector's tests: real compilers, real binutils, real files on disk. */

export const INSPECT_CODES = [
  'not-a-binary',
  'wrong-os',
  'wrong-arch',
  'not-shared-object',
  'go-plugin',
  'missing-entry',
  'manifest-mismatch',
  'unreadable',
  'too-large',
] as const;

export function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

export class ScratchDir {
  readonly path = mkdtempSync(join(tmpdir(), 'quire-inspect-'));

  file(name: string, contents: string | Uint8Array): string {
    const path = join(this.path, name);
    writeFileSync(path, contents);
    return path;
  }

  /** Compiles C (or C++ with `compiler: 'g++'`) source into `output` with the given flags. */
  compile(output: string, source: string, flags: string[], compiler = 'gcc'): string {
    const extension = compiler === 'g++' ? 'cpp' : 'c';
    const sourcePath = this.file(`${output}.${extension}`, source);
    const outputPath = join(this.path, output);
    run(compiler, [...flags, '-o', outputPath, sourcePath]);
    return outputPath;
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

export function bytesOf(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

/** A copy of `bytes` changed by `edit`, which gets a little-endian-capable DataView over the copy. */
export function patched(bytes: Uint8Array, edit: (view: DataView, copy: Uint8Array) => void): Uint8Array {
  const copy = bytes.slice();
  edit(new DataView(copy.buffer), copy);
  return copy;
}

export interface SectionInfo {
  index: number;
  offset: number;
  size: number;
}

/** Section positions as binutils' readelf reports them, so crafted damage does not rely on the code under test. */
export function readelfSections(path: string): Map<string, SectionInfo> {
  const sections = new Map<string, SectionInfo>();
  for (const line of run('readelf', ['-W', '-S', path]).split('\n')) {
    const match = /^\s*\[\s*(\d+)\]\s+(\S+)\s+\S+\s+[0-9a-f]+\s+([0-9a-f]+)\s+([0-9a-f]+)/.exec(line);
    if (match?.[1] && match[2] && match[3] && match[4]) {
      sections.set(match[2], { index: Number(match[1]), offset: parseInt(match[3], 16), size: parseInt(match[4], 16) });
    }
  }
  return sections;
}

/** File offset and size of the PT_DYNAMIC segment, per readelf. */
export function readelfDynamicSegment(path: string): { offset: number; size: number } {
  const line = run('readelf', ['-W', '-l', path])
    .split('\n')
    .find((l) => /^\s*DYNAMIC\s/.test(l));
  const fields = line?.trim().split(/\s+/) ?? [];
  if (!fields[1] || !fields[4]) throw new Error(`no PT_DYNAMIC segment in ${path}`);
  return { offset: parseInt(fields[1], 16), size: parseInt(fields[4], 16) };
}

/** What is wrong with the shape of an inspection, or undefined when it is plain data in the documented shape. */
export function malformation(result: Inspection): string | undefined {
  if (result.ok) return ['elf', 'mach-o', 'pe'].includes(result.format) && result.entryExported === true ? undefined : 'accepted without format or entry';
  if (!(INSPECT_CODES as readonly string[]).includes(result.code)) return `unknown code ${result.code}`;
  if (result.message.length < 20) return `message too short: ${result.message}`;
  const odd = Object.entries(result.detail).find(([, value]) => typeof value !== 'string' && typeof value !== 'number');
  return odd ? `detail ${odd[0]} is ${typeof odd[1]}` : undefined;
}

export function expectWellFormed(result: Inspection): void {
  expect(malformation(result)).toBeUndefined();
}

/**
 * What `objcopy --strip-section-headers` (binutils 2.41+, newer than this machine's 2.40) does:
 * e_shoff, e_shnum and e_shstrndx become 0 and the table itself is wiped, so only the program
 * headers and the dynamic segment remain to describe the file.
 */
export function withoutSectionHeaders(bytes: Uint8Array): Uint8Array {
  return patched(bytes, (view, copy) => {
    const wide = copy[4] === 2;
    const at = wide ? { shoff: 40, shentsize: 58, shnum: 60, shstrndx: 62 } : { shoff: 32, shentsize: 46, shnum: 48, shstrndx: 50 };
    const shoff = wide ? Number(view.getBigUint64(at.shoff, true)) : view.getUint32(at.shoff, true);
    copy.fill(0, shoff, shoff + view.getUint16(at.shentsize, true) * view.getUint16(at.shnum, true));
    if (wide) view.setBigUint64(at.shoff, 0n, true);
    else view.setUint32(at.shoff, 0, true);
    view.setUint16(at.shnum, 0, true);
    view.setUint16(at.shstrndx, 0, true);
  });
}

/** The file offset of the first 64-bit little-endian dynamic entry with `tag`, found via readelf's PT_DYNAMIC. */
export function dynamicEntryOffset(path: string, bytes: Uint8Array, tag: number): number {
  const segment = readelfDynamicSegment(path);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = segment.offset; at + 16 <= segment.offset + segment.size; at += 16) {
    if (view.getBigUint64(at, true) === BigInt(tag)) return at;
  }
  throw new Error(`no dynamic entry with tag 0x${tag.toString(16)} in ${path}`);
}

/** The number of .dynsym entries readelf counts. */
export function readelfDynamicSymbolCount(path: string): number {
  const match = /Symbol table '\.dynsym' contains (\d+) entries/.exec(run('readelf', ['-W', '--dyn-syms', path]));
  if (!match?.[1]) throw new Error(`readelf found no .dynsym in ${path}`);
  return Number(match[1]);
}
