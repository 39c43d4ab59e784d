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
 *
 * Messages cross as the same typed objects the contract declares, document text included as
 * strings, and that is already binary: `ipcRenderer.invoke` and `WebContents.send` copy their
 * arguments with V8's structured-clone serializer (Electron's `SerializeV8Value`), which writes
 * a string's one- or two-byte characters as they are, with no JSON, escaping or parsing, and
 * `contextBridge` copies a string between worlds the same way. Turning the text into UTF-8
 * bytes first (the WebSocket's frame, app/wire-frame.ts) would add an encode here and a decode
 * in main to save nothing, so IPC keeps strings.
 */
export interface QuireIpcBridge {
  invoke(message: OutgoingRequest): Promise<ResponseMessage>;
  onEvent(listener: (message: EventMessage) => void): () => void;
}

/** Path of the browser edition's WebSocket endpoint. */
export const WS_API_PATH = '/api';
