import { QuireError, requests } from '../../../app/contract.js';
import type { Method, Outcome, Result } from '../../../app/contract.js';

/**
 * Turns whatever arrived as the answer to `method` into a typed outcome.
 *
 * Main is trusted, but a reply that does not match the contract (a version mismatch, a bug)
 * must surface as an error value the UI can show, not as a crash deep inside an editor action.
 */
export function toOutcome<M extends Method>(method: M, message: unknown): Outcome<Result<M>> {
  if (typeof message !== 'object' || message === null || !('ok' in message)) {
    return malformed(method);
  }
  if (message.ok === true && 'value' in message) {
    const parsed = requests[method].result.safeParse(message.value);
    // zod's inferred type for the union of all result schemas does not narrow by M on its own.
    return parsed.success ? { ok: true, value: parsed.data as Result<M> } : malformed(method);
  }
  if (message.ok === false && 'error' in message) {
    const parsed = QuireError.safeParse(message.error);
    return parsed.success ? { ok: false, error: parsed.data } : malformed(method);
  }
  return malformed(method);
}

function malformed(method: Method): Outcome<never> {
  return {
    ok: false,
    error: { code: 'internal', message: `Quire sent a reply to ${method} that this window does not understand.` },
  };
}
