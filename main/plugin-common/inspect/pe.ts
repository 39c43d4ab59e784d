import { WHAT_A_PLUGIN_IS, rebuildOnLinux } from './advice.js';
import { ByteReader } from './byte-reader.js';
import type { HostTarget, Refusal } from './inspection.js';
import { refuse } from './refusal.js';

const MZ = [0x4d, 0x5a];
const PE_SIGNATURE = [0x50, 0x45, 0x00, 0x00];
const E_LFANEW_OFFSET = 0x3c;
const COFF_HEADER_SIZE = 20;
const IMAGE_FILE_DLL = 0x2000;

const MACHINE_NAMES: Record<number, string> = {
  0x014c: 'x86 (32-bit)',
  0x8664: 'x86-64',
  0xaa64: 'arm64',
  0x01c4: 'arm (ARM 32-bit)',
  0xa641: 'arm64ec',
};

/**
 * The refusal for a DOS/Windows executable, or undefined when the bytes do not start with "MZ".
 * Only an MZ stub whose e_lfanew leads to a "PE\0\0" header is a Windows binary; anything else
 * with MZ is a bare DOS program or a coincidence.
 */
export function inspectPe(bytes: Uint8Array, target: HostTarget): Refusal | undefined {
  const reader = new ByteReader(bytes, true);
  if (!reader.startsWith(MZ)) return undefined;
  const peOffset = reader.record(E_LFANEW_OFFSET, 4)?.u32(0);
  const coff = peOffset === undefined ? undefined : reader.record(peOffset + PE_SIGNATURE.length, COFF_HEADER_SIZE);
  if (peOffset === undefined || !coff || !reader.startsWith(PE_SIGNATURE, peOffset)) {
    return refuse(
      'not-a-binary',
      `The file starts with "MZ" but has no Windows PE header, so it is a DOS program or not an executable at all. ${WHAT_A_PLUGIN_IS}`,
      { kind: 'mz-without-pe', size: bytes.length },
    );
  }
  const machine = coff.u16(0);
  const arch = MACHINE_NAMES[machine] ?? `machine 0x${machine.toString(16)}`;
  const isDll = (coff.u16(18) & IMAGE_FILE_DLL) !== 0;
  const what = isDll ? 'Windows DLL' : 'Windows program (.exe)';
  return refuse('wrong-os', `This is a ${what} (${arch}), built for Windows, not Linux. ${rebuildOnLinux(target.archName)}`, {
    format: 'pe',
    fileType: isDll ? 'dll' : 'exe',
    arch,
  });
}
