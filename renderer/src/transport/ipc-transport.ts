import type { Method, Outcome, Params, QuireApi, QuireIpcBridge, Result } from '../../../app/contract.js';
import { EventHub } from './event-hub.js';
import { toOutcome } from './response.js';

declare global {
  interface Window {
    /** Present only in the desktop app, exposed by the Electron preload. */
    quireIpc?: QuireIpcBridge;
  }
}

/** The desktop transport: requests and events through the preload's bridge. */
export function createIpcTransport(bridge: QuireIpcBridge): QuireApi {
  const hub = new EventHub();
  let nextId = 1;
  bridge.onEvent((message) => {
    if (!hub.dispatch(message)) console.error('Quire: ignored a malformed event from main', message.event);
  });
  return {
    async request<M extends Method>(method: M, params: Params<M>): Promise<Outcome<Result<M>>> {
      try {
        const response = await bridge.invoke({ id: nextId++, method, params });
        return toOutcome(method, response);
      } catch (error) {
        return {
          ok: false,
          error: { code: 'internal', message: `Quire could not deliver ${method}: ${String(error)}` },
        };
      }
    },
    on: (event, listener) => hub.on(event, listener),
  };
}
