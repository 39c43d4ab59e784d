import type { HostTarget } from './inspection.js';
import { MACH_O_CPUS, PE_MACHINES, pluginOsOf } from './platforms.js';
import { machOCpuName } from './macho-names.js';
import { peMachineName } from './pe-names.js';

/** e_machine values (ELF gABI) for the architectures Node runs on. */
export const EM_SPARC = 2;
export const EM_386 = 3;
export const EM_MIPS = 8;
export const EM_PPC = 20;
export const EM_PPC64 = 21;
export const EM_S390 = 22;
export const EM_ARM = 40;
export const EM_SPARCV9 = 43;
export const EM_X86_64 = 62;
export const EM_AARCH64 = 183;
export const EM_RISCV = 243;
export const EM_LOONGARCH = 258;

/**
 * A human name for an ELF architecture. Class and byte order matter because one e_machine covers
 * several ABIs (x32 is EM_X86_64 with 32-bit class; ppc64le is EM_PPC64 little-endian).
 */
export function elfMachineName(machine: number, elfClass: 32 | 64, littleEndian: boolean): string {
  const wide = elfClass === 64;
  switch (machine) {
    case EM_386:
      return 'x86 (32-bit)';
    case EM_X86_64:
      return wide ? 'x86-64' : 'x32 (x86-64 with 32-bit pointers)';
    case EM_AARCH64:
      return wide ? 'aarch64 (ARM 64-bit)' : 'aarch64 ILP32 (ARM 64-bit with 32-bit pointers)';
    case EM_ARM:
      return 'arm (ARM 32-bit)';
    case EM_RISCV:
      return wide ? 'riscv64' : 'riscv32';
    case EM_PPC64:
      return littleEndian ? 'ppc64le' : 'ppc64';
    case EM_PPC:
      return 'ppc (PowerPC 32-bit)';
    case EM_S390:
      return wide ? 's390x' : 's390';
    case EM_MIPS:
      return (wide ? 'mips64' : 'mips') + (littleEndian ? 'el' : '');
    case EM_LOONGARCH:
      return wide ? 'loongarch64' : 'loongarch32';
    case EM_SPARCV9:
      return 'sparc64';
    case EM_SPARC:
      return 'sparc';
    default:
      return `ELF machine ${machine}`;
  }
}

/** ELF class, machine and byte order per `process.arch` value. */
const NODE_ARCH_TARGETS: Record<string, { elfClass: 32 | 64; elfMachine: number; littleEndian?: boolean }> = {
  x64: { elfClass: 64, elfMachine: EM_X86_64, littleEndian: true },
  arm64: { elfClass: 64, elfMachine: EM_AARCH64, littleEndian: true },
  ia32: { elfClass: 32, elfMachine: EM_386, littleEndian: true },
  arm: { elfClass: 32, elfMachine: EM_ARM, littleEndian: true },
  riscv64: { elfClass: 64, elfMachine: EM_RISCV, littleEndian: true },
  loong64: { elfClass: 64, elfMachine: EM_LOONGARCH, littleEndian: true },
  // Node reports "ppc64" for both byte orders, so the running machine's byte order decides.
  ppc64: { elfClass: 64, elfMachine: EM_PPC64 },
  ppc: { elfClass: 32, elfMachine: EM_PPC, littleEndian: false },
  s390x: { elfClass: 64, elfMachine: EM_S390, littleEndian: false },
  s390: { elfClass: 32, elfMachine: EM_S390, littleEndian: false },
  mips: { elfClass: 32, elfMachine: EM_MIPS, littleEndian: false },
  mipsel: { elfClass: 32, elfMachine: EM_MIPS, littleEndian: true },
  mips64el: { elfClass: 64, elfMachine: EM_MIPS, littleEndian: true },
};

/**
 * The target for a Node architecture name on a platform (`process.platform`). An architecture
 * we do not know gets machine 0 (EM_NONE, and no Mach-O or PE machine), which no plugin file
 * carries, so every file is refused as wrong-arch naming `nodeArch`.
 */
export function hostTargetFor(nodeArch: string, machineIsLittleEndian: boolean, platform: string = process.platform): HostTarget {
  const os = pluginOsOf(platform);
  const machOCpu = MACH_O_CPUS[nodeArch] ?? 0;
  const peMachine = PE_MACHINES[nodeArch] ?? 0;
  const known = NODE_ARCH_TARGETS[nodeArch];
  if (!known) return { os, elfClass: 64, elfMachine: 0, littleEndian: machineIsLittleEndian, machOCpu, peMachine, archName: nodeArch };
  const littleEndian = known.littleEndian ?? machineIsLittleEndian;
  const archName =
    os === 'darwin' && machOCpu ? machOCpuName(machOCpu) : os === 'win32' && peMachine ? peMachineName(peMachine) : elfMachineName(known.elfMachine, known.elfClass, littleEndian);
  return { os, elfClass: known.elfClass, elfMachine: known.elfMachine, littleEndian, machOCpu, peMachine, archName };
}
