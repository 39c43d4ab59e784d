/**
 * The plugin file inspector: decides from a file's bytes alone, before any of its code runs,
 * whether it may be loaded as a Quire plugin on this machine, and what its manifest declares
 * (Accepted.manifest), for the consent prompt.
 */
export type { Accepted, HostTarget, InspectCode, Inspection, Refusal } from './inspection.js';
export { QUIRE_ENTRY_SYMBOL } from './entry-symbol.js';
export { QUIRE_MANIFEST_SYMBOL } from './manifest-symbol.js';
export { MAX_MANIFEST_BYTES, parseManifest, type ManifestParse } from './manifest-text.js';
export { currentHostTarget } from './host-target.js';
export { PLUGIN_EXTENSIONS, pluginOsOf, type PluginOs } from './platforms.js';
export { hostTargetFor } from './elf-machines.js';
export { inspectBytes } from './inspect-bytes.js';
export { DEFAULT_MAX_PLUGIN_BYTES, inspectFile, inspectFileSync } from './inspect-file.js';
