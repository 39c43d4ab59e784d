/** Names of Mach-O processors and file types, for messages. */

const CPU_NAMES: Record<number, string> = {
  0x7: 'x86 (32-bit)',
  0x01000007: 'x86-64',
  0xc: 'arm (ARM 32-bit)',
  0x0100000c: 'arm64',
  0x0200000c: 'arm64_32',
  0x12: 'ppc',
  0x01000012: 'ppc64',
};

export const MH_OBJECT = 1;
export const MH_EXECUTE = 2;
export const MH_DYLIB = 6;
export const MH_BUNDLE = 8;

const FILE_TYPES: Record<number, string> = {
  [MH_OBJECT]: 'object file',
  [MH_EXECUTE]: 'executable',
  [MH_DYLIB]: 'dynamic library',
  [MH_BUNDLE]: 'bundle',
};

export function machOCpuName(cpuType: number): string {
  return CPU_NAMES[cpuType] ?? `CPU type 0x${cpuType.toString(16)}`;
}

export function machOFileTypeName(fileType: number): string {
  return FILE_TYPES[fileType] ?? 'Mach-O file';
}
