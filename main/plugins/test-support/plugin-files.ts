/** Real plugin files for supervisor tests: copies, slow copies, and copies with another plugin id. */
import { closeSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';

const OK_BASIC_ID = 'dev.quire.test.ok-basic';

/**
 * A copy of ok-basic (at `okBasic`) whose plugin id is `dev.quire.test.ok-` plus a 5-character `tag`
 * (lowercase letters and digits). The id is patched in place at the same length, so the
 * descriptor's compiled lengths stay right: fifty distinct plugins from one build.
 */
export function okBasicWithId(okBasic: string, destination: string, tag: string): string {
  if (!/^[a-z0-9]{5}$/.test(tag)) throw new Error('tag must be 5 lowercase letters or digits');
  const bytes = readFileSync(okBasic);
  const from = Buffer.from(OK_BASIC_ID);
  const to = Buffer.from(`dev.quire.test.ok-${tag}`);
  let at = bytes.indexOf(from);
  if (at < 0) throw new Error('ok-basic.so does not contain its id');
  while (at >= 0) {
    to.copy(bytes, at);
    at = bytes.indexOf(from, at + 1);
  }
  writeFileSync(destination, bytes);
  return `dev.quire.test.ok-${tag}`;
}

/** Writes `source` to `destination` in `chunks` pieces, `pauseMs` apart: a slow copy, as over a network. */
export async function slowCopy(source: string, destination: string, chunks: number, pauseMs: number): Promise<void> {
  const bytes = readFileSync(source);
  const size = Math.ceil(bytes.length / chunks);
  const fd = openSync(destination, 'w');
  try {
    for (let offset = 0; offset < bytes.length; offset += size) {
      writeSync(fd, bytes, offset, Math.min(size, bytes.length - offset));
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  } finally {
    closeSync(fd);
  }
}

/** Copies by writing beside the target and renaming into place, as careful tools do. */
export function atomicCopy(source: string, destination: string): void {
  const temporary = path.join(path.dirname(destination), `.${path.basename(destination)}.part`);
  writeFileSync(temporary, readFileSync(source));
  renameSync(temporary, destination);
}
