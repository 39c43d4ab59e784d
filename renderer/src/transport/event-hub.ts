import { events } from '../../../app/contract.js';
import type { EventName, EventPayload } from '../../../app/contract.js';

type AnyListener = (payload: unknown) => void;

/** Fans events from main out to the renderer's listeners, checking each payload against the contract. */
export class EventHub {
  private readonly listeners = new Map<EventName, Set<AnyListener>>();

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set<AnyListener>();
    this.listeners.set(event, set);
    // Stored untyped; `dispatch` only calls it with a payload its schema accepted.
    const untyped = listener as AnyListener;
    set.add(untyped);
    return () => {
      set.delete(untyped);
    };
  }

  /** Delivers one message; returns false when it is not a known event with a valid payload. */
  dispatch(message: { event: unknown; payload: unknown }): boolean {
    const name = message.event;
    if (typeof name !== 'string' || !isEventName(name)) return false;
    const parsed = events[name].safeParse(message.payload);
    if (!parsed.success) return false;
    for (const listener of [...(this.listeners.get(name) ?? [])]) listener(parsed.data);
    return true;
  }
}

function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}
