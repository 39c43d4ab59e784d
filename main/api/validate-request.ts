import {
  RequestMessage,
  requests,
  type Method,
  type Params,
  type QuireError,
} from '../../app/contract.js';

export type ValidatedRequest = {
  [M in Method]: { id: number; method: M; params: Params<M> };
}[Method];

export type Validation =
  | { ok: true; request: ValidatedRequest }
  | { ok: false; id: number | null; error: QuireError };

function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(requests, name);
}

/** Explains a schema failure in one line, naming the offending field. */
function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : 'message'}: ${issue.message}`)
    .join('; ');
}

/**
 * Checks an incoming message's envelope, that its method exists, and its params against the
 * contract. Nothing reaches a handler without passing here.
 */
export function validateRequest(raw: unknown): Validation {
  const envelope = RequestMessage.safeParse(raw);
  if (!envelope.success) {
    const id =
      typeof raw === 'object' && raw !== null && Number.isSafeInteger((raw as { id?: unknown }).id)
        ? ((raw as { id: number }).id)
        : null;
    return {
      ok: false,
      id,
      error: { code: 'bad-request', message: `Malformed request (${describeIssues(envelope.error.issues)}).` },
    };
  }
  const { id, method, params } = envelope.data;
  if (!isMethod(method)) {
    return { ok: false, id, error: { code: 'unknown-method', message: `Unknown request "${method}".` } };
  }
  const parsed = requests[method].params.safeParse(params);
  if (!parsed.success) {
    return {
      ok: false,
      id,
      error: {
        code: 'bad-request',
        message: `Invalid parameters for "${method}" (${describeIssues(parsed.error.issues)}).`,
      },
    };
  }
  return { ok: true, request: { id, method, params: parsed.data } as ValidatedRequest };
}
