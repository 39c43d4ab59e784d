/**
 * Whether a Mach-O image for this Mac's processor is a plugin dlopen can load: a dynamic
 * library (or bundle) whose symbol table exports the entry function, and whose manifest, if it
 * has one, can be read from its bytes.
 */
import { buildRecipe } from './advice.js';
import { ByteReader } from './byte-reader.js';
import { missingEntry, type EntryProblem } from './entry-symbol.js';
import type { HostTarget, Inspection, Refusal } from './inspection.js';
import type { MachOSlice } from './macho.js';
import { MH_BUNDLE, MH_DYLIB, MH_EXECUTE, MH_OBJECT, machOCpuName } from './macho-names.js';
import { QUIRE_MANIFEST_SYMBOL, malformedManifest, manifestAt } from './manifest-symbol.js';
import { refuse } from './refusal.js';

const LC_SEGMENT = 0x1;
const LC_SYMTAB = 0x2;
const LC_SEGMENT_64 = 0x19;

const N_STAB = 0xe0;
const N_PEXT = 0x10;
const N_TYPE = 0x0e;
const N_EXT = 0x01;
const N_UNDF = 0x0;
const N_SECT = 0xe;

const SECTION_TYPE = 0xff;
const S_ZEROFILL = 0x1;
const S_GB_ZEROFILL = 0xc;
const S_THREAD_LOCAL_ZEROFILL = 0x12;
const S_ATTR_PURE_INSTRUCTIONS = 0x80000000;
const S_ATTR_SOME_INSTRUCTIONS = 0x400;

interface Section {
  addr: number;
  size: number;
  offset: number;
  flags: number;
}

interface MachOSymbol {
  name: string;
  type: number;
  /** 1-based index into the sections, in load command order; 0 for none. */
  sect: number;
  value: number;
}

function corrupt(reason: string): Refusal {
  return refuse(
    'not-a-binary',
    `The file is a Mach-O binary, but ${reason}, so it is truncated or corrupt. Rebuild the plugin, or copy it again if a copy or download was interrupted.`,
    { kind: 'corrupt-mach-o', reason },
  );
}

function checkFileType(slice: MachOSlice, target: HostTarget): Refusal | undefined {
  if (slice.fileType === MH_DYLIB || slice.fileType === MH_BUNDLE) return undefined;
  const what =
    slice.fileType === MH_EXECUTE
      ? 'a program (an executable), not a dynamic library'
      : slice.fileType === MH_OBJECT
        ? 'an object file (.o), not yet linked into a dynamic library'
        : `a Mach-O file of type ${slice.fileType}, not a dynamic library`;
  return refuse('not-shared-object', `This is ${what}. Build the plugin as a library: ${buildRecipe(target)}.`, { format: 'mach-o', fileType: slice.fileType });
}

/** The sections (in n_sect order) and the symbol table, from the load commands. */
function readLoadCommands(reader: ByteReader, slice: MachOSlice): { sections: Section[]; symbols: MachOSymbol[] | null } | Refusal {
  const headerSize = slice.wide ? 32 : 28;
  const header = reader.record(slice.offset, headerSize);
  if (!header) return corrupt('it ends inside its header');
  const count = header.u32(16);
  const commandsSize = header.u32(20);
  const end = slice.offset + headerSize + commandsSize;
  if (!reader.contains(slice.offset + headerSize, commandsSize) || end > slice.offset + slice.size) return corrupt('its load commands run past its end');
  const sections: Section[] = [];
  let symtab: { symoff: number; nsyms: number; stroff: number; strsize: number } | null = null;
  let at = slice.offset + headerSize;
  for (let i = 0; i < count; i++) {
    const command = reader.record(at, 8);
    const size = command?.u32(4) ?? 0;
    if (!command || size < 8 || at + size > end) return corrupt(`load command ${i} does not fit in its load commands`);
    const kind = command.u32(0);
    if (kind === LC_SEGMENT || kind === LC_SEGMENT_64) {
      const wide = kind === LC_SEGMENT_64;
      const fixed = wide ? 72 : 56;
      const sectionSize = wide ? 80 : 68;
      const segment = reader.record(at, size);
      const nsects = segment?.u32(wide ? 64 : 48) ?? 0;
      if (!segment || fixed + nsects * sectionSize > size) return corrupt(`segment command ${i} lists more sections than it holds`);
      for (let s = 0; s < nsects; s++) {
        const base = fixed + s * sectionSize;
        sections.push(
          wide
            ? { addr: segment.u64(base + 32), size: segment.u64(base + 40), offset: segment.u32(base + 48), flags: segment.u32(base + 64) }
            : { addr: segment.u32(base + 32), size: segment.u32(base + 36), offset: segment.u32(base + 40), flags: segment.u32(base + 56) },
        );
      }
      if (!segment.valid) return corrupt(`segment command ${i} has an address beyond 2^53`);
    } else if (kind === LC_SYMTAB) {
      const table = reader.record(at, 24);
      if (!table) return corrupt('its symbol table command is cut short');
      symtab = { symoff: table.u32(8), nsyms: table.u32(12), stroff: table.u32(16), strsize: table.u32(20) };
    }
    at += size;
  }
  if (!symtab) return { sections, symbols: null };
  const entrySize = slice.wide ? 16 : 12;
  const symbolsAt = slice.offset + symtab.symoff;
  const stringsAt = slice.offset + symtab.stroff;
  if (!reader.contains(symbolsAt, symtab.nsyms * entrySize) || !reader.contains(stringsAt, symtab.strsize)) {
    return corrupt('its symbol table runs past its end');
  }
  const symbols: MachOSymbol[] = [];
  for (let i = 0; i < symtab.nsyms; i++) {
    const entry = reader.record(symbolsAt + i * entrySize, entrySize);
    if (!entry) return corrupt('its symbol table runs past its end');
    const type = entry.u8(4);
    if (type & N_STAB) continue;
    const name = reader.cString(stringsAt + entry.u32(0), stringsAt + symtab.strsize);
    if (name === undefined) continue;
    symbols.push({ name, type, sect: entry.u8(5), value: slice.wide ? entry.u64(8) : entry.u32(8) });
  }
  return { sections, symbols };
}

