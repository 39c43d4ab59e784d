/**
 * The manifest's text (quire_plugin.h, QUIRE_PLUGIN_MANIFEST): what the user is asked to allow
 * before a plugin runs, so it is parsed strictly. Anything Quire does not understand is
 * refused rather than skipped: a key or capability it ignored would be one the user never saw.
 */
import type { PluginCapability, PluginManifest } from '../../../app/plugin-contract.js';
import { canonicalOrder, isCapability } from '../abi/capabilities.js';
import { pluginIdProblem } from '../abi/plugin-id.js';

export const MANIFEST_HEADER = 'quire-manifest 1';
/** The bound quire_plugin.h promises, NUL included; the descriptor's strings have the same. */
export const MAX_MANIFEST_BYTES = 8 * 1024;

const KEYS = ['id', 'name', 'version', 'capabilities'] as const;
type Key = (typeof KEYS)[number];

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
// C0 controls and DEL: a value shown in a consent prompt must not move the cursor or recolour it.
const CONTROL = /[\u0000-\u001f\u007f]/;

export type ManifestParse = { ok: true; value: PluginManifest } | { ok: false; problem: string };

const problem = (text: string): ManifestParse => ({ ok: false, problem: text });

function capabilityList(value: string): PluginCapability[] | string {
  if (value === '') return [];
  const names = value.split(',');
  const seen = new Set<string>();
  for (const name of names) {
    if (!isCapability(name)) {
      return `capabilities lists "${name}", which is not a capability Quire knows (use "read-document-folder" and/or "network", comma-separated without spaces)`;
    }
    if (seen.has(name)) return `capabilities lists "${name}" twice`;
    seen.add(name);
  }
  return canonicalOrder(names as PluginCapability[]);
}

function checkValue(key: Key, value: string): string | null {
  if (key === 'capabilities') return null;
  if (value === '') return `${key} is empty`;
  if (CONTROL.test(value)) return `${key} contains a control character`;
  if (key !== 'id') return null;
  const notAnId = pluginIdProblem(value);
  return notAnId && `id ${notAnId}`;
}

/**
 * Parses the bytes of the quire_plugin_manifest array: st_size bytes, ending with its NUL.
 * Each key appears once; the macro writes them in the documented order, but hand-written
 * (Rust, Go) manifests are not refused for another order.
 */
export function parseManifest(bytes: Uint8Array): ManifestParse {
  if (bytes.length > MAX_MANIFEST_BYTES) return problem(`it is ${bytes.length} bytes, more than the ${MAX_MANIFEST_BYTES}-byte limit`);
  const nul = bytes.indexOf(0);
  if (nul !== bytes.length - 1) {
    return problem(nul < 0 ? 'it does not end with a NUL byte' : `it has a NUL byte at ${nul}, before its end at ${bytes.length - 1}`);
  }
  let text: string;
  try {
    text = strictUtf8.decode(bytes.subarray(0, nul));
  } catch {
    return problem('it is not valid UTF-8');
  }
  if (!text.endsWith('\n')) return problem('its last line does not end with "\\n"');
  const [header, ...lines] = text.slice(0, -1).split('\n');
  if (header !== MANIFEST_HEADER) return problem(`its first line is "${header}", not "${MANIFEST_HEADER}"`);

  const values = new Map<Key, string>();
  for (const line of lines) {
    const equals = line.indexOf('=');
    const key = equals < 0 ? line : line.slice(0, equals);
    if (!(KEYS as readonly string[]).includes(key)) return problem(`it has a line "${line}"; the only keys are ${KEYS.join(', ')}`);
    if (equals < 0) return problem(`its ${key} line has no "="`);
    if (values.has(key as Key)) return problem(`${key} appears twice`);
    const value = line.slice(equals + 1);
    const bad = checkValue(key as Key, value);
    if (bad) return problem(bad);
    values.set(key as Key, value);
  }
  const missing = KEYS.filter((key) => !values.has(key));
  if (missing.length > 0) return problem(`it has no ${missing.join(', ')} line${missing.length > 1 ? 's' : ''}`);

  const capabilities = capabilityList(values.get('capabilities') as string);
  if (typeof capabilities === 'string') return problem(capabilities);
  return {
    ok: true,
    value: { id: values.get('id') as string, name: values.get('name') as string, version: values.get('version') as string, capabilities },
  };
}
