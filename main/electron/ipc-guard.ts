import type { ResponseMessage } from '../../app/contract.js';
import { isAppUrl } from './app-origin.js';

/** The request's own id when it has a usable one, so the refusal reaches the right caller. */
function requestIdOf(raw: unknown): number {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : -1;
}

/**
 * Hands a request to `handle` only when the frame that sent it shows the app's own page.
 * Anything else that reached the IPC channel (a frame that navigated away, a stray frame)
 * gets a `bad-request` answer instead of access to files.
 */
export async function answerFromAppOnly(
  senderUrl: string | undefined,
  raw: unknown,
  handle: (raw: unknown) => Promise<ResponseMessage>,
): Promise<ResponseMessage> {
  if (senderUrl !== undefined && isAppUrl(senderUrl)) return handle(raw);
  return {
    id: requestIdOf(raw),
    ok: false,
    error: { code: 'bad-request', message: "Quire answers requests only from its own page (quire://app/)." },
  };
}
