import { rebuildFor, whatAPluginIs } from './advice.js';
import { ByteReader } from './byte-reader.js';
import type { HostTarget, Inspection, Refusal } from './inspection.js';
import { inspectPePlugin } from './pe-plugin.js';
import { peMachineName } from './pe-names.js';
import { OS_NAMES } from './platforms.js';
import { refuse } from './refusal.js';

const MZ = [0x4d, 0x5a];
const PE_SIGNATURE = [0x50, 0x45, 0x00, 0x00];
const E_LFANEW_OFFSET = 0x3c;
const COFF_HEADER_SIZE = 20;
const IMAGE_FILE_DLL = 0x2000;

/** Where the COFF header of a PE image is, and what it says. */
export interface PeImage {
  /** File offset of the COFF file header (after "PE\0\0"). */
  coffOffset: number;
  machine: number;
  sectionCount: number;
  optionalHeaderSize: number;
  isDll: boolean;
}

/**
 * The inspection of a DOS/Windows executable, or undefined when the bytes do not start with
 * "MZ". Only an MZ stub whose e_lfanew leads to a "PE\0\0" header is a Windows binary; anything
 * else with MZ is a bare DOS program or a coincidence. Windows loads a DLL for its own machine;
 * every other system refuses the file.
 */
export function inspectPe(bytes: Uint8Array, target: HostTarget, entrySymbol: string): Inspection | undefined {
  const reader = new ByteReader(bytes, true);
  if (!reader.startsWith(MZ)) return undefined;
  const peOffset = reader.record(E_LFANEW_OFFSET, 4)?.u32(0);
  const coff = peOffset === undefined ? undefined : reader.record(peOffset + PE_SIGNATURE.length, COFF_HEADER_SIZE);
  if (peOffset === undefined || !coff || !reader.startsWith(PE_SIGNATURE, peOffset)) {
    return refuse(
      'not-a-binary',
      `The file starts with "MZ" but has no Windows PE header, so it is a DOS program or not an executable at all. ${whatAPluginIs(target)}`,
      { kind: 'mz-without-pe', size: bytes.length },
    );
  }
  const image: PeImage = {
    coffOffset: peOffset + PE_SIGNATURE.length,
    machine: coff.u16(0),
    sectionCount: coff.u16(2),
    optionalHeaderSize: coff.u16(16),
    isDll: (coff.u16(18) & IMAGE_FILE_DLL) !== 0,
  };
  const arch = peMachineName(image.machine);
  if (target.os !== 'win32') {
    const what = image.isDll ? 'Windows DLL' : 'Windows program (.exe)';
    return refuse('wrong-os', `This is a ${what} (${arch}), built for Windows, not ${OS_NAMES[target.os]}. ${rebuildFor(target)}`, {
      format: 'pe',
      fileType: image.isDll ? 'dll' : 'exe',
      arch,
    });
  }
  if (image.machine !== target.peMachine) return wrongArch(arch, target);
  return inspectPePlugin(reader, image, target, entrySymbol);
}

function wrongArch(arch: string, target: HostTarget): Refusal {
  return refuse(
    'wrong-arch',
    `This plugin was built for ${arch}, but this Quire runs on ${target.archName}. Rebuild it for ${target.archName}, or install the plugin's ${target.archName} build.`,
    { format: 'pe', fileArch: arch, hostArch: target.archName },
  );
}
