import { Session } from '../../app/contract.js';
import { JsonFileStore } from './json-file-store.js';

/** The files open at the last quit, kept in `session.json` in the config folder. */
export class SessionStore extends JsonFileStore<Session> {
  constructor(configDir: string) {
    super(configDir, 'session.json', Session, () => ({ openFiles: [], activeFile: null }));
  }
}
