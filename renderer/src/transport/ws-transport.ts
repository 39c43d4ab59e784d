import type { Method, Outcome, Params, QuireApi, QuireError, Result } from '../../../app/contract.js';
import { EventHub } from './event-hub.js';
import { PendingRequests } from './pending-requests.js';
import { reconnectDelay as defaultReconnectDelay } from './reconnect-delay.js';
import { toOutcome } from './response.js';

/** The part of a WebSocket this transport uses; the browser's and the `ws` package's both fit. */
export interface SocketLike {
  send(data: string): void;
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
/** Messages at least this long are sent in a task of their own. */
const LARGE_MESSAGE_CHARS = 64 * 1024;

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
  let queued: string[] = [];
  // Large messages waiting for a task of their own (see `transmit`), in order.
  let outbox: string[] = [];

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    for (const listener of [...stateListeners]) listener(next);
  }

  function connect(): void {
    const current = createSocket(options.url);
    socket = current;
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
      // Their requests fail just below with the connection.
      outbox = [];
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

  /**
   * Sends `data`; a large message (a whole document to lint or format) goes in a task of its
   * own. Serialising and sending 1 MiB take ~6 and ~12 ms here, and doing both in one task
   * makes a main-thread stall typing can feel. Messages keep their order.
   */
  function transmit(current: SocketLike, data: string): void {
    if (outbox.length === 0 && data.length < LARGE_MESSAGE_CHARS) {
      current.send(data);
      return;
    }
    outbox.push(data);
    if (outbox.length > 1) return;
    setTimeout(() => {
      const batch = outbox;
      outbox = [];
      for (const message of batch) socket?.send(message);
    }, 0);
  }

  connect();

  return {
    request<M extends Method>(method: M, params: Params<M>): Promise<Outcome<Result<M>>> {
      if (disposed || (everConnected && state !== 'connected')) {
        return Promise.resolve({ ok: false, error: CONNECTION_LOST });
      }
      return new Promise((resolve) => {
        const id = pending.add((outcome) => resolve(toOutcome(method, outcome)));
        const data = JSON.stringify({ id, method, params });
        if (state === 'connected' && socket) transmit(socket, data);
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

function parse(data: unknown): Record<string, unknown> | null {
  if (typeof data !== 'string') return null;
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
