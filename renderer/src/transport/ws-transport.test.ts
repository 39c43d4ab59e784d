import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { decodeWireMessage, encodeWireMessage, type WireData } from '../../../app/wire-frame.js';
import { CONNECTION_LOST, createWsTransport } from './ws-transport.js';
import type { ConnectionState, WsTransport } from './ws-transport.js';

// A real WebSocket server on loopback, answering like Quire's: `app.info` after a delay given
// in the request order (to prove responses pair by id, not by order), `session.get` never.
const info = {
  edition: 'browser',
  version: '0.1.0',
  platform: 'linux',
  cwd: '/tmp',
  homeDir: '/root',
  pathSeparator: '/',
  initialFiles: [],
  initialFolder: null,
  settingsFile: '/root/.config/Quire/settings.json',
  nativeDialogs: false,
};

interface Server {
  url: string;
  wss: WebSocketServer;
  sockets: Set<WebSocket>;
  close(): Promise<void>;
}

async function startServer(port = 0): Promise<Server> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port });
  await once(wss, 'listening');
  const sockets = new Set<WebSocket>();
  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let answered = 0;
    socket.on('message', (data, isBinary) => {
      const decoded = decodeWireMessage(isBinary ? (data as Buffer) : String(data));
      if (!decoded.ok) throw new Error(decoded.reason);
      const request = decoded.message as { id: number; method: string };
      if (request.method === 'session.get') return;
      const delay = answered++ === 0 ? 50 : 0;
      setTimeout(() => socket.send(JSON.stringify({ id: request.id, ok: true, value: info })), delay);
    });
  });
  const address = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${address.port}/api`,
    wss,
    sockets,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.terminate();
        wss.close(() => resolve());
      }),
  };
}

function stateReached(transport: WsTransport, wanted: ConnectionState): Promise<void> {
  if (transport.connectionState() === wanted) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = transport.onConnectionChange((state) => {
      if (state === wanted) {
        stop();
        resolve();
      }
    });
  });
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function connect(url: string): WsTransport {
  const transport = createWsTransport({ url, createSocket: (target) => new WebSocket(target), reconnectDelay: () => 20 });
  cleanups.push(() => transport.dispose());
  return transport;
}

describe('createWsTransport', () => {
  it('sends requests made before the socket opened and pairs out-of-order answers by id', async () => {
    const server = await startServer();
    cleanups.push(() => server.close());
    const transport = connect(server.url);
    const first = transport.request('app.info', {});
    const second = transport.request('app.info', {});
    const settledFirst: string[] = [];
    void first.then(() => settledFirst.push('first'));
    void second.then(() => settledFirst.push('second'));
    expect(await first).toEqual({ ok: true, value: info });
    expect(await second).toEqual({ ok: true, value: info });
    expect(settledFirst).toEqual(['second', 'first']);
  });

  it('sends a large message at once as a binary frame, in order with the rest', async () => {
    const server = await startServer();
    cleanups.push(() => server.close());
    const sent: string[] = [];
    const transport = createWsTransport({
      url: server.url,
      createSocket: (target) => {
        const socket = new WebSocket(target);
        const send = socket.send.bind(socket);
        const methodOf = (data: WireData) => {
          const decoded = decodeWireMessage(data);
          const method = decoded.ok ? (decoded.message as { method: string }).method : 'malformed';
          return typeof data === 'string' ? method : `${method} (binary)`;
        };
        return Object.assign(socket, { send: (data: WireData) => (sent.push(methodOf(data)), send(data)) });
      },
    });
    cleanups.push(() => transport.dispose());
    await stateReached(transport, 'connected');

    void transport.request('app.info', {});
    expect(sent).toEqual(['app.info']);
    const document = { text: 'x'.repeat(1024 * 1024), languageId: 'plaintext', path: '', selections: [] };
    void transport.request('plugins.call', { pluginId: 'p', kind: 'lint', handler: 'h', document, coalesceKey: null });
    void transport.request('app.info', {});
    expect(sent).toEqual(['app.info', 'plugins.call (binary)', 'app.info']);
  });

  it('sends document text in a binary frame and reads binary answers', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(wss, 'listening');
    cleanups.push(() => new Promise<void>((resolve) => wss.close(() => resolve())));
    const text = 'Grüße, "world"\n'.repeat(1000);
    const frames: boolean[] = [];
    wss.on('connection', (socket) => {
      cleanups.push(() => socket.terminate());
      socket.on('message', (data, isBinary) => {
        frames.push(isBinary);
        const decoded = decodeWireMessage(isBinary ? (data as Buffer) : String(data));
        if (!decoded.ok) throw new Error(decoded.reason);
        const request = decoded.message as { id: number; params: { document: { text: string } } };
        const result = { message: null, text: request.params.document.text.toUpperCase(), edits: [], diagnostics: [] };
        socket.send(encodeWireMessage({ id: request.id, ok: true, value: { outcome: { ok: true, value: result } } }));
      });
    });
    const transport = connect(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/api`);
    const document = { text, languageId: 'plaintext', path: '', selections: [{ start: 0, end: 0, active: 0 }] };
    const outcome = await transport.request('plugins.call', { pluginId: 'p', kind: 'command', handler: 'h', document, coalesceKey: null });
    expect(frames).toEqual([true]);
    expect(outcome).toMatchObject({ ok: true, value: { outcome: { ok: true, value: { text: text.toUpperCase() } } } });
  });

  it('delivers events that match the contract', async () => {
    const server = await startServer();
    cleanups.push(() => server.close());
    const transport = connect(server.url);
    await stateReached(transport, 'connected');
    const received = new Promise((resolve) => transport.on('file.changed', resolve));
    for (const socket of server.sockets) {
      socket.send(JSON.stringify({ event: 'file.changed', payload: { path: '/tmp/a', kind: 'deleted' } }));
    }
    expect(await received).toEqual({ path: '/tmp/a', kind: 'deleted' });
  });

  it('fails waiting requests when the connection drops, fails fast while down, and reconnects', async () => {
    const server = await startServer();
    const transport = connect(server.url);
    await stateReached(transport, 'connected');
    const hanging = transport.request('session.get', {});
    const port = (server.wss.address() as AddressInfo).port;
    await server.close();
    expect(await hanging).toEqual({ ok: false, error: CONNECTION_LOST });
    expect(transport.connectionState()).toBe('reconnecting');
    expect(await transport.request('app.info', {})).toEqual({ ok: false, error: CONNECTION_LOST });

    const restarted = await startServer(port);
    cleanups.push(() => restarted.close());
    await stateReached(transport, 'connected');
    expect(await transport.request('app.info', {})).toEqual({ ok: true, value: info });
  });

  it('turns a reply that breaks the contract into an error value', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(wss, 'listening');
    cleanups.push(() => new Promise<void>((resolve) => wss.close(() => resolve())));
    wss.on('connection', (socket) => {
      cleanups.push(() => socket.terminate());
      socket.on('message', (data) => {
        const request = JSON.parse(String(data)) as { id: number };
        socket.send(JSON.stringify({ id: request.id, ok: true, value: { edition: 'toaster' } }));
      });
    });
    const transport = connect(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/api`);
    const outcome = await transport.request('app.info', {});
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.code).toBe('internal');
  });
});
