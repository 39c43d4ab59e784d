import type { Method, Outcome, Params, QuireApi, QuireError, Result } from '../../../app/contract.js';
import { decodeWireMessage, encodeWireMessage, type WireData } from '../../../app/wire-frame.js';
import { EventHub } from './event-hub.js';
import { PendingRequests } from './pending-requests.js';
import { reconnectDelay as defaultReconnectDelay } from './reconnect-delay.js';
import { toOutcome } from './response.js';

/** The part of a WebSocket this transport uses; the browser's and the `ws` package's both fit. */
export interface SocketLike {
  /** Set to `arraybuffer`: binary frames (document text, app/wire-frame.ts) arrive as bytes. */
  binaryType: string;
  send(data: WireData): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'message', listener: (event: unknown) => void): void;
}

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

export interface WsTransportOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  reconnectDelay?: (attempt: number) => number;
}

export interface WsTransport extends QuireApi {
  connectionState(): ConnectionState;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  /** Closes the socket for good: no reconnection, every waiting request fails. */
  dispose(): void;
}

export const CONNECTION_LOST: QuireError = {
  code: 'internal',
  message: 'Lost the connection to Quire… Try again once it is back.',
};

/**
 * The browser edition's transport: one WebSocket to the Quire server, reconnected with backoff.
 *
 * The server authenticates the socket with the HttpOnly cookie it set when it served the page,
 * so nothing secret is handled here. Requests made before the first connection wait for it;
 * once connected, a drop fails every unanswered request at once (the UI keeps the text and
 * says so) rather than leaving saves hanging on a server that may never answer them.
 */
export function createWsTransport(options: WsTransportOptions): WsTransport {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const delayFor = options.reconnectDelay ?? defaultReconnectDelay;
  const pending = new PendingRequests();
  const hub = new EventHub();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let socket: SocketLike | null = null;
  let everConnected = false;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;
  // Requests made before the first connection opened, sent once it does.
  let queued: WireData[] = [];

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    for (const listener of [...stateListeners]) listener(next);
  }

  function connect(): void {
    const current = createSocket(options.url);
    socket = current;
    current.binaryType = 'arraybuffer';
    current.addEventListener('open', () => {
      if (socket !== current) return;
      everConnected = true;
      attempt = 0;
      const toSend = queued;
      queued = [];
      for (const data of toSend) current.send(data);
      setState('connected');
    });
    current.addEventListener('message', (event) => {
      if (socket === current) receive(messageData(event));
    });
    current.addEventListener('close', () => {
      if (socket !== current) return;
      socket = null;
      if (everConnected) pending.failAll(CONNECTION_LOST);
      if (disposed) return;
      setState(everConnected ? 'reconnecting' : 'connecting');
      retryTimer = setTimeout(connect, delayFor(attempt++));
    });
  }

  function receive(data: unknown): void {
    const message = parse(data);
    if (message && typeof message.id === 'number') {
      pending.settle(message.id, message as Outcome<unknown>);
      return;
    }
    if (message && 'event' in message && hub.dispatch({ event: message.event, payload: message.payload })) return;
    console.error('Quire: ignored a malformed message from the server');
  }

  connect();

  return {
    request<M extends Method>(method: M, params: Params<M>): Promise<Outcome<Result<M>>> {
      if (disposed || (everConnected && state !== 'connected')) {
        return Promise.resolve({ ok: false, error: CONNECTION_LOST });
      }
      return new Promise((resolve) => {
        const id = pending.add((outcome) => resolve(toOutcome(method, outcome)));
        // Sent at once, also when large. Encoding and sending a 1 MiB document as a binary
        // frame take ~5 and ~3 ms here, well inside a keystroke's budget; sending it in a later
        // task (as when it was JSON, ~6 and ~12 ms) put a rendered frame, ~10 ms, in front of
        // every command's request.
        const data = encodeWireMessage({ id, method, params });
        if (state === 'connected' && socket) socket.send(data);
        else queued.push(data);
      });
    },
    on: (event, listener) => hub.on(event, listener),
    connectionState: () => state,
    onConnectionChange(listener) {
      stateListeners.add(listener);
      return () => {
        stateListeners.delete(listener);
      };
    },
    dispose() {
      disposed = true;
      if (retryTimer !== null) clearTimeout(retryTimer);
      queued = [];
      const current = socket;
      socket = null;
      current?.close();
      pending.failAll(CONNECTION_LOST);
    },
  };
}

function messageData(event: unknown): unknown {
  return typeof event === 'object' && event !== null && 'data' in event ? event.data : undefined;
}

/** A text frame's JSON or a binary frame's reassembled message; null when it is neither. */
function parse(data: unknown): Record<string, unknown> | null {
  const decoded =
    typeof data === 'string' ? decodeWireMessage(data) : data instanceof ArrayBuffer ? decodeWireMessage(new Uint8Array(data)) : null;
  if (!decoded?.ok) return null;
  const value = decoded.message;
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}
