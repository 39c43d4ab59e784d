/**
 * Verifies minisign signatures (https://jedisct1.github.io/minisign/) with node:crypto alone, so
 * checking a plugin's signature needs no native module and no minisign binary on the user's
 * machine. Parsing never throws: a malformed file is a value with a `problem` sentence.
 *
 * Formats, as minisign writes them:
 *   public key  "untrusted comment: ..." / base64("Ed" || key id (8 bytes) || Ed25519 key (32 bytes))
 *   signature   "untrusted comment: ..." / base64(algorithm (2) || key id (8) || signature (64))
 *               "trusted comment: TEXT"  / base64(global signature (64) over signature || TEXT)
 * The algorithm is "Ed" (legacy: the file's bytes are signed) or "ED" (pre-hashed, minisign's
 * default since 0.10: the BLAKE2b-512 digest of the file is signed).
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';

/** A parsed minisign public key. */
export interface MinisignPublicKey {
  /** Uppercase hex, as minisign prints it (up to 16 digits: minisign drops leading zeros). */
  keyId: string;
  /** The raw 32-byte Ed25519 key. */
  publicKey: Buffer;
}

export type ParsedPublicKey = MinisignPublicKey | { problem: string };

export interface MinisignSignature {
  algorithm: 'legacy' | 'prehashed';
  keyId: string;
  /** The 64-byte Ed25519 signature of the file (or of its BLAKE2b-512 digest). */
  signature: Buffer;
  /** Signed, by the global signature, together with `signature`. */
  trustedComment: string;
  globalSignature: Buffer;
}

export type ParsedSignature = MinisignSignature | { problem: string };

/**
 * The outcome of checking one file against its signature. `unknown-key` is decided before any
 * cryptography (there is no key to check with), so an `invalid` result that carries a key id
 * always means the key is a trusted one and the bytes or the trusted comment did not match it.
 */
export type SignatureCheck =
  | { status: 'valid'; keyId: string; trustedComment: string }
  | { status: 'unknown-key'; keyId: string }
  | { status: 'invalid'; keyId: string | null; problem: string };

const UNTRUSTED_PREFIX = 'untrusted comment:';
const TRUSTED_PREFIX = 'trusted comment: ';
const KEY_ID_BYTES = 8;
const ED25519_KEY_BYTES = 32;
const ED25519_SIGNATURE_BYTES = 64;
const PUBLIC_KEY_BYTES = 2 + KEY_ID_BYTES + ED25519_KEY_BYTES;
const SIGNATURE_BYTES = 2 + KEY_ID_BYTES + ED25519_SIGNATURE_BYTES;
/** What node:crypto needs around a raw Ed25519 key: the DER SubjectPublicKeyInfo header for OID 1.3.101.112. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function parsePublicKey(text: string): ParsedPublicKey {
  const lines = linesOf(text);
  if (lines.length < 2 || !lines[0]!.startsWith(UNTRUSTED_PREFIX)) {
    return { problem: 'it is not a minisign public key (it must be an "untrusted comment:" line followed by the key in base64)' };
  }
  const bytes = decodeBase64(lines[1]!);
  if (!bytes || bytes.length !== PUBLIC_KEY_BYTES) {
    return { problem: `its second line is not a minisign public key (${PUBLIC_KEY_BYTES} bytes in base64)` };
  }
  if (bytes.subarray(0, 2).toString('latin1') !== 'Ed') {
    return { problem: 'it is not an Ed25519 minisign public key (it does not start with "Ed")' };
  }
  return { keyId: keyIdOf(bytes.subarray(2, 2 + KEY_ID_BYTES)), publicKey: Buffer.from(bytes.subarray(2 + KEY_ID_BYTES)) };
}

export function parseSignature(text: string): ParsedSignature {
  const lines = linesOf(text);
  if (lines.length < 4) {
    return { problem: 'it is not a minisign signature (it must have four lines: a comment, the signature, a trusted comment and its signature)' };
  }
  const [untrusted, signatureLine, trustedLine, globalLine] = lines as [string, string, string, string];
  if (!untrusted.startsWith(UNTRUSTED_PREFIX)) {
    return { problem: 'it is not a minisign signature (its first line must start with "untrusted comment:")' };
  }
  const bytes = decodeBase64(signatureLine);
  if (!bytes || bytes.length !== SIGNATURE_BYTES) {
    return { problem: `its second line is not a minisign signature (${SIGNATURE_BYTES} bytes in base64)` };
  }
  const tag = bytes.subarray(0, 2).toString('latin1');
  if (tag !== 'Ed' && tag !== 'ED') {
    return { problem: `it uses an unknown signature algorithm ("${printable(tag)}"; minisign writes "Ed" or "ED")` };
  }
  if (!trustedLine.startsWith(TRUSTED_PREFIX)) {
    return { problem: 'its third line must start with "trusted comment: "' };
  }
  const globalSignature = decodeBase64(globalLine);
  if (!globalSignature || globalSignature.length !== ED25519_SIGNATURE_BYTES) {
    return { problem: `its fourth line is not a signature of the trusted comment (${ED25519_SIGNATURE_BYTES} bytes in base64)` };
  }
  return {
    algorithm: tag === 'ED' ? 'prehashed' : 'legacy',
    keyId: keyIdOf(bytes.subarray(2, 2 + KEY_ID_BYTES)),
    signature: Buffer.from(bytes.subarray(2 + KEY_ID_BYTES)),
    trustedComment: trustedLine.slice(TRUSTED_PREFIX.length),
    globalSignature,
  };
}

/**
 * Checks `fileBytes` against the text of its .minisig file, using only `trustedKeys`. Both the
 * file's signature and the trusted comment's must verify: the comment is shown to the user as
 * the signer's word, so an edited comment makes the whole signature invalid, as in minisign.
 */
