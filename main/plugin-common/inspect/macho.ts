import { rebuildFor } from './advice.js';
import { ByteReader } from './byte-reader.js';
import type { HostTarget, Inspection, Refusal } from './inspection.js';
import { inspectMachOPlugin } from './macho-plugin.js';
import { machOCpuName, machOFileTypeName } from './macho-names.js';
import { OS_NAMES } from './platforms.js';
import { refuse } from './refusal.js';

const MH_MAGIC = 0xfeedface;
const MH_MAGIC_64 = 0xfeedfacf;
const MH_CIGAM = 0xcefaedfe;
const MH_CIGAM_64 = 0xcffaedfe;
const FAT_MAGIC = 0xcafebabe;
const FAT_MAGIC_64 = 0xcafebabf;

const THIN_HEADER_SIZE = 28;
const FAT_HEADER_SIZE = 8;
const FAT_ARCH_SIZE = 20;
const FAT_ARCH_64_SIZE = 32;

/**
 * Java class files also start with CAFEBABE, followed by their minor and major version; every
 * major version is at least 45, so as a fat "architecture count" they read as 45 or more. Real
 * universal binaries hold a handful of slices. file(1) draws the line at 20 for the same reason.
 */
const MAX_FAT_ARCHES = 20;

/** A single-architecture Mach-O image: where it starts and ends in the file, and what it is. */
export interface MachOSlice {
  offset: number;
  size: number;
  cpuType: number;
  fileType: number;
  wide: boolean;
  littleEndian: boolean;
}

/** The thin Mach-O header at `offset` (`size` bytes long), if there is one. */
function readThinHeader(bytes: Uint8Array, offset: number, size: number): MachOSlice | 'truncated' | undefined {
  const magic = new ByteReader(bytes, false).record(offset, 4)?.u32(0);
  if (magic !== MH_MAGIC && magic !== MH_MAGIC_64 && magic !== MH_CIGAM && magic !== MH_CIGAM_64) return undefined;
  const littleEndian = magic === MH_CIGAM || magic === MH_CIGAM_64;
  const header = new ByteReader(bytes, littleEndian).record(offset, THIN_HEADER_SIZE);
  if (!header) return 'truncated';
  return { offset, size, cpuType: header.u32(4), fileType: header.u32(12), wide: magic === MH_MAGIC_64 || magic === MH_CIGAM_64, littleEndian };
}

/** The slices of a universal binary, or undefined when the CAFEBABE header is not a valid fat header. */
function readFatSlices(bytes: Uint8Array): { cpuType: number; offset: number; size: number }[] | undefined {
  const reader = new ByteReader(bytes, false);
  const header = reader.record(0, FAT_HEADER_SIZE);
  if (!header) return undefined;
  const wide = header.u32(0) === FAT_MAGIC_64;
  const count = header.u32(4);
  if (count < 1 || count >= MAX_FAT_ARCHES) return undefined;
  const entrySize = wide ? FAT_ARCH_64_SIZE : FAT_ARCH_SIZE;
  const slices = [];
  for (let i = 0; i < count; i++) {
    const entry = reader.record(FAT_HEADER_SIZE + i * entrySize, entrySize);
    if (!entry) return undefined;
    slices.push({ cpuType: entry.u32(0), offset: wide ? entry.u64(8) : entry.u32(8), size: wide ? entry.u64(16) : entry.u32(12) });
    if (!entry.valid) return undefined;
  }
  return slices;
}

function wrongOs(what: string, cpus: string[], target: HostTarget): Refusal {
  const arch = cpus.length > 1 ? `universal: ${cpus.join(', ')}` : (cpus[0] ?? 'unknown architecture');
  return refuse('wrong-os', `This is a macOS Mach-O ${what} (${arch}), built for macOS, not ${OS_NAMES[target.os]}. ${rebuildFor(target)}`, {
    format: 'mach-o',
    fileType: what,
    arch: cpus.join(','),
  });
}

function wrongArch(cpus: string[], target: HostTarget): Refusal {
  const built = cpus.length > 1 ? `${cpus.join(', ')} (a universal binary without ${target.archName})` : (cpus[0] ?? 'unknown architecture');
  return refuse(
    'wrong-arch',
    `This plugin was built for ${built}, but this Quire runs on ${target.archName}. ` +
      `Rebuild it for ${target.archName} (e.g. with \`-arch ${target.archName}\`), or install the plugin's ${target.archName} build.`,
    { format: 'mach-o', fileArch: cpus.join(','), hostArch: target.archName },
  );
}

function truncated(): Refusal {
  return refuse(
    'not-a-binary',
    'The file is a Mach-O binary, but it ends inside its header, so it is truncated or corrupt. Rebuild the plugin, or copy it again if a copy or download was interrupted.',
    { kind: 'corrupt-mach-o', reason: 'truncated header' },
  );
}

/**
 * The inspection of a Mach-O file (thin or universal), or undefined when the bytes are not
 * Mach-O. macOS loads the slice for its own processor; every other system refuses the file.
 */
export function inspectMachO(bytes: Uint8Array, target: HostTarget, entrySymbol: string): Inspection | undefined {
  const magic = new ByteReader(bytes, false).record(0, 4)?.u32(0);
  let slice: MachOSlice | 'truncated' | undefined;
  if (magic === FAT_MAGIC || magic === FAT_MAGIC_64) {
    const slices = readFatSlices(bytes);
    if (!slices) return undefined;
    const cpus = slices.map((s) => machOCpuName(s.cpuType));
    const first = slices[0];
    const firstHeader = first && readThinHeader(bytes, first.offset, first.size);
    if (target.os !== 'darwin') {
      const what = firstHeader === undefined ? 'universal binary' : firstHeader === 'truncated' ? 'Mach-O file' : machOFileTypeName(firstHeader.fileType);
      return wrongOs(what, cpus, target);
    }
    const own = slices.find((s) => s.cpuType === target.machOCpu);
    if (!own) return wrongArch(cpus, target);
    slice = readThinHeader(bytes, own.offset, own.size) ?? 'truncated';
  } else {
    slice = readThinHeader(bytes, 0, bytes.length);
    if (slice === undefined) return undefined;
    if (slice !== 'truncated' && target.os !== 'darwin') return wrongOs(machOFileTypeName(slice.fileType), [machOCpuName(slice.cpuType)], target);
  }
  if (slice === 'truncated') return target.os === 'darwin' ? truncated() : wrongOs('Mach-O file', ['unknown architecture'], target);
  if (slice.cpuType !== target.machOCpu) return wrongArch([machOCpuName(slice.cpuType)], target);
  return inspectMachOPlugin(bytes, slice, target, entrySymbol);
}
