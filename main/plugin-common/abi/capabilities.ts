/**
 * The QUIRE_CAP_* bits of quire_plugin.h and their names in PLUGIN_CAPABILITIES. Plain
 * TypeScript (no koffi): the inspector reads names from a manifest, the loader bits from a
 * descriptor, and both must agree on one table.
 */
import { PLUGIN_CAPABILITIES, type PluginCapability } from '../../../app/plugin-contract.js';

/** QUIRE_CAP_READ_DOCUMENT_FOLDER = 1 << 0, QUIRE_CAP_NETWORK = 1 << 1. */
export const CAPABILITY_BITS: Readonly<Record<PluginCapability, number>> = {
  'read-document-folder': 1 << 0,
  network: 1 << 1,
};

const KNOWN_BITS = PLUGIN_CAPABILITIES.reduce((all, name) => all | CAPABILITY_BITS[name], 0);

export function isCapability(name: string): name is PluginCapability {
  return (PLUGIN_CAPABILITIES as readonly string[]).includes(name);
}

/**
 * The names of the bits set in `bits`, in PLUGIN_CAPABILITIES order (so two declarations
 * compare equal however they were written), and the bits no capability has.
 */
export function capabilitiesFromBits(bits: number): { names: PluginCapability[]; unknownBits: number } {
  return {
    names: PLUGIN_CAPABILITIES.filter((name) => (bits & CAPABILITY_BITS[name]) !== 0),
    unknownBits: (bits & ~KNOWN_BITS) >>> 0,
  };
}

/** The same names in PLUGIN_CAPABILITIES order. */
export function canonicalOrder(names: readonly PluginCapability[]): PluginCapability[] {
  return PLUGIN_CAPABILITIES.filter((name) => names.includes(name));
}
