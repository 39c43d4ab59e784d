import type { Socket } from 'node:net';
import { decodeResult, encodeCall } from '../../plugin-common/protocol/call-frames.js';
import { encodeJsonFrame, FRAME_FAILURE, FRAME_JSON, FRAME_RESULT, FrameDecoder, parseJsonFrame } from '../../plugin-common/protocol/frames.js';
import { JsonHostMessage } from '../../plugin-common/protocol/host-message-schema.js';
import type { HostMessage, MainMessage, PluginCall } from '../../plugin-common/protocol/messages.js';

export type Hello = Extract<JsonHostMessage, { type: 'hello' }>;

/**
 * Main's end of one host's channel (the socketpair on the host's fd 3). Every message it
 * delivers was checked: JSON messages against the schema, call results field by field as
 * they are decoded (call-frames.ts). The host runs a stranger's native code, which could
 * write anything to the channel. The first message must be the host's hello.
 */
export class HostConnection {
  private hello: Hello | null = null;
  private onHello: ((hello: Hello) => void) | null = null;
  private onMessage: ((message: HostMessage) => void) | null = null;
  private onBroken: (problem: string) => void = () => undefined;
  private backlog: HostMessage[] = [];
  private brokenBy: string | null = null;
  private readonly decoder: FrameDecoder;
  /** UTF-16 length of the text of the last call sent: a result's offsets must fall inside it. */
  private documentLength = 0;

  constructor(private readonly socket: Socket) {
    socket.setNoDelay?.(true);
    this.decoder = new FrameDecoder(
      (type, frame) => this.receive(type, frame),
      (problem) => this.broken(`its messages could not be read (${problem})`),
    );
    socket.on('data', (chunk: Buffer) => this.decoder.push(chunk));
    socket.on('error', () => socket.destroy());
  }

  /** Resolves with the hello, or null if the channel broke first. */
  waitForHello(onHello: (hello: Hello | null) => void): void {
    if (this.hello || this.brokenBy) {
      onHello(this.hello);
      return;
    }
    this.onHello = onHello;
    this.onBroken = () => onHello(null);
  }

  send(message: MainMessage): void {
    if (!this.socket.destroyed) this.socket.write(encodeJsonFrame(message));
  }

  /** Sends call `id`; its answer arrives as a `result` message. */
  call(id: number, call: PluginCall): void {
    this.documentLength = call.document.text.length;
    if (!this.socket.destroyed) this.socket.write(encodeCall(id, call));
  }

  /** Starts delivery; messages that arrived in the meantime come first. */
  listen(onMessage: (message: HostMessage) => void, onBroken: (problem: string) => void): void {
    this.onMessage = onMessage;
    this.onBroken = onBroken;
    const backlog = this.backlog;
    this.backlog = [];
    for (const message of backlog) onMessage(message);
    if (this.brokenBy) onBroken(this.brokenBy);
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(type: number, frame: Buffer): void {
    if (this.brokenBy) return;
    let message: HostMessage;
    if (type === FRAME_RESULT || type === FRAME_FAILURE) {
      const decoded = decodeResult(frame, this.documentLength);
      if (!decoded.ok) return this.broken(`it sent a malformed message (${decoded.problem})`);
      message = { type: 'result', id: decoded.result.id, outcome: decoded.result.outcome };
    } else if (type === FRAME_JSON) {
      const parsed = JsonHostMessage.safeParse(parseJsonFrame(frame));
      if (!parsed.success) return this.broken(`it sent a malformed message (${parsed.error.issues[0]?.message ?? 'invalid'})`);
      message = parsed.data;
    } else if (!this.hello && legacyHello(frame)) {
      message = legacyHello(frame) as Hello;
    } else {
      return this.broken(`it sent a frame of unknown type ${type}`);
    }
    if (!this.hello) {
      if (message.type !== 'hello') return this.broken(`its first message was "${message.type}", not its hello`);
      this.hello = message;
      const onHello = this.onHello;
      this.onHello = null;
      onHello?.(message);
      return;
    }
    if (this.onMessage) this.onMessage(message);
    else this.backlog.push(message);
  }

  private broken(problem: string): void {
    if (this.brokenBy) return;
    this.brokenBy = problem;
    this.decoder.stop();
    this.onBroken(problem);
    this.socket.destroy();
  }
}

/**
 * The hello of a host from a build before protocol 3, whose frames were [u32 header length]
 * [JSON header][body]: read only so that such a host is refused as speaking another protocol
 * (rebuild Quire), not as one that broke the protocol.
 */
function legacyHello(frame: Buffer): Hello | null {
  if (frame.length < 4) return null;
  const headerLength = frame.readUInt32LE(0);
  if (headerLength > frame.length - 4) return null;
  try {
    const parsed = JsonHostMessage.safeParse(JSON.parse(frame.toString('utf8', 4, 4 + headerLength)));
    return parsed.success && parsed.data.type === 'hello' ? parsed.data : null;
  } catch {
    return null;
  }
}
