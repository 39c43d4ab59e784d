/**
 * Plugin trust: which plugin files may run, and the exact bytes that do. Signatures (minisign,
 * checked against the user's trusted keys), the user's Allow / Deny answers by hash, private
 * copies of the files hosts load, and the pure rule that combines them.
 */
export { checkSignature, parsePublicKey, parseSignature } from './minisign.js';
export type { MinisignPublicKey, MinisignSignature, ParsedPublicKey, ParsedSignature, SignatureCheck } from './minisign.js';
export { loadTrustedKeys, trustedKeysDir, TRUSTED_KEYS_FOLDER, type TrustedKey } from './trusted-keys.js';
export { APPROVALS_FILE, MAX_APPROVALS, PluginApprovals } from './approvals.js';
export type { Approval, ApprovalDecision, ApprovalSubject, SaveResult } from './approvals.js';
export { PluginStore, SIGNATURE_SUFFIX, type AdmittedPlugin, type SignatureFileRead } from './plugin-store.js';
export { decideTrust, type TrustDecision, type TrustInput } from './trust-decision.js';
