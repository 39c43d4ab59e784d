import { rebuildFor } from './advice.js';
import { DF_1_PIE, type DynamicInfo } from './elf-dynamic.js';
import type { ElfIdentity } from './elf-header.js';
import { elfMachineName } from './elf-machines.js';
import type { HostTarget, Refusal } from './inspection.js';
import { BUILD_RECIPES } from './platforms.js';
import { refuse } from './refusal.js';

/** ELF files are inspected as plugins on Linux only (elsewhere they are refused as wrong-os first). */
const BUILD_RECIPE = BUILD_RECIPES.linux;

const ELFOSABI_NONE = 0;
const ELFOSABI_GNU = 3;

const OS_ABI_NAMES: Record<number, string> = {
  1: 'HP-UX',
  2: 'NetBSD',
  6: 'Solaris',
  7: 'AIX',
  8: 'IRIX',
  9: 'FreeBSD',
  12: 'OpenBSD',
  97: 'an ARM-specific ABI',
  255: 'a standalone (bare-metal) system',
};

const ET_REL = 1;
const ET_EXEC = 2;
const ET_DYN = 3;
const ET_CORE = 4;

/** glibc's dlopen accepts only the System V and GNU OS ABIs; anything else was built for another OS. */
export function checkOsAbi(header: ElfIdentity, target: HostTarget): Refusal | undefined {
  if (header.osAbi === ELFOSABI_NONE || header.osAbi === ELFOSABI_GNU) return undefined;
  const os = OS_ABI_NAMES[header.osAbi] ?? `OS ABI ${header.osAbi}`;
  return refuse('wrong-os', `This ELF file was built for ${os}, not Linux. ${rebuildFor(target)}`, {
    format: 'elf',
    osAbi: header.osAbi,
    os,
  });
}

/** Machine, word size and byte order must all match the host, or the loader cannot map the code. */
export function checkArch(header: ElfIdentity, target: HostTarget): Refusal | undefined {
  if (header.machine === target.elfMachine && header.elfClass === target.elfClass && header.littleEndian === target.littleEndian) {
    return undefined;
  }
  const built = elfMachineName(header.machine, header.elfClass, header.littleEndian);
  return refuse(
    'wrong-arch',
    `This plugin was built for ${built}, but this Quire runs on ${target.archName}. ` +
      `Rebuild it for ${target.archName} (natively or with a cross-compiler), or install the plugin's ${target.archName} build.`,
    {
      fileArch: built,
      hostArch: target.archName,
      fileMachine: header.machine,
      fileClass: header.elfClass,
      fileByteOrder: header.littleEndian ? 'little-endian' : 'big-endian',
    },
  );
}

/** Only ET_DYN objects can be dlopen'ed; the others get a message that names what they are instead. */
export function checkFileType(header: ElfIdentity): Refusal | undefined {
  switch (header.type) {
    case ET_DYN:
      return undefined;
    case ET_REL:
      return refuse(
        'not-shared-object',
        'This is an object file (.o), not a shared object: link it with -shared, e.g. `cc -shared -o plugin.so plugin.o` ' +
          '(compile the sources with -fPIC).',
        { elfType: 'relocatable', eType: header.type },
      );
    case ET_EXEC:
      return refuse('not-shared-object', `This is a program (an executable), not a shared object. Build the plugin as a library: ${BUILD_RECIPE}.`, {
        elfType: 'executable',
        eType: header.type,
      });
    case ET_CORE:
      return refuse('not-shared-object', 'This is a core dump left by a crashed program, not a plugin. Remove it from the plugins folder.', {
        elfType: 'core',
        eType: header.type,
      });
    default:
      return refuse('not-shared-object', `This ELF file has type ${header.type}, which is not a shared object. Build the plugin with ${BUILD_RECIPE}.`, {
        elfType: 'unknown',
        eType: header.type,
      });
  }
}

/**
 * A PIE program is ET_DYN like a library. Current linkers mark it with DF_1_PIE; older ones leave
 * only the shape: a program interpreter (PT_INTERP) and no soname. libc.so.6 has an interpreter
 * too (it runs as a program) but also a soname, so it stays a library.
 */
export function checkPie(hasInterpreter: boolean, dynamic: DynamicInfo): Refusal | undefined {
  const flagged = (dynamic.flags1 & DF_1_PIE) !== 0;
  if (!flagged && !(hasInterpreter && dynamic.soname === undefined)) return undefined;
  return refuse(
    'not-shared-object',
    `This is a position-independent executable (a program), not a shared library. Build the plugin as a library: ${BUILD_RECIPE}.`,
    { elfType: 'pie-executable', evidence: flagged ? 'DF_1_PIE flag' : 'program interpreter and no soname' },
  );
}

export function refuseWithoutDynamicTable(): Refusal {
  return refuse(
    'not-shared-object',
    `This ELF file has no dynamic section, so it cannot be loaded as a library or export functions. Build the plugin with ${BUILD_RECIPE}.`,
    { elfType: 'no-dynamic-section' },
  );
}
