import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { Session } from '../../app/contract.js';
import { writeTextFile } from './file-service.js';

const SESSION_FILE = 'session.json';

function emptySession(): Session {
  return { openFiles: [], activeFile: null };
}

/**
 * The files open at the last quit, kept in `session.json` in the config folder. Losing a session
 * must never stop Quire from starting, so reading never fails: it falls back to an empty session.
 */
export class SessionStore {
  private readonly file: string;
  /** Saves run one after another, so the last one asked for is the one left on disk. */
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly configDir: string) {
    this.file = join(configDir, SESSION_FILE);
  }

  async get(): Promise<Session> {
    await this.writes;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return emptySession();
    }
    const parsed = Session.safeParse(parseJson(text));
    if (parsed.success) return parsed.data;
    // Kept aside rather than overwritten by the next save, so a damaged session can still be looked at.
    await rename(this.file, `${this.file}.corrupt`).catch(() => undefined);
    return emptySession();
  }

  /** Saves atomically; throws with a readable message when the session cannot be written. */
  set(session: Session): Promise<void> {
    const write = this.writes.then(() => this.write(session));
    this.writes = write.catch(() => undefined);
    return write;
  }

  private async write(session: Session): Promise<void> {
    // The session lists the user's files: keep the folder private.
    await mkdir(this.configDir, { recursive: true, mode: 0o700 });
    const saved = await writeTextFile(this.file, `${JSON.stringify(session, null, 2)}\n`, { bom: false, eol: 'LF' });
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
