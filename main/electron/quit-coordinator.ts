export interface QuitCoordinatorOptions {
  /** Asks the page to deal with unsaved changes; it answers by requesting `app.quit`. */
  askRenderer(): void;
  /** False once the page's process is gone: nothing is left to ask or to save. */
  rendererAlive(): boolean;
  /** Asked when the page did not answer in time; true means quit anyway. */
  confirmUnanswered(): Promise<boolean>;
  /** Quits for good. Closing the window afterwards must be allowed (`mayClose`). */
  exit(): void;
  answerTimeoutMs: number;
}

type State =
  /** Nothing asked. */
  | 'idle'
  /** The page was asked and the deadline runs. */
  | 'waiting'
  /** The deadline passed and the user is being asked whether to quit anyway. */
  | 'confirming'
  /** Quit decided: every close proceeds. */
  | 'quitting';

/**
 * Decides when the desktop window may close. The page holds the unsaved changes, so a close
 * or quit first asks it; the page then quits through the API. A page that is hung or broken
 * never answers, so after a deadline the user is asked directly: a bad page cannot keep
 * Quire from quitting.
 */
export class QuitCoordinator {
  private state: State = 'idle';
  private deadline: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: QuitCoordinatorOptions) {}

  get quitting(): boolean {
    return this.state === 'quitting';
  }

  /** The window is about to close. True lets it; false means the page was asked first. */
  mayClose(): boolean {
    if (this.state === 'quitting') return true;
    if (!this.options.rendererAlive()) {
      this.stopDeadline();
      this.state = 'quitting';
      return true;
    }
    this.ask();
    return false;
  }

  /** The user chose Quit (menu or shortcut). */
  requestQuit(): void {
    if (this.state === 'quitting') return;
    if (this.options.rendererAlive()) this.ask();
    else this.confirmQuit();
  }

  /** The page has dealt with unsaved changes (or the user chose to lose them). */
  confirmQuit(): void {
    if (this.state === 'quitting') return;
    this.stopDeadline();
    this.state = 'quitting';
    this.options.exit();
  }

  /**
   * The page made a request while it was being asked: it is alive and working on the
   * answer (a save dialog can take longer than the deadline), so it is not interrupted.
   */
  pageActive(): void {
    if (this.state !== 'waiting') return;
    this.stopDeadline();
    this.state = 'idle';
  }

  private ask(): void {
    if (this.state !== 'idle') return;
    this.state = 'waiting';
    this.options.askRenderer();
    this.deadline = setTimeout(() => void this.askUser(), this.options.answerTimeoutMs);
  }

  private async askUser(): Promise<void> {
    this.deadline = undefined;
    this.state = 'confirming';
    const quitAnyway = await this.options.confirmUnanswered();
    // The page may have answered while the question was open; its answer stands.
    if (this.state !== 'confirming') return;
    this.state = 'idle';
    if (quitAnyway) this.confirmQuit();
  }

  private stopDeadline(): void {
    clearTimeout(this.deadline);
    this.deadline = undefined;
  }
}
