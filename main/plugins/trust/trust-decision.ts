/**
 * Whether a plugin file may run, from what is known about it: where it was found, its signature,
 * the user's answer for its hash and the `plugins.trust` setting. Pure, so every rule is tested
 * in one table and the supervisor only gathers the facts.
 */
import type { PluginFailure, PluginSigner, TrustMode, TrustState } from '../../../app/plugin-contract.js';
import type { SignatureCheck } from './minisign.js';

export interface TrustInput {
  mode: TrustMode;
  origin: 'bundled' | 'user' | 'command-line';
  /** null when the file has no .minisig beside it. */
  signature: SignatureCheck | null;
  approval: 'allow' | 'deny' | null;
  /** The plugin file as the user knows it (its name or path), for messages. */
  fileName: string;
  /** Where trusted keys go, for messages; "the trusted-keys folder in Quire's config folder" when not given. */
  trustedKeysDir?: string;
}

export interface TrustDecision {
  state: TrustState;
  runs: boolean;
  failure: PluginFailure | null;
  signer: PluginSigner | null;
}

/**
 * The rules, in order: Quire's own plugins run; a signature that is present but cannot be
 * trusted refuses the file whatever else holds (a broken signature is a warning the user must
 * not be able to click past); a good signature runs; then the user's answer; then the setting.
 */
export function decideTrust(input: TrustInput): TrustDecision {
  const signer = signerOf(input.signature);
  const allow = (state: TrustState): TrustDecision => ({ state, runs: true, failure: null, signer });
  const stop = (state: TrustState, failure: PluginFailure): TrustDecision => ({ state, runs: false, failure, signer });
  const { fileName, signature } = input;

  if (input.origin === 'bundled') return allow('bundled');
  if (signature?.status === 'invalid') return stop('refused', invalidSignature(fileName, signature.keyId, signature.problem));
  if (signature?.status === 'unknown-key') return stop('refused', unknownKey(fileName, signature.keyId, keysFolder(input)));
  if (signature?.status === 'valid') return allow('signed');
  if (input.approval === 'deny') return stop('denied', denied(fileName));
  if (input.approval === 'allow') return allow('approved');
  switch (input.mode) {
    case 'all':
      return allow('trust-all');
    case 'signed-only':
      return stop('refused', unsigned(fileName, keysFolder(input)));
    case 'ask':
      return stop('pending', awaitingConsent(fileName));
  }
}

function signerOf(signature: SignatureCheck | null): PluginSigner | null {
  if (!signature || signature.keyId === null) return null;
  switch (signature.status) {
    case 'valid':
      return { keyId: signature.keyId, trustedComment: signature.trustedComment, trusted: true };
    case 'unknown-key':
      return { keyId: signature.keyId, trustedComment: null, trusted: false };
    case 'invalid':
      // checkSignature answers unknown-key before checking anything, so an invalid signature
      // with a key id was checked against a trusted key; its comment did not verify, so none is shown.
      return { keyId: signature.keyId, trustedComment: null, trusted: true };
  }
}

function keysFolder(input: TrustInput): string {
  return input.trustedKeysDir ?? "the trusted-keys folder in Quire's config folder";
}

function invalidSignature(fileName: string, keyId: string | null, problem: string): PluginFailure {
  const by = keyId ? ` (key ${keyId})` : '';
  return {
    code: 'bad-signature',
    message:
      `The signature ${fileName}.minisig${by} cannot be trusted: ${problem}. Quire does not run a plugin whose signature fails. ` +
      `If you built or changed the plugin yourself, sign it again (\`minisign -Sm ${fileName}\`); if the signature is not meant for this file, remove ${fileName}.minisig. ` +
      'Otherwise get the plugin again from its author.',
    detail: { problem, ...(keyId ? { keyId } : {}) },
  };
}

function unknownKey(fileName: string, keyId: string, folder: string): PluginFailure {
  return {
    code: 'bad-signature',
    message:
      `${fileName} is signed by the minisign key ${keyId}, which is not one of your trusted keys, so Quire does not run it. ` +
      `If you trust its author, put their public key file (.pub, key ID ${keyId}) in ${folder}. ` +
      `If you signed it yourself with another key, sign it again with a key whose .pub is there. ` +
      `Or remove ${fileName}.minisig to decide about the file without its signature.`,
    detail: { keyId },
  };
}

function denied(fileName: string): PluginFailure {
  return {
    code: 'denied',
    message: `You denied ${fileName}, so Quire does not run it. To run it, choose Allow for it in the Plugins panel.`,
  };
}

function unsigned(fileName: string, folder: string): PluginFailure {
  return {
    code: 'untrusted',
    message:
      `${fileName} is not signed by a trusted key, and plugins.trust is "signed-only", so Quire does not run it. ` +
      `Sign it with minisign (\`minisign -Sm ${fileName}\`) and put the public key in ${folder}, ` +
      'or set plugins.trust to "ask" in settings to be asked about unsigned plugins.',
  };
}

function awaitingConsent(fileName: string): PluginFailure {
  return {
    code: 'awaiting-consent',
    message: `${fileName} has not been allowed to run yet, and none of its code runs until it is. Choose Allow or Deny for it in the Plugins panel.`,
  };
}
