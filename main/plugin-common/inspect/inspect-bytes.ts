import { ELF_MAGIC } from './elf-header.js';
import { inspectElf } from './elf.js';
import type { HostTarget, Inspection } from './inspection.js';
import { inspectMachO } from './macho.js';
import { inspectPe } from './pe.js';
import { describeNonBinary } from './sniff.js';

/**
 * Decides from the bytes alone whether a file may be loaded as a plugin on `target`. Pure and
 * total: any input, however damaged, yields an Inspection; none of the file's code runs.
 */
export function inspectBytes(bytes: Uint8Array, target: HostTarget, entrySymbol: string): Inspection {
  if (ELF_MAGIC.every((byte, i) => bytes[i] === byte)) return inspectElf(bytes, target, entrySymbol);
  return inspectMachO(bytes, target) ?? inspectPe(bytes, target) ?? describeNonBinary(bytes);
}
