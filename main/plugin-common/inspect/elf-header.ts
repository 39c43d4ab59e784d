import { ByteReader } from './byte-reader.js';
import type { Step } from './inspection.js';
import { corruptElf } from './refusal.js';

export const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46];

const EI_CLASS = 4;
const EI_DATA = 5;
const EI_VERSION = 6;
const EI_OSABI = 7;
const ELFCLASS32 = 1;
const ELFCLASS64 = 2;
const ELFDATA2LSB = 1;
const ELFDATA2MSB = 2;
const EV_CURRENT = 1;

const HEADER_SIZE = { 32: 52, 64: 64 } as const;
export const PROGRAM_HEADER_SIZE = { 32: 32, 64: 56 } as const;
export const SECTION_HEADER_SIZE = { 32: 40, 64: 64 } as const;

/** What e_ident, e_type and e_machine say: enough to decide whether the file is for this machine. */
export interface ElfIdentity {
  elfClass: 32 | 64;
  littleEndian: boolean;
  osAbi: number;
  type: number;
  machine: number;
}

/** The identity plus where the program and section header tables are. */
export interface ElfHeader extends ElfIdentity {
  phoff: number;
  phentsize: number;
  phnum: number;
  shoff: number;
  shentsize: number;
  shnum: number;
}

const IDENTITY_SIZE = 20;

/**
 * Decodes e_ident, e_type and e_machine. They sit at the same place in 32- and 64-bit files, so a
 * foreign file is recognised as such even when the rest of its header means nothing in our reading.
 */
export function readElfIdentity(bytes: Uint8Array): Step<ElfIdentity> {
  if (bytes.length < IDENTITY_SIZE) return corruptElf(`it is only ${bytes.length} bytes long`, { size: bytes.length });
  const classByte = bytes[EI_CLASS];
  const dataByte = bytes[EI_DATA];
  if (classByte !== ELFCLASS32 && classByte !== ELFCLASS64) return corruptElf(`its class byte is ${classByte}, neither 32- nor 64-bit`);
  if (dataByte !== ELFDATA2LSB && dataByte !== ELFDATA2MSB) return corruptElf(`its byte-order byte is ${dataByte}`);
  if (bytes[EI_VERSION] !== EV_CURRENT) return corruptElf(`its ELF version is ${bytes[EI_VERSION]}, not 1`);
  const littleEndian = dataByte === ELFDATA2LSB;
  const fields = new ByteReader(bytes, littleEndian).record(0, IDENTITY_SIZE);
  return {
    ok: true,
    value: {
      elfClass: classByte === ELFCLASS64 ? 64 : 32,
      littleEndian,
      osAbi: bytes[EI_OSABI] ?? 0,
      type: fields?.u16(16) ?? 0,
      machine: fields?.u16(18) ?? 0,
    },
  };
}

/** Decodes the rest of the ELF header: where the program and section header tables are. */
export function readElfHeader(bytes: Uint8Array, identity: ElfIdentity): Step<ElfHeader> {
  const { elfClass, littleEndian } = identity;
  const header = new ByteReader(bytes, littleEndian).record(0, HEADER_SIZE[elfClass]);
  if (!header) return corruptElf(`its ${elfClass}-bit ELF header is cut short at ${bytes.length} bytes`, { size: bytes.length });
  const wide = elfClass === 64;
  const value: ElfHeader = {
    ...identity,
    phoff: wide ? header.u64(32) : header.u32(28),
    shoff: wide ? header.u64(40) : header.u32(32),
    phentsize: header.u16(wide ? 54 : 42),
    phnum: header.u16(wide ? 56 : 44),
    shentsize: header.u16(wide ? 58 : 46),
    shnum: header.u16(wide ? 60 : 48),
  };
  if (!header.valid) return corruptElf('its header holds table offsets beyond any possible file size');
  return { ok: true, value };
}
