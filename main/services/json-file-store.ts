import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { ZodType } from 'zod';
import { writeTextFile } from './file-service.js';

/**
 * A JSON document in the config folder, validated by a schema. Reading never fails — a
 * missing or damaged file gives the empty value, because losing it must never stop Quire from
 * starting — and a damaged file is kept aside as `<name>.corrupt` rather than overwritten, so
 * it can still be looked at. Writes are atomic and run one after another, so the last one
 * asked for is the one left on disk.
 */
export class JsonFileStore<T> {
  private readonly file: string;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly configDir: string,
    fileName: string,
    private readonly schema: ZodType<T>,
    private readonly empty: () => T,
  ) {
    this.file = join(configDir, fileName);
  }

  async get(): Promise<T> {
    await this.writes;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return this.empty();
    }
    const parsed = this.schema.safeParse(parseJson(text));
    if (parsed.success) return parsed.data;
    await rename(this.file, `${this.file}.corrupt`).catch(() => undefined);
    return this.empty();
  }

  /** Saves atomically; throws with a readable message when the file cannot be written. */
  set(value: T): Promise<void> {
    const write = this.writes.then(() => this.write(value));
    this.writes = write.catch(() => undefined);
    return write;
  }

  private async write(value: T): Promise<void> {
    // The config folder holds the user's file list and settings: keep it private.
    await mkdir(this.configDir, { recursive: true, mode: 0o700 });
    const saved = await writeTextFile(this.file, `${JSON.stringify(value, null, 2)}\n`, { bom: false, eol: 'LF' });
    if (!saved.ok) throw new Error(saved.error.message);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
