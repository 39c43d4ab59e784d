/**
 * Asks main one query at a time, always for the newest: while a request is out, further
 * queries wait, and only the last of them is sent when the answer comes. Typing fast into quick
 * open over a big folder so costs main one search per answer shown rather than one per key,
 * and answers can never arrive out of order. Every answer is delivered (an older query's
 * answer is still closer than nothing while the newest is on its way).
 */
export class LatestQuery<Q, A> {
  private inFlight = false;
  private waiting: { query: Q } | null = null;
  private closed = false;

  constructor(
    private readonly send: (query: Q) => Promise<A>,
    private readonly deliver: (query: Q, answer: A) => void,
  ) {}

  ask(query: Q): void {
    if (this.closed) return;
    if (this.inFlight) {
      this.waiting = { query };
      return;
    }
    this.run(query);
  }

  /** No more answers: the box closed. */
  close(): void {
    this.closed = true;
    this.waiting = null;
  }

  private run(query: Q): void {
    this.inFlight = true;
    void this.send(query).then((answer) => {
      this.inFlight = false;
      if (this.closed) return;
      this.deliver(query, answer);
      const next = this.waiting;
      this.waiting = null;
      if (next) this.run(next.query);
    });
  }
}
