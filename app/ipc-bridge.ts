/**
 * The wire envelopes and the Electron bridge, free of zod so the sandboxed preload (which
 * bundles this) stays a few hundred bytes. `contract.ts` re-exports everything here.
 */
import type { ErrorCode } from './error-codes.js';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

export type ResponseMessage = { id: number } & Outcome<unknown>;

export type EventMessage = { event: string; payload: unknown };

/** A request as the renderer sends it; main validates it against the contract on arrival. */
export type OutgoingRequest = { id: number; method: string; params: unknown };

/** IPC channel names, shared by the Electron preload and main. */
export const IpcChannel = {
  request: 'quire:request',
  event: 'quire:event',
} as const;

/**
 * The one object the Electron preload exposes to the page (as `window.quireIpc`) through
 * `contextBridge`. The renderer wraps it into a `QuireApi`; it never sees `ipcRenderer`.
 */
export interface QuireIpcBridge {
  invoke(message: OutgoingRequest): Promise<ResponseMessage>;
  onEvent(listener: (message: EventMessage) => void): () => void;
}

/** Path of the browser edition's WebSocket endpoint. */
export const WS_API_PATH = '/api';
