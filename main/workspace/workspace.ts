import { SessionStore } from '../services/session-store.js';

/** PLACEHOLDER (helper A replaces): the window's open folder. */
export class Workspace {
  constructor(private readonly configDir: string) {}

  folder(): string | null {
    return null;
  }

  sessionStore(): SessionStore {
    return new SessionStore(this.configDir);
  }
}
