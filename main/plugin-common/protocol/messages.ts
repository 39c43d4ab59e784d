/**
 * The main ↔ plugin host protocol: message shapes. Main validates every message a host sends
 * (host-message-schema.ts): the host runs a stranger's native code, which could write anything
 * to the socket. This module has no runtime dependencies, so the host process stays small.
 */
import type { HostMessage } from './host-message-schema.js';

export type { HostMessage };

/** Bumped whenever a message changes; checked at the handshake. */
export const HOST_PROTOCOL_VERSION = 2;

/** Messages main sends. A `call` carries the document's UTF-8 text as the frame body. */
export type MainMessage =
  | { type: 'load'; path: string }
  | {
      type: 'call';
      id: number;
      kind: 'command' | 'format' | 'lint';
      handler: string;
      languageId: string;
      path: string;
      /** UTF-16 offsets into the text. */
      selections: { start: number; end: number; active: number }[];
      textUtf16Length: number;
    }
  | { type: 'stop' };
