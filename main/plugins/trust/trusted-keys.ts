/**
 * The minisign public keys the user trusts: every `*.pub` file in `<config>/trusted-keys/`. A
 * plugin signed by one of them runs without asking. A key file that cannot be used is reported,
 * by name, and the others still count: one bad file must not turn off every signed plugin.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { errnoOf } from '../../services/fs-errors.js';
import { readBounded } from './bounded-read.js';
import { parsePublicKey, type MinisignPublicKey } from './minisign.js';

export interface TrustedKey extends MinisignPublicKey {
  /** The key file it came from, for messages and the Plugins panel. */
  file: string;
}

export const TRUSTED_KEYS_FOLDER = 'trusted-keys';

/** A minisign public key file is two short lines; anything much bigger is not one. */
const MAX_KEY_FILE_BYTES = 64 * 1024;

export function trustedKeysDir(configDir: string): string {
  return join(configDir, TRUSTED_KEYS_FOLDER);
}

export async function loadTrustedKeys(configDir: string): Promise<{ keys: TrustedKey[]; problems: string[] }> {
  const folder = trustedKeysDir(configDir);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (err) {
    // No folder is the usual case: the user trusts no keys yet.
    if (errnoOf(err) === 'ENOENT') return { keys: [], problems: [] };
    return { keys: [], problems: [`Quire cannot list the trusted keys folder ${folder}: ${messageOf(err)}. Plugins signed by your keys will be treated as unsigned until it can be read.`] };
  }

  const keys: TrustedKey[] = [];
  const problems: string[] = [];
  // Sorted, so the order of keys and problems is the same on every start.
  for (const name of names.filter((n) => n.endsWith('.pub')).sort()) {
    const file = join(folder, name);
    const loaded = await loadKeyFile(file);
    if ('problem' in loaded) problems.push(loaded.problem);
    else keys.push(loaded);
  }
  return { keys, problems };
}

async function loadKeyFile(file: string): Promise<TrustedKey | { problem: string }> {
  const read = await readBounded(file, MAX_KEY_FILE_BYTES);
  if (!read.ok) {
    switch (read.reason) {
      case 'missing':
        return { problem: `The trusted key file ${file} disappeared while Quire was reading the trusted keys folder; it is ignored.` };
      case 'too-large':
        return { problem: `The trusted key file ${file} is ${read.size} bytes, far too big for a minisign public key, so it is ignored. Replace it with the author's .pub file.` };
      case 'unreadable':
        return { problem: `Quire cannot read the trusted key file ${file}: ${read.why}. It is ignored until it can be read.` };
    }
  }
  const parsed = parsePublicKey(read.bytes.toString('utf8'));
  if ('problem' in parsed) {
    return { problem: `The trusted key file ${file} is ignored: ${parsed.problem}. Replace it with the public key file (.pub) that \`minisign -G\` made.` };
  }
  return { ...parsed, file };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
