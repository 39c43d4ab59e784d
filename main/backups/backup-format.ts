/**
 * A backup file's bytes: one line of JSON saying what the file is, which tab it belongs to and
 * how long and what hash its text has, then the text in UTF-8. Reading checks all of it, so a
 * truncated file, a damaged one and one that is not Quire's are each told apart and named.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { BackupMeta, type Backup } from '../../app/workspace-contract.js';

const FORMAT = 'quire-backup';
const VERSION = 1;
/** The header is small (a path, a name, a few numbers); a first line longer than this is not one. */
const MAX_HEADER_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

const Header = z.object({
  format: z.literal(FORMAT),
  version: z.number().int(),
  meta: z.unknown(),
  textBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export type DecodedBackup = { ok: true; backup: Backup } | { ok: false; reason: string };

export function encodeBackup(backup: Backup): Buffer {
  const text = Buffer.from(backup.text, 'utf8');
  const header = { format: FORMAT, version: VERSION, meta: backup.meta, textBytes: text.length, sha256: sha256Of(text) };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), text]);
}

/** The backup in `bytes`, or why it cannot be trusted. */
export function decodeBackup(bytes: Buffer): DecodedBackup {
  const end = bytes.subarray(0, MAX_HEADER_BYTES).indexOf(NEWLINE);
  if (end === -1) return refuse(bytes.length === 0 ? 'it is empty' : 'it is not a Quire backup (it has no header line)');
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.subarray(0, end).toString('utf8'));
  } catch {
    return refuse('it is not a Quire backup (its first line is not JSON)');
  }
  const header = Header.safeParse(raw);
  if (!header.success) return refuse('it is not a Quire backup (its header is not one)');
  const { version, textBytes, sha256 } = header.data;
  if (version !== VERSION) return refuse(`it was written in backup format ${version}, which this version of Quire does not read`);
  const meta = BackupMeta.safeParse(header.data.meta);
  if (!meta.success) {
    const issue = meta.error.issues[0];
    return refuse(`its header is damaged (${issue ? `${issue.path.join('.') || 'meta'}: ${issue.message}` : 'meta'})`);
  }
  const text = bytes.subarray(end + 1);
  if (text.length < textBytes) return refuse(`it is truncated: ${text.length} of its ${textBytes} bytes of text are there`);
  if (text.length > textBytes) return refuse(`it has ${text.length - textBytes} bytes more than its header says`);
  if (sha256Of(text) !== sha256) return refuse('its text does not match its checksum (damaged on disk)');
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(text);
  } catch {
    return refuse('its text is not valid UTF-8');
  }
  return { ok: true, backup: { meta: meta.data, text: decoded } };
}

function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function refuse(reason: string): DecodedBackup {
  return { ok: false, reason };
}
