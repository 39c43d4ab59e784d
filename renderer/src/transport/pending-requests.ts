import type { Outcome, QuireError } from '../../../app/contract.js';

type Settle = (outcome: Outcome<unknown>) => void;

/**
 * Requests sent over a transport that answers out of order, paired with their responses by id.
 * Every request added here is settled exactly once: by its response or by `failAll`.
 */
export class PendingRequests {
  private nextId = 1;
  private readonly waiting = new Map<number, Settle>();

  /** Registers a request and returns the id to send it with. */
  add(settle: Settle): number {
    const id = this.nextId++;
    this.waiting.set(id, settle);
    return id;
  }

  /** Settles the request with this id; false when no such request is waiting (late or unknown). */
  settle(id: number, outcome: Outcome<unknown>): boolean {
    const settleRequest = this.waiting.get(id);
    if (!settleRequest) return false;
    this.waiting.delete(id);
    settleRequest(outcome);
    return true;
  }

  /** Settles every waiting request with this error, e.g. when the connection drops. */
  failAll(error: QuireError): void {
    const all = [...this.waiting.values()];
    this.waiting.clear();
    for (const settleRequest of all) settleRequest({ ok: false, error });
  }
}
