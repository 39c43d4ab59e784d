import { rebuildOnLinux } from './advice.js';
import { ByteReader } from './byte-reader.js';
import type { HostTarget, Refusal } from './inspection.js';
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

const CPU_NAMES: Record<number, string> = {
  0x7: 'x86 (32-bit)',
  0x01000007: 'x86-64',
  0xc: 'arm (ARM 32-bit)',
  0x0100000c: 'arm64',
  0x0200000c: 'arm64_32',
  0x12: 'ppc',
  0x01000012: 'ppc64',
};

const FILE_TYPES: Record<number, string> = {
  1: 'object file',
  2: 'executable',
  6: 'dynamic library',
  8: 'bundle',
};

function cpuName(cpuType: number): string {
  return CPU_NAMES[cpuType] ?? `CPU type 0x${cpuType.toString(16)}`;
}

interface ThinHeader {
  cpu: string;
  fileType: string;
}

/** The CPU and file type of a single-architecture Mach-O header at `offset`, if it is one. */
function readThinHeader(bytes: Uint8Array, offset: number): ThinHeader | undefined {
  const magic = new ByteReader(bytes, false).record(offset, 4)?.u32(0);
  if (magic !== MH_MAGIC && magic !== MH_MAGIC_64 && magic !== MH_CIGAM && magic !== MH_CIGAM_64) return undefined;
  const littleEndian = magic === MH_CIGAM || magic === MH_CIGAM_64;
  const header = new ByteReader(bytes, littleEndian).record(offset, THIN_HEADER_SIZE);
  if (!header) return { cpu: 'unknown architecture', fileType: 'Mach-O file' };
  return { cpu: cpuName(header.u32(4)), fileType: FILE_TYPES[header.u32(12)] ?? 'Mach-O file' };
}

/** The architectures of a universal binary, or undefined when the CAFEBABE header is not a valid fat header. */
function readFatArches(bytes: Uint8Array): { cpus: string[]; firstSliceOffset: number } | undefined {
  const reader = new ByteReader(bytes, false);
  const header = reader.record(0, FAT_HEADER_SIZE);
  if (!header) return undefined;
  const wide = header.u32(0) === FAT_MAGIC_64;
  const count = header.u32(4);
  if (count < 1 || count >= MAX_FAT_ARCHES) return undefined;
  const entrySize = wide ? FAT_ARCH_64_SIZE : FAT_ARCH_SIZE;
  const cpus: string[] = [];
  let firstSliceOffset = 0;
  for (let i = 0; i < count; i++) {
    const entry = reader.record(FAT_HEADER_SIZE + i * entrySize, entrySize);
    if (!entry) return undefined;
    cpus.push(cpuName(entry.u32(0)));
    if (i === 0) firstSliceOffset = wide ? entry.u64(8) : entry.u32(8);
    if (!entry.valid) return undefined;
  }
  return { cpus, firstSliceOffset };
}

function wrongOs(what: string, cpus: string[], target: HostTarget): Refusal {
  const arch = cpus.length > 1 ? `universal: ${cpus.join(', ')}` : (cpus[0] ?? 'unknown architecture');
  return refuse('wrong-os', `This is a macOS Mach-O ${what} (${arch}), built for macOS, not Linux. ${rebuildOnLinux(target.archName)}`, {
    format: 'mach-o',
    fileType: what,
    arch: cpus.join(','),
  });
}

/** The refusal for a Mach-O file (thin or universal), or undefined when the bytes are not Mach-O. */
export function inspectMachO(bytes: Uint8Array, target: HostTarget): Refusal | undefined {
  const magic = new ByteReader(bytes, false).record(0, 4)?.u32(0);
  if (magic === FAT_MAGIC || magic === FAT_MAGIC_64) {
    const fat = readFatArches(bytes);
    if (!fat) return undefined;
    return wrongOs(readThinHeader(bytes, fat.firstSliceOffset)?.fileType ?? 'universal binary', fat.cpus, target);
  }
  const thin = readThinHeader(bytes, 0);
  return thin && wrongOs(thin.fileType, [thin.cpu], target);
}
