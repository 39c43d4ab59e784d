import { WS_API_PATH } from '../../../app/contract.js';
import type { QuireApi } from '../../../app/contract.js';
import { createIpcTransport } from './ipc-transport.js';
import { createWsTransport } from './ws-transport.js';
import type { ConnectionState } from './ws-transport.js';

/** The API plus what the UI needs to know about the link carrying it. */
export interface Connection {
  /** IPC in the desktop app, WebSocket in the browser edition. */
  kind: 'ipc' | 'websocket';
  api: QuireApi;
  state(): ConnectionState;
  onStateChange(listener: (state: ConnectionState) => void): () => void;
}

/** Desktop when the preload exposed its bridge, otherwise the browser edition's WebSocket. */
export function createConnection(): Connection {
  const bridge = window.quireIpc;
  if (bridge) {
    // IPC to the own main process cannot drop while the window exists.
    return { kind: 'ipc', api: createIpcTransport(bridge), state: () => 'connected', onStateChange: () => () => {} };
  }
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const transport = createWsTransport({ url: `${scheme}://${location.host}${WS_API_PATH}` });
  return { kind: 'websocket', api: transport, state: transport.connectionState, onStateChange: transport.onConnectionChange };
}
