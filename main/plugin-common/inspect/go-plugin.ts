import type { ElfSymbol } from './elf-symbols.js';
import type { Refusal } from './inspection.js';
import { refuse } from './refusal.js';

/*
 * How a Go `-buildmode=plugin` object is told apart from a `-buildmode=c-shared` library, from
 * what the two actually contain (observed with go1.26 on linux/amd64; the linker code cited is
 * cmd/link/internal/ld/symtab.go and deadcode.go):
 *
 * - A plugin exports its whole Go world dynamically (about 4,500 symbols for a one-function
 *   plugin), including `go:link.pkghash.<pkg>` and `go:link.pkghashbytes.<pkg>` for every linked
 *   package: the runtime's plugin loader compares them against the host program's.
 * - A plugin's own package is renamed to its plugin path: `gp.Greet` when built from module `gp`,
 *   `plugin/unnamed-<40 hex digits>.Greet` when built from files. Nothing is exported as `main.main`.
 * - `go:plugin.tabs` and `go:link.thispluginpath` exist only as LOCAL entries in .symtab, so they
 *   vanish with `strip` and are no help here.
 * - A c-shared library exports only its //export functions and cgo glue (`crosscall2`, `_cgo_*`,
 *   `x_cgo_*`), about 50 symbols. But if it imports package plugin, the linker treats it as
 *   dynamically linking Go and it exports the pkghash symbols too, and also `main.main`. Such a
 *   library is still loadable from C, so pkghash symbols count only when `main.main` is absent.
 *
 * Go before 1.20 spelled linker-made symbols with "go." instead of "go:", so both are accepted.
 */
const PKGHASH_PREFIXES = ['go:link.pkghash', 'go.link.pkghash'];
const PLUGIN_ONLY_NAMES = new Set(['go:plugin.tabs', 'go.plugin.tabs']);
const UNNAMED_PLUGIN_PREFIX = 'plugin/unnamed-';
const GO_MAIN = 'main.main';

export const GO_PLUGIN_MESSAGE =
  'This is a Go plugin built with -buildmode=plugin; only Go programs can load those. ' +
  'Build it with -buildmode=c-shared against the Quire SDK (native/include/quire_plugin.h) instead.';

/** The exported symbol that gives a Go plugin away, or undefined when there is none. */
export function goPluginMarker(symbols: readonly ElfSymbol[]): string | undefined {
  let pkghash: string | undefined;
  let exportsMain = false;
  for (const { name, defined } of symbols) {
    if (!defined) continue;
    if (PLUGIN_ONLY_NAMES.has(name) || name.startsWith(UNNAMED_PLUGIN_PREFIX)) return name;
    if (name === GO_MAIN) exportsMain = true;
    else if (pkghash === undefined && PKGHASH_PREFIXES.some((p) => name.startsWith(p))) pkghash = name;
  }
  return exportsMain ? undefined : pkghash;
}

export function checkGoPlugin(symbols: readonly ElfSymbol[]): Refusal | undefined {
  const marker = goPluginMarker(symbols);
  return marker === undefined ? undefined : refuse('go-plugin', GO_PLUGIN_MESSAGE, { marker });
}