const isDefined = (symbol: MachOSymbol) => (symbol.type & N_TYPE) === N_SECT;
const isExported = (symbol: MachOSymbol) => (symbol.type & N_EXT) !== 0 && (symbol.type & N_PEXT) === 0;
const isCode = (section: Section | undefined) => section !== undefined && (section.flags & (S_ATTR_PURE_INSTRUCTIONS | S_ATTR_SOME_INSTRUCTIONS)) !== 0;

/** C names get a leading underscore in Mach-O symbol tables. */
const machOName = (cName: string) => `_${cName}`;

function entryProblem(symbols: MachOSymbol[], sections: Section[], entrySymbol: string): EntryProblem | undefined {
  const name = machOName(entrySymbol);
  const defined = symbols.find((s) => s.name === name && isDefined(s));
  if (defined) {
    // The linker turns hidden symbols into local ones, so in a linked library the two look alike.
    if (!isExported(defined)) return { reason: 'local', says: 'it is defined, but not exported: it is static or has hidden visibility' };
    return isCode(sections[defined.sect - 1]) ? undefined : { reason: 'not-a-function', says: 'the symbol is data, not a function' };
  }
  if (symbols.some((s) => s.name === name && (s.type & N_TYPE) === N_UNDF)) {
    return { reason: 'undefined', says: 'the file only refers to a symbol of that name, it does not define one' };
  }
  const similar = symbols.find((s) => isDefined(s) && s.name.includes(entrySymbol));
  if (similar) return { reason: 'mangled', says: `it exports \`${similar.name}\` instead, a name mangled by C++ or Rust or misspelt`, found: similar.name };
  return { reason: 'absent', says: `it is not among its ${symbols.length} symbols (static and hidden functions are not exported)` };
}

/** Accepts or refuses one Mach-O image already known to be for this processor. */
export function inspectMachOPlugin(bytes: Uint8Array, slice: MachOSlice, target: HostTarget, entrySymbol: string): Inspection {
  const wrongType = checkFileType(slice, target);
  if (wrongType) return wrongType;
  const reader = new ByteReader(bytes, slice.littleEndian);
  const read = readLoadCommands(reader, slice);
  if ('ok' in read) return read;
  const { sections, symbols } = read;
  const problem = symbols ? entryProblem(symbols, sections, entrySymbol) : { reason: 'no-dynamic-symbols', says: 'it has no symbol table at all' };
  if (problem) return missingEntry(entrySymbol, problem, symbols?.length ?? 0);
  const manifest = readMachOManifest(bytes, slice, sections, symbols ?? []);
  if (!manifest.ok) return manifest;
  return { ok: true, format: 'mach-o', machine: machOCpuName(slice.cpuType), entryExported: true, manifest: manifest.value };
}

function readMachOManifest(bytes: Uint8Array, slice: MachOSlice, sections: Section[], symbols: MachOSymbol[]) {
  const symbol = symbols.find((s) => s.name === machOName(QUIRE_MANIFEST_SYMBOL) && isDefined(s));
  if (!symbol) return { ok: true as const, value: null };
  if (!isExported(symbol)) return malformedManifest('it is defined but not exported (static, or hidden visibility)');
  const section = sections[symbol.sect - 1];
  if (!section) return malformedManifest(`its section (${symbol.sect}) is not one the file has`);
  if (isCode(section)) return malformedManifest('it is in a code section: it must be a char array, not a function');
  const type = section.flags & SECTION_TYPE;
  if (type === S_ZEROFILL || type === S_GB_ZEROFILL || type === S_THREAD_LOCAL_ZEROFILL) {
    return malformedManifest("it is not in the file's loaded data (it must be initialised const data)");
  }
  if (symbol.value < section.addr || symbol.value >= section.addr + section.size) {
    return malformedManifest(`its address 0x${symbol.value.toString(16)} is outside its section`);
  }
  const start = slice.offset + section.offset + (symbol.value - section.addr);
  return manifestAt(bytes, start, slice.offset + section.offset + section.size);
}
