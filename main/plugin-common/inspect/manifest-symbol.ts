/**
 * Finds the manifest in an ELF file: the exported data object `quire_plugin_manifest`, whose
 * bytes are read through the PT_LOAD segment that maps its address, exactly where the loader
 * would map them. Nothing runs; the array is const data, so its file bytes are its value.
 */
import type { PluginManifest } from '../../../app/plugin-contract.js';
import type { ByteReader } from './byte-reader.js';
import { extentAtAddress, type Segment } from './elf-layout.js';
import { STB_GLOBAL, STB_WEAK, STT_OBJECT, STV_DEFAULT, STV_PROTECTED, type ElfSymbol } from './elf-symbols.js';
import type { Refusal, Step } from './inspection.js';
import { MAX_MANIFEST_BYTES, parseManifest } from './manifest-text.js';
import { refuse } from './refusal.js';

export const QUIRE_MANIFEST_SYMBOL = 'quire_plugin_manifest';
const POINTER_SIZE_AT_MOST = 8;

const HOW_TO_DECLARE =
  'Declare it with QUIRE_PLUGIN_MANIFEST("id", "Name", "version", "capabilities") from native/include/quire_plugin.h, ' +
  'or in Rust and Go as native/README.md shows ("Capabilities and the manifest"), and rebuild.';

/** The manifest-mismatch refusal for a manifest that is there but cannot be read (any format). */
export function malformedManifest(problem: string, detail: Record<string, string | number> = {}): Refusal {
  return refuse(
    'manifest-mismatch',
    `The plugin's manifest (the exported array \`${QUIRE_MANIFEST_SYMBOL}\`) is malformed: ${problem}. ` +
      `Quire shows the manifest when it asks you to allow the plugin, so it refuses one it cannot read. ${HOW_TO_DECLARE}`,
    { symbol: QUIRE_MANIFEST_SYMBOL, problem, ...detail },
  );
}

function isExportedObject(symbol: ElfSymbol): boolean {
  return (
    (symbol.binding === STB_GLOBAL || symbol.binding === STB_WEAK) &&
    (symbol.visibility === STV_DEFAULT || symbol.visibility === STV_PROTECTED) &&
    symbol.type === STT_OBJECT
  );
}

/**
 * The manifest, null when the file defines none (a 1.0-style plugin), or the refusal when it
 * defines one Quire cannot read: a plugin that meant to declare something is not run as if
 * it had declared nothing.
 */
export function readManifest(reader: ByteReader, segments: readonly Segment[], symbols: readonly ElfSymbol[] | undefined): Step<PluginManifest | null> {
  const symbol = symbols?.find((s) => s.name === QUIRE_MANIFEST_SYMBOL && s.defined);
  if (!symbol) return { ok: true, value: null };
  if (!isExportedObject(symbol)) {
    return malformedManifest(
      symbol.type === STT_OBJECT
        ? 'it is defined but not exported (local binding or hidden visibility)'
        : `it is not a data object (symbol type ${symbol.type}); it must be a char array, not a function or a pointer`,
    );
  }
  // Even the header line is longer than a pointer: a manifest this small is one (`const char *`).
  if (symbol.size <= POINTER_SIZE_AT_MOST) {
    return malformedManifest(`it is only ${symbol.size} bytes, the size of a pointer: it must be the char array holding the text (\`const char quire_plugin_manifest[] = "..."\`), not a \`const char *\``);
  }
  if (symbol.size > MAX_MANIFEST_BYTES) return malformedManifest(`it is ${symbol.size} bytes, more than the ${MAX_MANIFEST_BYTES}-byte limit`);
  const extent = extentAtAddress(segments, symbol.value);
  if (!extent || extent.size < symbol.size || !reader.contains(extent.offset, symbol.size)) {
    return malformedManifest(`its ${symbol.size} bytes at address 0x${symbol.value.toString(16)} are not in the file's loaded data (it must be initialised const data)`);
  }
  const parsed = parseManifest(reader.bytes.subarray(extent.offset, extent.offset + symbol.size));
  return parsed.ok ? { ok: true, value: parsed.value } : malformedManifest(parsed.problem);
}

/**
 * The manifest at file offset `offset` in a format whose symbols carry no size (Mach-O, PE):
 * the array runs to its NUL, which must come within its section and the manifest's size limit.
 */
export function manifestAt(bytes: Uint8Array, offset: number, sectionEnd: number): Step<PluginManifest> {
  const end = Math.min(sectionEnd, bytes.length, offset + MAX_MANIFEST_BYTES);
  if (!Number.isSafeInteger(offset) || offset < 0 || offset >= end) {
    return malformedManifest("it is not in the file's loaded data (it must be initialised const data)");
  }
  const window = bytes.subarray(offset, end);
  const nul = window.indexOf(0);
  const parsed = parseManifest(nul < 0 ? window : window.subarray(0, nul + 1));
  return parsed.ok ? { ok: true, value: parsed.value } : malformedManifest(parsed.problem);
}
