import { STB_GLOBAL, STB_WEAK, STT_FUNC, STV_DEFAULT, STV_PROTECTED, type ElfSymbol } from './elf-symbols.js';
import type { Refusal } from './inspection.js';
import { refuse } from './refusal.js';

/** The C function every Quire plugin exports; the host looks it up after loading the file. */
export const QUIRE_ENTRY_SYMBOL = 'quire_plugin_entry';

/** What dlsym could find: a defined, global or weak, default- or protected-visibility function. */
export function isExportedFunction(symbol: ElfSymbol): boolean {
  return (
    symbol.defined &&
    (symbol.binding === STB_GLOBAL || symbol.binding === STB_WEAK) &&
    (symbol.visibility === STV_DEFAULT || symbol.visibility === STV_PROTECTED) &&
    symbol.type === STT_FUNC
  );
}

const SYMBOL_TYPES: Record<number, string> = {
  0: 'an untyped symbol',
  1: 'a data object',
  3: 'a section',
  4: 'a file name',
  6: 'a thread-local variable',
  10: 'an indirect function (IFUNC)',
};

/** Why the entry symbol does not count as exported, closest miss first. */
function diagnose(symbols: readonly ElfSymbol[], entrySymbol: string): EntryProblem {
  const named = symbols.filter((s) => s.name === entrySymbol && s.defined);
  const candidate = named[0];
  if (candidate) {
    if (candidate.binding !== STB_GLOBAL && candidate.binding !== STB_WEAK) return { reason: 'local', says: 'it is defined, but with local binding' };
    if (candidate.visibility !== STV_DEFAULT && candidate.visibility !== STV_PROTECTED) {
      return { reason: 'hidden', says: 'it is defined, but with hidden visibility' };
    }
    return { reason: 'not-a-function', says: `the symbol is ${SYMBOL_TYPES[candidate.type] ?? `of type ${candidate.type}`}, not a function` };
  }
  if (symbols.some((s) => s.name === entrySymbol)) {
    return { reason: 'undefined', says: 'the file only refers to a symbol of that name, it does not define one' };
  }
  const similar = symbols.find((s) => s.defined && s.name !== entrySymbol && s.name.includes(entrySymbol));
  if (similar) {
    // Itanium C++ (and Rust's legacy scheme) mangle to `_Z…`, Rust's v0 scheme to `_R…`; anything else is a different name.
    const mangled = /^_[ZR]/.test(similar.name);
    const why = mangled ? 'a name mangled by C++ or Rust' : 'a different name: check its spelling';
    return { reason: 'mangled', says: `it exports \`${similar.name}\` instead, ${why}`, found: similar.name };
  }
  return { reason: 'absent', says: `it is not among its ${symbols.length} dynamic symbols (static and hidden functions are not exported)` };
}

function howToExport(entrySymbol: string): string {
  return (
    'Export it with C linkage and default visibility: in C or C++ mark the function `QUIRE_PLUGIN_EXPORT` from native/include/quire_plugin.h ' +
    '(or `__attribute__((visibility("default")))`, inside `extern "C"` in C++) and do not make it static; ' +
    `in Rust write \`#[no_mangle] pub extern "C" fn ${entrySymbol}\`; ` +
    `in Go put \`//export ${entrySymbol}\` above the function and build with -buildmode=c-shared.`
  );
}

/** Why a file's entry symbol is not what the loader can find: the closest miss. */
export interface EntryProblem {
  reason: string;
  says: string;
  found?: string;
}

/** The missing-entry refusal for any format: what is wrong, and how to export the function. */
export function missingEntry(entrySymbol: string, problem: EntryProblem, symbolCount: number): Refusal {
  return refuse(
    'missing-entry',
    `The shared object does not export \`${entrySymbol}\`, the function Quire calls to start a plugin: ${problem.says}. ${howToExport(entrySymbol)}`,
    { symbol: entrySymbol, reason: problem.reason, ...(problem.found ? { found: problem.found } : {}), symbolCount },
  );
}

/**
 * The missing-entry refusal, or undefined when `entrySymbol` is exported. `symbols` is undefined
 * when the object has no dynamic symbol table at all.
 */
export function checkEntry(symbols: readonly ElfSymbol[] | undefined, entrySymbol: string): Refusal | undefined {
  if (symbols?.some((s) => s.name === entrySymbol && isExportedFunction(s))) return undefined;
  const problem = symbols ? diagnose(symbols, entrySymbol) : { reason: 'no-dynamic-symbols', says: 'it has no dynamic symbol table at all' };
  return missingEntry(entrySymbol, problem, symbols?.length ?? 0);
}
