import type { ByteReader } from './byte-reader.js';
import type { ElfHeader } from './elf-header.js';
import { PT_DYNAMIC, SHT_DYNAMIC, extentAtAddress, sectionExtent, type Extent, type Section, type Segment } from './elf-layout.js';
import type { Step } from './inspection.js';
import { corruptElf } from './refusal.js';

const DT_NULL = 0;
const DT_NEEDED = 1;
const DT_HASH = 4;
const DT_STRTAB = 5;
const DT_SYMTAB = 6;
const DT_STRSZ = 10;
const DT_SYMENT = 11;
const DT_SONAME = 14;
const DT_GNU_HASH = 0x6ffffef5;
const DT_FLAGS_1 = 0x6ffffffb;

/** DT_FLAGS_1 bit that current linkers set on position-independent executables. */
export const DF_1_PIE = 0x08000000;

const DYN_ENTRY_SIZE = { 32: 8, 64: 16 } as const;

/** What the dynamic table says, with names resolved and addresses left virtual. */
export interface DynamicInfo {
  needed: string[];
  soname?: string;
  flags1: number;
  /** DT_STRTAB/DT_STRSZ located in the file, when the table has one. */
  strings?: Extent;
  symtabAddress?: number;
  symbolEntrySize?: number;
  sysvHashAddress?: number;
  gnuHashAddress?: number;
}

interface RawDynamic {
  neededOffsets: number[];
  sonameOffset?: number;
  flags1: number;
  strtab?: number;
  strsz?: number;
  symtab?: number;
  syment?: number;
  hash?: number;
  gnuHash?: number;
}

/** The dynamic table's bytes: the PT_DYNAMIC segment (what the loader uses), else the SHT_DYNAMIC section. */
function locateDynamicTable(reader: ByteReader, segments: readonly Segment[], sections: readonly Section[]): Step<Extent | undefined> {
  const segment = segments.find((s) => s.type === PT_DYNAMIC);
  if (segment) return { ok: true, value: { offset: segment.offset, size: segment.filesz } };
  const index = sections.findIndex((s) => s.type === SHT_DYNAMIC);
  const section = sections[index];
  return section ? sectionExtent(reader, section, index) : { ok: true, value: undefined };
}

/** Walks the entries up to DT_NULL; the count is bounded by the table's size, which lies inside the file. */
function readEntries(reader: ByteReader, header: ElfHeader, table: Extent): Step<RawDynamic> {
  const entrySize = DYN_ENTRY_SIZE[header.elfClass];
  const wide = header.elfClass === 64;
  const raw: RawDynamic = { neededOffsets: [], flags1: 0 };
  const count = Math.floor(table.size / entrySize);
  for (let i = 0; i < count; i++) {
    const entry = reader.record(table.offset + i * entrySize, entrySize);
    if (!entry) return corruptElf(`dynamic entry ${i} does not fit in the file`);
    const tag = wide ? entry.u64(0) : entry.u32(0);
    if (tag === DT_NULL && entry.valid) break;
    const value = wide ? entry.u64(8) : entry.u32(4);
    if (!entry.valid) return corruptElf(`dynamic entry ${i} holds a value beyond any possible address`);
    if (tag === DT_NEEDED) raw.neededOffsets.push(value);
    else if (tag === DT_SONAME) raw.sonameOffset = value;
    else if (tag === DT_STRTAB) raw.strtab = value;
    else if (tag === DT_STRSZ) raw.strsz = value;
    else if (tag === DT_SYMTAB) raw.symtab = value;
    else if (tag === DT_SYMENT) raw.syment = value;
    else if (tag === DT_HASH) raw.hash = value;
    else if (tag === DT_GNU_HASH) raw.gnuHash = value;
    else if (tag === DT_FLAGS_1) raw.flags1 = value;
  }
  return { ok: true, value: raw };
}

function locateStrings(raw: RawDynamic, segments: readonly Segment[]): Step<Extent | undefined> {
  if (raw.strtab === undefined) return { ok: true, value: undefined };
  const mapped = extentAtAddress(segments, raw.strtab);
  if (!mapped) return corruptElf(`its dynamic string table address 0x${raw.strtab.toString(16)} is not in any loaded segment`);
  if (raw.strsz !== undefined && raw.strsz > mapped.size) {
    return corruptElf(`its dynamic string table (${raw.strsz} bytes) runs past the end of its segment`);
  }
  return { ok: true, value: { offset: mapped.offset, size: raw.strsz ?? mapped.size } };
}

function stringAt(reader: ByteReader, strings: Extent | undefined, offset: number, what: string): Step<string> {
  const text = strings && offset < strings.size ? reader.cString(strings.offset + offset, strings.offset + strings.size) : undefined;
  if (text === undefined) return corruptElf(`the ${what} name is not a terminated string inside the dynamic string table`);
  return { ok: true, value: text };
}

/** The dynamic table decoded, or undefined when the object has none (so it can export nothing). */
export function readDynamicInfo(
  reader: ByteReader,
  header: ElfHeader,
  segments: readonly Segment[],
  sections: readonly Section[],
): Step<DynamicInfo | undefined> {
  const table = locateDynamicTable(reader, segments, sections);
  if (!table.ok) return table;
  if (table.value === undefined) return { ok: true, value: undefined };
  const raw = readEntries(reader, header, table.value);
  if (!raw.ok) return raw;
  const strings = locateStrings(raw.value, segments);
  if (!strings.ok) return strings;

  const needed: string[] = [];
  for (const offset of raw.value.neededOffsets) {
    const name = stringAt(reader, strings.value, offset, 'needed library');
    if (!name.ok) return name;
    needed.push(name.value);
  }
  const soname = raw.value.sonameOffset === undefined ? undefined : stringAt(reader, strings.value, raw.value.sonameOffset, 'soname');
  if (soname && !soname.ok) return soname;
  return {
    ok: true,
    value: {
      needed,
      soname: soname?.value,
      flags1: raw.value.flags1,
      strings: strings.value,
      symtabAddress: raw.value.symtab,
      symbolEntrySize: raw.value.syment,
      sysvHashAddress: raw.value.hash,
      gnuHashAddress: raw.value.gnuHash,
    },
  };
}
