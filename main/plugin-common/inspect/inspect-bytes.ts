import { rebuildFor } from './advice.js';
import { ELF_MAGIC } from './elf-header.js';
import { inspectElf } from './elf.js';
import type { HostTarget, Inspection } from './inspection.js';
import { inspectMachO } from './macho.js';
import { inspectPe } from './pe.js';
import { OS_NAMES } from './platforms.js';
import { refuse } from './refusal.js';
import { describeNonBinary } from './sniff.js';

/**
 * Decides from the bytes alone whether a file may be loaded as a plugin on `target`: ELF on
 * Linux, Mach-O on macOS, PE on Windows, each refused elsewhere as wrong-os. Pure and total:
 * any input, however damaged, yields an Inspection; none of the file's code runs.
 */
export function inspectBytes(bytes: Uint8Array, target: HostTarget, entrySymbol: string): Inspection {
  if (ELF_MAGIC.every((byte, i) => bytes[i] === byte)) {
    if (target.os === 'linux') return inspectElf(bytes, target, entrySymbol);
    return refuse('wrong-os', `This is an ELF file, built for Linux (or another Unix), not ${OS_NAMES[target.os]}. ${rebuildFor(target)}`, { format: 'elf' });
  }
  return inspectMachO(bytes, target, entrySymbol) ?? inspectPe(bytes, target, entrySymbol) ?? describeNonBinary(bytes, target);
}
