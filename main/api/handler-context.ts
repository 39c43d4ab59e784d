import type { AppInfo, EventName, EventPayload, Method, Outcome, Params, Result } from '../../app/contract.js';

/** Handlers for some of the contract's methods: each feature's module provides its own group. */
export type HandlerGroup<M extends Method> = { [K in M]: (params: Params<K>) => Promise<Outcome<Result<K>>> };

/** What every handler group may use from its connection. */
export interface ConnectionContext {
  appInfo: AppInfo;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Runs when the connection closes (end watches, cancel searches). */
  onDispose(cleanup: () => Promise<void> | void): void;
}

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });

export function unsupported(what: string, edition: AppInfo['edition']): Outcome<never> {
  return {
    ok: false,
    error: { code: 'unsupported', message: `${what} is not available in the ${edition} edition.` },
  };
}
