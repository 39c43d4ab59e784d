import type {
  PluginCapability,
  PluginFailure,
  PluginSigner,
  PluginStatus,
  PluginTrust,
  SandboxReport,
} from '../../../app/plugin-contract.js';

/**
 * How the Plugins panel and the consent prompt put a plugin's trust, signer, capabilities and
 * sandbox into words. Plain strings only, so the wording is tested without rendering.
 */

const CAPABILITY_WORDS: Record<PluginCapability, string> = {
  'read-document-folder': "read files in the document's folder",
  network: 'use the network',
};

/** A capability as the user reads it: what the plugin will be able to do. */
export function capabilityWords(capability: PluginCapability): string {
  return CAPABILITY_WORDS[capability];
}

/**
 * What the plugin asks for: its descriptor's list once it has loaded (the checked one), else its
 * manifest's (read without running it); null when neither is known.
 */
export function requestedCapabilities(plugin: Pick<PluginStatus, 'descriptor' | 'trust'>): readonly PluginCapability[] | null {
  return plugin.descriptor?.capabilities ?? plugin.trust?.manifest?.capabilities ?? null;
}

/** The Capabilities row: `read files in the document's folder, use the network`, `none`, or a dash. */
export function capabilitiesText(capabilities: readonly PluginCapability[] | null): string {
  if (capabilities === null) return '—';
  if (capabilities.length === 0) return 'none';
  return capabilities.map(capabilityWords).join(', ');
}

/** The consent prompt's sentence about capabilities: what allowing it lets the plugin do. */
export function capabilitiesQuestion(capabilities: readonly PluginCapability[]): string {
  if (capabilities.length === 0) return 'No extra capabilities — it runs sandboxed.';
  return `It asks to ${joinWords(capabilities.map(capabilityWords))}.`;
}

/** `KEYID "comment"`: the key id minisign prints, and the comment the signature vouches for. */
export function signerName(signer: PluginSigner): string {
  return signer.trustedComment ? `${signer.keyId} "${signer.trustedComment}"` : signer.keyId;
}

/**
 * The Signer row: who signed the file and whether that key is in the user's trusted keys. Only
 * the key: whether the signature holds for these bytes is the Trust row's to say.
 */
export function signerText(signer: PluginSigner | null): string {
  if (signer === null) return 'not signed';
  return `${signerName(signer)} — ${signer.trusted ? 'in your trusted keys' : 'not in your trusted keys'}`;
}

/** The Trust row: why this file may run, or why it may not. */
export function trustText(trust: PluginTrust | null, failure: PluginFailure | null = null): string {
  if (trust === null) return '—';
  switch (trust.state) {
    case 'bundled':
      return 'bundled with Quire';
    case 'signed':
      return trust.signer ? `signed by ${signerName(trust.signer)}` : 'signed';
    case 'approved':
      return 'allowed by you';
    case 'trust-all':
      return 'all plugins trusted (plugins.trust is "all")';
    case 'pending':
      return 'waiting for you to allow or deny it';
    case 'denied':
      return 'denied by you';
    case 'refused':
      // The failure says why in full just above; its code is enough here.
      return failure ? `refused (${failure.code})` : 'refused';
  }
}

/** The Sandbox row: `sandboxed: Landlock 7, seccomp, memory limit 1 GiB`, or why it is not. */
export function sandboxText(sandbox: SandboxReport | null): string {
  if (sandbox === null) return 'not running';
  const grants = sandbox.grants.length > 0 ? `; may ${joinWords(sandbox.grants.map(capabilityWords))}` : '';
  switch (sandbox.state) {
    case 'sandboxed':
      return `sandboxed: ${sandboxLayers(sandbox).join(', ') || 'confined'}${grants}`;
    case 'partial':
      return `partly sandboxed: ${sandbox.reason ?? `only ${sandboxLayers(sandbox).join(', ')}`}${grants}`;
    case 'off':
      return `not sandboxed: ${sandbox.reason ?? 'no reason given'}`;
  }
}

function sandboxLayers(sandbox: SandboxReport): string[] {
  const layers: string[] = [];
  if (sandbox.landlockAbi !== null) layers.push(`Landlock ${sandbox.landlockAbi}`);
  if (sandbox.seccomp) layers.push('seccomp');
  if (sandbox.memoryLimitBytes !== null) layers.push(`memory limit ${formatBinaryBytes(sandbox.memoryLimitBytes)}`);
  return layers;
}

/** `1 GiB`, `512 MiB`, `1.5 GiB`: limits are set in powers of two, so they read best in them. */
export function formatBinaryBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const rounded = Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
  return `${rounded} ${units[unit]}`;
}

/** `a`, `a and b`, `a, b and c`. */
function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** The first 12 hex digits of a SHA-256: enough to tell files apart at a glance. */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}
