import type { PluginFailure } from '../../../app/plugin-contract.js';

/**
 * Turns the dynamic loader's one-line error (as koffi reports dlopen's dlerror()) into a
 * failure that names the symbol or library and says how to fix it.
 */
export function classifyLoadError(path: string, raw: string): PluginFailure {
  const reason = raw.replace(/^Failed to load shared library:\s*/, '');
  const symbol = /undefined symbol: (\S+)/.exec(reason)?.[1];
  if (symbol) {
    return {
      code: 'unresolved-symbol',
      message: `${path} needs the symbol "${symbol}", which neither it nor the libraries it links against define. Link the library that provides "${symbol}" (add it to the plugin's link line), or remove the reference. Quire binds every symbol at load time so this shows now rather than in the middle of a command.`,
      detail: { symbol, dlerror: reason },
    };
  }
  const library = /^([^:\s]+): cannot open shared object file/.exec(reason)?.[1];
  if (library) {
    return {
      code: 'missing-library',
      message: `${path} needs the library "${library}", which is not installed on this machine (or not on the loader's search path). Install it, link it statically into the plugin, or ship it beside the plugin and link with -Wl,-rpath,'$ORIGIN'.`,
      detail: { library, dlerror: reason },
    };
  }
  return {
    code: 'load-failed',
    message: `The system could not load ${path}: ${reason}. Check the file with \`quire doctor ${path}\` and rebuild it as a shared library for this machine.`,
    detail: { dlerror: reason },
  };
}