export function checkSignature(fileBytes: Uint8Array, signatureText: string, trustedKeys: readonly MinisignPublicKey[]): SignatureCheck {
  const parsed = parseSignature(signatureText);
  if ('problem' in parsed) return { status: 'invalid', keyId: null, problem: parsed.problem };
  const { keyId } = parsed;
  const candidates = trustedKeys.filter((key) => key.keyId === keyId);
  if (candidates.length === 0) return { status: 'unknown-key', keyId };

  const signed = parsed.algorithm === 'prehashed' ? createHash('blake2b512').update(fileBytes).digest() : fileBytes;
  const comment = Buffer.concat([parsed.signature, Buffer.from(parsed.trustedComment, 'utf8')]);
  let fileMatched = false;
  // Two key files may share an id (a regenerated key, a copy): any one that verifies both signatures will do.
  for (const key of candidates) {
    const keyObject = keyObjectOf(key.publicKey);
    if (!keyObject || !verify(null, signed, keyObject, parsed.signature)) continue;
    fileMatched = true;
    if (verify(null, comment, keyObject, parsed.globalSignature)) {
      return { status: 'valid', keyId, trustedComment: parsed.trustedComment };
    }
  }
  return {
    status: 'invalid',
    keyId,
    problem: fileMatched
      ? 'the trusted comment was changed after signing'
      : 'the file is not the one that was signed (it was changed or replaced after signing)',
  };
}

/**
 * minisign stores the id little-endian and prints it as one 64-bit number with `%" PRIX64`:
 * uppercase and without leading zeros, so one key in sixteen shows fewer than 16 digits. Ids
 * are printed exactly so, because users compare them with what minisign shows them.
 */
function keyIdOf(bytes: Uint8Array): string {
  return Buffer.from(bytes).reverse().toString('hex').toUpperCase().replace(/^0+(?=.)/, '');
}

function keyObjectOf(raw: Buffer): KeyObject | null {
  if (raw.length !== ED25519_KEY_BYTES) return null;
  try {
    return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  } catch {
    return null;
  }
}

/** Lines without their ends; minisign itself accepts CRLF files, so "\r" goes too. */
function linesOf(text: string): string[] {
  return text.split('\n').map((line) => line.replace(/\r$/, ''));
}

/** Buffer.from(…, 'base64') skips characters it does not know; a key or signature must be exactly base64. */
function decodeBase64(line: string): Buffer | null {
  const trimmed = line.trim();
  if (trimmed.length === 0 || trimmed.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return null;
  return Buffer.from(trimmed, 'base64');
}

function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}
