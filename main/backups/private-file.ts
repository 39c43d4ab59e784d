import { randomBytes } from 'node:crypto';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDirectory } from '../services/file-service.js';

/** A write's temporary file: hidden, beside its target, and recognisable as one (`isTemporaryName`). */
const TEMP_SUFFIX = '.tmp';

export function isTemporaryName(name: string): boolean {
  return name.startsWith('.') && name.endsWith(TEMP_SUFFIX);
}

/**
 * Replaces `folder/name` with `bytes`, readable by the owner only, so that a crash, a kill or a
 * power cut at any moment leaves the previous file or the new one, never a mix: the bytes go to
 * a temporary file in the same folder and reach the disk before a rename puts them in place, and
 * the folder is synced so the rename itself survives. Throws the file system's error.
 */
export async function writePrivateFileAtomically(folder: string, name: string, bytes: Uint8Array): Promise<void> {
  const temp = join(folder, `.${name}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'wx', 0o600);
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, join(folder, name));
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(folder);
}
