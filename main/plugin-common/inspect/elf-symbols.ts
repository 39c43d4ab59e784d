import type { ByteReader } from './byte-reader.js';
import type { DynamicInfo } from './elf-dynamic.js';
import type { ElfHeader } from './elf-header.js';
import { countFromGnuHash, countFromSysvHash } from './elf-hash.js';
import { EM_S390 } from './elf-machines.js';
import { SHT_DYNSYM, SHT_STRTAB, extentAtAddress, sectionExtent, type Extent, type Section, type Segment } from './elf-layout.js';
import type { Step } from './inspection.js';
import { corruptElf } from './refusal.js';

const SYMBOL_SIZE = { 32: 16, 64: 24 } as const;

export const STB_GLOBAL = 1;
export const STB_WEAK = 2;
export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STV_DEFAULT = 0;
export const STV_PROTECTED = 3;
const SHN_UNDEF = 0;

/** Where the dynamic symbols and their names are in the file. */
export interface SymbolTable {
  symbols: Extent;
  count: number;
  strings: Extent;
}

export interface ElfSymbol {
  name: string;
  /** False for symbols the object imports (st_shndx = SHN_UNDEF). */
  defined: boolean;
  binding: number;
  type: number;
  visibility: number;
  /** st_value: the symbol's virtual address in a shared object (0 when it does not fit a safe integer). */
  value: number;
  /** st_size: for a data object, its size in bytes. */
  size: number;
}

/** .dynsym and the string table its sh_link names. */
function tableFromSections(reader: ByteReader, header: ElfHeader, sections: readonly Section[], dynsym: Section, index: number): Step<SymbolTable> {
  const entrySize = SYMBOL_SIZE[header.elfClass];
  if (dynsym.entsize !== entrySize) {
    return corruptElf(`its dynamic symbol table claims ${dynsym.entsize}-byte entries instead of ${entrySize}`);
  }
  const symbols = sectionExtent(reader, dynsym, index);
  if (!symbols.ok) return symbols;
  const linked = sections[dynsym.link];
  if (!linked || linked.type !== SHT_STRTAB) {
    return corruptElf(`its dynamic symbol table names section ${dynsym.link} as its string table, which is not one`, { link: dynsym.link });
  }
  const strings = sectionExtent(reader, linked, dynsym.link);
  if (!strings.ok) return strings;
  return { ok: true, value: { symbols: symbols.value, count: Math.floor(dynsym.size / entrySize), strings: strings.value } };
}

/**
 * With the section headers stripped, the symbol count comes from the loader's hash tables. s390x
 * is the one Linux target whose DT_HASH words are 8 bytes wide.
 */
function symbolCount(reader: ByteReader, header: ElfHeader, segments: readonly Segment[], dynamic: DynamicInfo): Step<number> | undefined {
  const hashAddress = dynamic.gnuHashAddress ?? dynamic.sysvHashAddress;
  if (hashAddress === undefined) return undefined;
  const table = extentAtAddress(segments, hashAddress);
  if (!table) return corruptElf(`its symbol hash table address 0x${hashAddress.toString(16)} is not in any loaded segment`);
  if (dynamic.gnuHashAddress !== undefined) return countFromGnuHash(reader, table, header.elfClass);
  const wordSize = header.machine === EM_S390 && header.elfClass === 64 ? 8 : 4;
  return countFromSysvHash(reader, table, wordSize);
}

/** The dynamic symbols as the dynamic segment describes them (DT_SYMTAB, DT_STRTAB, a hash table). */
function tableFromDynamic(
  reader: ByteReader,
  header: ElfHeader,
  segments: readonly Segment[],
  dynamic: DynamicInfo,
): Step<SymbolTable | undefined> {
  const entrySize = SYMBOL_SIZE[header.elfClass];
  if (dynamic.symtabAddress === undefined) return { ok: true, value: undefined };
  if ((dynamic.symbolEntrySize ?? entrySize) !== entrySize) {
    return corruptElf(`its dynamic symbols claim to be ${dynamic.symbolEntrySize} bytes each instead of ${entrySize}`);
  }
  const count = symbolCount(reader, header, segments, dynamic);
  if (count === undefined) return { ok: true, value: undefined };
  if (!count.ok) return count;
  const mapped = extentAtAddress(segments, dynamic.symtabAddress);
  if (!mapped || count.value * entrySize > mapped.size) {
    return corruptElf(`its ${count.value} dynamic symbols do not fit in the segment that holds them`);
  }
  if (!dynamic.strings) return corruptElf('it has dynamic symbols but no dynamic string table');
  return { ok: true, value: { symbols: { offset: mapped.offset, size: count.value * entrySize }, count: count.value, strings: dynamic.strings } };
}

/**
 * The dynamic symbol table: from the section headers when present (SHT_DYNSYM), else from the
 * dynamic segment. Undefined when the object has no dynamic symbols a loader could look up.
 */
export function locateDynamicSymbols(
  reader: ByteReader,
  header: ElfHeader,
  segments: readonly Segment[],
  sections: readonly Section[],
  dynamic: DynamicInfo,
): Step<SymbolTable | undefined> {
  const index = sections.findIndex((s) => s.type === SHT_DYNSYM);
  const dynsym = sections[index];
  return dynsym ? tableFromSections(reader, header, sections, dynsym, index) : tableFromDynamic(reader, header, segments, dynamic);
}

/** Decodes every symbol; the count was checked against the table's extent, which lies inside the file. */
export function readSymbols(reader: ByteReader, elfClass: 32 | 64, table: SymbolTable): Step<ElfSymbol[]> {
  const entrySize = SYMBOL_SIZE[elfClass];
  const wide = elfClass === 64;
  const stringsEnd = table.strings.offset + table.strings.size;
  const symbols: ElfSymbol[] = [];
  for (let i = 0; i < table.count; i++) {
    const entry = reader.record(table.symbols.offset + i * entrySize, entrySize);
    if (!entry) return corruptElf(`dynamic symbol ${i} does not fit in the file`);
    const nameOffset = entry.u32(0);
    const info = entry.u8(wide ? 4 : 12);
    const other = entry.u8(wide ? 5 : 13);
    const shndx = entry.u16(wide ? 6 : 14);
    const name = nameOffset < table.strings.size ? reader.cString(table.strings.offset + nameOffset, stringsEnd) : undefined;
    if (name === undefined) {
      return corruptElf(`the name of dynamic symbol ${i} is not a terminated string inside its string table`, { symbol: i });
    }
    const value = wide ? entry.u64(8) : entry.u32(4);
    const size = wide ? entry.u64(16) : entry.u32(8);
    symbols.push({ name, defined: shndx !== SHN_UNDEF, binding: info >> 4, type: info & 0xf, visibility: other & 0x3, value, size });
  }
  return { ok: true, value: symbols };
}
