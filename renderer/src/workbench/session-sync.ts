import type { QuireApi, Session } from '../../../app/contract.js';
import { documentsInTabOrder } from '../state/documents-slice.js';
import type { QuireState, QuireStore } from '../state/store.js';

const SESSION_DELAY_MS = 300;

/** The session to store for the current tabs: files in tab order and the active one. */
export function sessionOf(state: QuireState): Session {
  const paths = documentsInTabOrder(state).flatMap((document) => (document.path === null ? [] : [document.path]));
  const activePath = state.activeId === null ? null : (state.documents[state.activeId]?.path ?? null);
  return { openFiles: paths, activeFile: activePath };
}

/**
 * Keeps main informed about the open files: which to watch for changes on disk (right away,
 * one request at a time, the latest set winning) and the session to restore next start
 * (debounced, and only once the previous session has been restored, so starting up never
 * overwrites it with an empty one).
 */
export class SessionSync {
  private watchInFlight = false;
  private watchAgain = false;
  private sessionTimer: ReturnType<typeof setTimeout> | null = null;
  private lastSession: string | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly api: QuireApi,
    private readonly store: QuireStore,
  ) {}

  /** Starts storing the session whenever the tabs change. */
  start(): void {
    if (this.unsubscribe) return;
    this.scheduleSession();
    this.unsubscribe = this.store.subscribe((state, previous) => {
      if (state.tabOrder !== previous.tabOrder || state.activeId !== previous.activeId || state.documents !== previous.documents) {
        this.scheduleSession();
      }
    });
  }

  /**
   * Stores the session now and stops following the tabs: the window is about to open another
   * folder, and main's session store changes with it. A write still waiting would otherwise
   * land in the new folder's session. A no-op when storing never started.
   */
  async finish(): Promise<void> {
    if (!this.unsubscribe) return;
    this.unsubscribe();
    this.unsubscribe = null;
    if (this.sessionTimer !== null) clearTimeout(this.sessionTimer);
    this.sessionTimer = null;
    await this.sendSession();
  }

  /** Files were opened, closed or saved: send the watch list again. */
  filesChanged(): void {
    if (this.watchInFlight) {
      this.watchAgain = true;
      return;
    }
    void this.sendWatch();
  }

  private async sendWatch(): Promise<void> {
    this.watchInFlight = true;
    do {
      this.watchAgain = false;
      const result = await this.api.request('file.watch', { paths: sessionOf(this.store.getState()).openFiles });
      if (!result.ok) this.warn('watch', `Quire cannot watch the open files for changes on disk: ${result.error.message}`);
    } while (this.watchAgain);
    this.watchInFlight = false;
  }

  private scheduleSession(): void {
    if (this.sessionTimer !== null) clearTimeout(this.sessionTimer);
    this.sessionTimer = setTimeout(() => {
      this.sessionTimer = null;
      void this.sendSession();
    }, SESSION_DELAY_MS);
  }

  private async sendSession(): Promise<void> {
    const session = sessionOf(this.store.getState());
    const serialized = JSON.stringify(session);
    if (serialized === this.lastSession) return;
    this.lastSession = serialized;
    const result = await this.api.request('session.set', session);
    if (!result.ok) {
      this.lastSession = null;
      this.warn('session', `Quire could not remember the open files for next time: ${result.error.message}`);
    }
  }

  /** A lost connection already shows its own banner; only other failures deserve a notification. */
  private warn(kind: string, message: string): void {
    const state = this.store.getState();
    if (state.connection !== 'connected') return;
    state.notify({ severity: 'warning', message, key: `session-sync:${kind}` });
  }
}
