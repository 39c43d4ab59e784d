/**
 * Whether a PE image for this PC's machine is a plugin LoadLibrary can load: a DLL whose
 * export table names the entry function, and whose manifest, if it exports one, can be read
 * from its bytes.
 */
import { buildRecipe } from './advice.js';
import type { ByteReader } from './byte-reader.js';
import { missingEntry, type EntryProblem } from './entry-symbol.js';
import type { HostTarget, Inspection, Refusal } from './inspection.js';
import { QUIRE_MANIFEST_SYMBOL, malformedManifest, manifestAt } from './manifest-symbol.js';
import type { PeImage } from './pe.js';
import { peMachineName } from './pe-names.js';
import { refuse } from './refusal.js';

const PE32 = 0x10b;
const PE32_PLUS = 0x20b;
const SECTION_HEADER_SIZE = 40;
const EXPORT_DIRECTORY_SIZE = 40;
const IMAGE_SCN_CNT_CODE = 0x20;
const IMAGE_SCN_MEM_EXECUTE = 0x20000000;

interface Section {
  virtualAddress: number;
  rawSize: number;
  rawOffset: number;
  characteristics: number;
}

interface Export {
  name: string;
  rva: number;
}

function corrupt(reason: string): Refusal {
  return refuse(
    'not-a-binary',
    `The file is a Windows PE binary, but ${reason}, so it is truncated or corrupt. Rebuild the plugin, or copy it again if a copy or download was interrupted.`,
    { kind: 'corrupt-pe', reason },
  );
}

const isCode = (section: Section | undefined) => section !== undefined && (section.characteristics & (IMAGE_SCN_CNT_CODE | IMAGE_SCN_MEM_EXECUTE)) !== 0;

/** The section whose bytes in the file hold `rva`, and the file offset of that byte. */
function locate(sections: Section[], rva: number): { section: Section; offset: number } | undefined {
  const section = sections.find((s) => rva >= s.virtualAddress && rva - s.virtualAddress < s.rawSize);
  return section && { section, offset: section.rawOffset + (rva - section.virtualAddress) };
}

function readSections(reader: ByteReader, image: PeImage): Section[] | Refusal {
  const tableAt = image.coffOffset + 20 + image.optionalHeaderSize;
  if (!reader.contains(tableAt, image.sectionCount * SECTION_HEADER_SIZE)) return corrupt('its section table runs past its end');
  const sections: Section[] = [];
  for (let i = 0; i < image.sectionCount; i++) {
    const header = reader.record(tableAt + i * SECTION_HEADER_SIZE, SECTION_HEADER_SIZE);
    if (!header) return corrupt('its section table runs past its end');
    const section = { virtualAddress: header.u32(12), rawSize: header.u32(16), rawOffset: header.u32(20), characteristics: header.u32(36) };
    if (!reader.contains(section.rawOffset, section.rawSize)) return corrupt(`section ${i}'s data runs past its end`);
    sections.push(section);
  }
  return sections;
}

/** The export directory's place (RVA and size), or null when the DLL exports nothing. */
function exportDirectory(reader: ByteReader, image: PeImage): { rva: number; size: number } | null | Refusal {
  const optional = image.coffOffset + 20;
  const magic = reader.record(optional, 2)?.u16(0);
  if (magic !== PE32 && magic !== PE32_PLUS) return corrupt(`its optional header has the unknown magic ${magic ?? 'none'}`);
  const countAt = magic === PE32 ? 92 : 108;
  const header = reader.record(optional, Math.min(image.optionalHeaderSize, countAt + 12));
  if (!header || image.optionalHeaderSize < countAt + 4) return corrupt('its optional header is cut short');
  if (header.u32(countAt) === 0 || image.optionalHeaderSize < countAt + 12) return null;
  const rva = header.u32(countAt + 4);
  const size = header.u32(countAt + 8);
  return rva === 0 || size === 0 ? null : { rva, size };
}

