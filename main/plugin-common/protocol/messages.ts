/**
 * The main ↔ plugin host protocol: message shapes. Main validates every message a host sends
 * (host-message-schema.ts for the JSON ones, call-frames.ts for results): the host runs a
 * stranger's native code, which could write anything to the socket. This module has no
 * runtime dependencies, so the host process stays small.
 */
import type { HandlerKind, PluginCallResult, PluginDocument, PluginOutcome } from '../../../app/plugin-contract.js';
import type { JsonHostMessage } from './host-message-schema.js';

/** Bumped whenever a message changes; checked at the handshake. */
export const HOST_PROTOCOL_VERSION = 3;

/**
 * One call of a plugin's handler, as `plugins.call` received it. It travels down whole, from
 * the API through the supervisor's queue to the host handle, which encodes it as a call frame.
 */
export interface PluginCall {
  kind: HandlerKind;
  handler: string;
  document: PluginDocument;
}

/** A call addressed to a plugin by id (`plugins.call`'s params). */
export interface PluginCallRequest extends PluginCall {
  pluginId: string;
  /**
   * Calls with the same key supersede each other while queued (e.g. one document's lint): only
   * the newest runs. Null or absent for calls that must all run, such as commands.
   */
  coalesceKey?: string | null;
}

/** Messages main sends as JSON frames; calls go as binary call frames (call-frames.ts). */
export type MainMessage = { type: 'load'; path: string } | { type: 'stop' };

/** Messages a host sends: the rare ones as JSON, a call's answer as a binary frame, decoded. */
export type HostMessage = JsonHostMessage | { type: 'result'; id: number; outcome: PluginOutcome<PluginCallResult> };
