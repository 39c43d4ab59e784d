import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** The file's SHA-256 in hex, or null when it cannot be read (loading will say why). */
export async function fileSha256(path: string): Promise<string | null> {
  try {
    return createHash('sha256').update(await readFile(path)).digest('hex');
  } catch {
    return null;
  }
}
