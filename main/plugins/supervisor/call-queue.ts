import type { PluginCallResult, PluginFailure, PluginOutcome } from '../../../app/plugin-contract.js';
import type { PluginCallRequest } from '../../plugin-common/protocol/messages.js';

type Outcome = PluginOutcome<PluginCallResult>;

interface Queued {
  request: PluginCallRequest;
  resolve(outcome: Outcome): void;
}

/**
 * One plugin's calls: one at a time, in order, in a bounded queue — the only place calls are
 * serialized (a host handle refuses a second call rather than queue it). A full queue answers
 * `busy` at once rather than growing without bound behind a slow plugin.
 */
export class CallQueue {
  private readonly waiting: Queued[] = [];
  private running = false;

  constructor(
    private readonly capacity: number,
    private readonly run: (request: PluginCallRequest) => Promise<Outcome>,
    private readonly describe: () => string,
  ) {}

  get length(): number {
    return this.waiting.length;
  }

  enqueue(request: PluginCallRequest): Promise<Outcome> {
    return new Promise((resolve) => {
      const entry: Queued = { request, resolve };
      const older = request.coalesceKey == null ? -1 : this.waiting.findIndex((q) => q.request.coalesceKey === request.coalesceKey);
      if (older >= 0) {
        const [replaced] = this.waiting.splice(older, 1, entry);
        replaced?.resolve({
          ok: false,
          failure: { code: 'superseded', message: 'A newer request for the same document replaced this one before it ran.' },
        });
      } else if (this.waiting.length >= this.capacity) {
        resolve({
          ok: false,
          failure: {
            code: 'busy',
            message: `${this.describe()} is busy: ${this.capacity} calls are already waiting for it. Try again in a moment.`,
          },
        });
        return;
      } else {
        this.waiting.push(entry);
      }
      this.pump();
    });
  }

  /** Answers every waiting call with `failure` (the plugin stopped); the running one finishes on its own. */
  failWaiting(failure: PluginFailure): void {
    for (const entry of this.waiting.splice(0)) entry.resolve({ ok: false, failure });
  }

  private pump(): void {
    if (this.running) return;
    const next = this.waiting.shift();
    if (!next) return;
    this.running = true;
    void this.run(next.request).then((outcome) => {
      this.running = false;
      next.resolve(outcome);
      this.pump();
    });
  }
}