function readExports(reader: ByteReader, sections: Section[], directory: { rva: number; size: number }): Export[] | Refusal {
  const at = locate(sections, directory.rva);
  const table = at && reader.record(at.offset, EXPORT_DIRECTORY_SIZE);
  if (!table) return corrupt('its export directory is not in its sections');
  const functionCount = table.u32(20);
  const nameCount = table.u32(24);
  const functions = locate(sections, table.u32(28));
  const names = locate(sections, table.u32(32));
  const ordinals = locate(sections, table.u32(36));
  if (nameCount === 0) return [];
  if (!functions || !names || !ordinals) return corrupt('its export tables are not in its sections');
  if (!reader.contains(names.offset, nameCount * 4) || !reader.contains(ordinals.offset, nameCount * 2) || !reader.contains(functions.offset, functionCount * 4)) {
    return corrupt('its export tables run past its end');
  }
  const exports: Export[] = [];
  for (let i = 0; i < nameCount; i++) {
    const nameAt = locate(sections, reader.record(names.offset + i * 4, 4)?.u32(0) ?? 0);
    const ordinal = reader.record(ordinals.offset + i * 2, 2)?.u16(0) ?? functionCount;
    if (!nameAt || ordinal >= functionCount) continue;
    const name = reader.cString(nameAt.offset, nameAt.section.rawOffset + nameAt.section.rawSize);
    const rva = reader.record(functions.offset + ordinal * 4, 4)?.u32(0);
    if (name !== undefined && rva !== undefined) exports.push({ name, rva });
  }
  return exports;
}

function entryProblem(exports: Export[], sections: Section[], directory: { rva: number; size: number }, entrySymbol: string): EntryProblem | undefined {
  const entry = exports.find((e) => e.name === entrySymbol);
  if (entry) {
    if (entry.rva >= directory.rva && entry.rva < directory.rva + directory.size) return { reason: 'forwarded', says: 'it is forwarded to another DLL, not defined in this one' };
    return isCode(locate(sections, entry.rva)?.section) ? undefined : { reason: 'not-a-function', says: 'the export is data, not a function' };
  }
  const similar = exports.find((e) => e.name.includes(entrySymbol));
  if (similar) return { reason: 'mangled', says: `it exports \`${similar.name}\` instead, a decorated or mangled name: declare it \`extern "C"\``, found: similar.name };
  return { reason: 'absent', says: `it is not among its ${exports.length} exports (mark it __declspec(dllexport), which QUIRE_PLUGIN_EXPORT does on Windows)` };
}

/** Accepts or refuses a PE image already known to be for this machine. */
export function inspectPePlugin(reader: ByteReader, image: PeImage, target: HostTarget, entrySymbol: string): Inspection {
  if (!image.isDll) {
    return refuse('not-shared-object', `This is a Windows program (.exe), not a DLL. Build the plugin as a library: ${buildRecipe(target)}.`, { format: 'pe', fileType: 'exe' });
  }
  const sections = readSections(reader, image);
  if ('ok' in sections) return sections;
  const directory = exportDirectory(reader, image);
  if (directory && 'ok' in directory) return directory;
  if (!directory) return missingEntry(entrySymbol, { reason: 'no-dynamic-symbols', says: 'the DLL exports nothing at all' }, 0);
  const exports = readExports(reader, sections, directory);
  if ('ok' in exports) return exports;
  const problem = entryProblem(exports, sections, directory, entrySymbol);
  if (problem) return missingEntry(entrySymbol, problem, exports.length);
  const manifest = readPeManifest(reader, sections, exports);
  if (!manifest.ok) return manifest;
  return { ok: true, format: 'pe', machine: peMachineName(image.machine), entryExported: true, manifest: manifest.value };
}

function readPeManifest(reader: ByteReader, sections: Section[], exports: Export[]) {
  const symbol = exports.find((e) => e.name === QUIRE_MANIFEST_SYMBOL);
  if (!symbol) return { ok: true as const, value: null };
  const at = locate(sections, symbol.rva);
  if (!at) return malformedManifest("it is not in the file's loaded data (it must be initialised const data)");
  if (isCode(at.section)) return malformedManifest('it is in a code section: it must be a char array, not a function');
  return manifestAt(reader.bytes, at.offset, at.section.rawOffset + at.section.rawSize);
}
