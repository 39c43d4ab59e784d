import { ByteReader } from './byte-reader.js';
import { readDynamicInfo } from './elf-dynamic.js';
import { readElfHeader, readElfIdentity } from './elf-header.js';
import { checkArch, checkFileType, checkOsAbi, checkPie, refuseWithoutDynamicTable } from './elf-identity.js';
import { PT_INTERP, readSections, readSegments } from './elf-layout.js';
import { elfMachineName } from './elf-machines.js';
import { locateDynamicSymbols, readSymbols } from './elf-symbols.js';
import { checkEntry } from './entry-symbol.js';
import { checkGoPlugin } from './go-plugin.js';
import { readManifest } from './manifest-symbol.js';
import type { HostTarget, Inspection } from './inspection.js';

/**
 * Decides whether an ELF file may be dlopen'ed as a plugin on `target`. The order of the checks is
 * the order in which an author should fix things: wrong platform first, then wrong kind of file,
 * then a Go plugin (before the missing entry it would also report), then the entry symbol, then
 * the manifest (which only a plugin has).
 */
export function inspectElf(bytes: Uint8Array, target: HostTarget, entrySymbol: string): Inspection {
  const identity = readElfIdentity(bytes);
  if (!identity.ok) return identity;
  const identityProblem = checkOsAbi(identity.value, target) ?? checkArch(identity.value, target) ?? checkFileType(identity.value);
  if (identityProblem) return identityProblem;
  const header = readElfHeader(bytes, identity.value);
  if (!header.ok) return header;
  const elf = header.value;

  const reader = new ByteReader(bytes, elf.littleEndian);
  const segments = readSegments(reader, elf);
  if (!segments.ok) return segments;
  const sections = readSections(reader, elf);
  if (!sections.ok) return sections;
  const dynamic = readDynamicInfo(reader, elf, segments.value, sections.value);
  if (!dynamic.ok) return dynamic;
  if (!dynamic.value) return refuseWithoutDynamicTable();
  const pie = checkPie(
    segments.value.some((s) => s.type === PT_INTERP),
    dynamic.value,
  );
  if (pie) return pie;

  const table = locateDynamicSymbols(reader, elf, segments.value, sections.value, dynamic.value);
  if (!table.ok) return table;
  const symbols = table.value ? readSymbols(reader, elf.elfClass, table.value) : undefined;
  if (symbols && !symbols.ok) return symbols;
  const symbolList = symbols?.value;
  const symbolProblem = (symbolList && checkGoPlugin(symbolList)) ?? checkEntry(symbolList, entrySymbol);
  if (symbolProblem) return symbolProblem;
  const manifest = readManifest(reader, segments.value, symbolList);
  if (!manifest.ok) return manifest;

  const { soname, needed } = dynamic.value;
  return {
    ok: true,
    format: 'elf',
    elfClass: elf.elfClass,
    machine: elfMachineName(elf.machine, elf.elfClass, elf.littleEndian),
    ...(soname === undefined ? {} : { soname }),
    needed,
    entryExported: true,
    manifest: manifest.value,
  };
}
