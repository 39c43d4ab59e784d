/**
 * The manifest (read from the file before it ran, and shown to the user) against the
 * descriptor (read from the plugin's memory after dlopen). The user allowed what the manifest
 * said and the sandbox grants exactly that, so a plugin whose descriptor says anything else
 * is refused before its init() runs.
 */
import type { PluginDescriptor, PluginFailure, PluginManifest } from '../../../app/plugin-contract.js';

const FIELDS = ['id', 'name', 'version', 'capabilities'] as const;

const shown = (value: string | readonly string[]) =>
  typeof value === 'string' ? JSON.stringify(value) : value.length === 0 ? 'none' : `"${value.join(',')}"`;

/** null when they agree, or when there is no manifest and the descriptor asks for nothing. */
export function checkAgainstManifest(descriptor: PluginDescriptor, manifest: PluginManifest | null, path: string): PluginFailure | null {
  if (!manifest) {
    if (descriptor.capabilities.length === 0) return null;
    const asked = descriptor.capabilities.join(',');
    return {
      code: 'manifest-mismatch',
      message:
        `${descriptor.name} (${descriptor.id}) in ${path} asks for capabilities (${asked}) in its descriptor but has no manifest. ` +
        'Quire asks the user before granting any capability, from the manifest it reads without running the plugin; ' +
        `add QUIRE_PLUGIN_MANIFEST("${descriptor.id}", "${descriptor.name}", "${descriptor.version}", "${asked}") (see native/include/quire_plugin.h) and rebuild.`,
      detail: { fields: 'manifest', descriptorCapabilities: asked },
    };
  }
  // Capabilities are in PLUGIN_CAPABILITIES order on both sides, so joining compares them as sets.
  const differing = FIELDS.filter((field) => String(manifest[field]) !== String(descriptor[field]));
  if (differing.length === 0) return null;
  const differences = differing.map((field) => `${field}: the manifest says ${shown(manifest[field])}, the descriptor ${shown(descriptor[field])}`);
  return {
    code: 'manifest-mismatch',
    message:
      `The manifest of ${manifest.name} (${manifest.id}) in ${path} does not match its descriptor — ${differences.join('; ')}. ` +
      'The user was shown the manifest and the sandbox grants what it declares, so the two must agree: ' +
      'make QUIRE_PLUGIN_MANIFEST(...) and the quire_plugin returned by quire_plugin_entry say the same and rebuild.',
    detail: Object.fromEntries([
      ['fields', differing.join(',')],
      ...differing.flatMap((field) => [
        [`manifest.${field}`, String(manifest[field])],
        [`descriptor.${field}`, String(descriptor[field])],
      ]),
    ]),
  };
}
