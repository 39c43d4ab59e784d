import type { Socket } from 'node:net';
import { FrameDecoder, writeFrame } from '../../plugin-common/protocol/frames.js';
import { HostMessage } from '../../plugin-common/protocol/host-message-schema.js';
import type { MainMessage } from '../../plugin-common/protocol/messages.js';

export type Hello = Extract<HostMessage, { type: 'hello' }>;

/**
 * Main's end of one host's channel (the socketpair on the host's fd 3). Every message it
 * delivers was validated against the schema: the host runs a stranger's native code, which
 * could write anything to the channel. The first message must be the host's hello.
 */
export class HostConnection {
  private hello: Hello | null = null;
  private onHello: ((hello: Hello) => void) | null = null;
  private onMessage: ((message: HostMessage, body: Buffer) => void) | null = null;
  private onBroken: (problem: string) => void = () => undefined;
  private backlog: [HostMessage, Buffer][] = [];
  private brokenBy: string | null = null;

  constructor(private readonly socket: Socket) {
    socket.setNoDelay?.(true);
    const decoder = new FrameDecoder(
      ({ header, body }) => this.receive(header, body),
      (problem) => this.broken(`its messages could not be read (${problem})`),
    );
    socket.on('data', (chunk: Buffer) => decoder.push(chunk));
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

  send(message: MainMessage, body?: Uint8Array): void {
    if (!this.socket.destroyed) writeFrame(this.socket, message, body);
  }

  /** Starts delivery; messages that arrived in the meantime come first. */
  listen(onMessage: (message: HostMessage, body: Buffer) => void, onBroken: (problem: string) => void): void {
    this.onMessage = onMessage;
    this.onBroken = onBroken;
    const backlog = this.backlog;
    this.backlog = [];
    for (const [message, body] of backlog) onMessage(message, body);
    if (this.brokenBy) onBroken(this.brokenBy);
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(header: unknown, body: Buffer): void {
    if (this.brokenBy) return;
    const parsed = HostMessage.safeParse(header);
    if (!parsed.success) {
      this.broken(`it sent a malformed message (${parsed.error.issues[0]?.message ?? 'invalid'})`);
      return;
    }
    const message = parsed.data;
    if (!this.hello) {
      if (message.type !== 'hello') {
        this.broken(`its first message was "${message.type}", not its hello`);
        return;
      }
      this.hello = message;
      const onHello = this.onHello;
      this.onHello = null;
      onHello?.(message);
      return;
    }
    if (this.onMessage) this.onMessage(message, body);
    else this.backlog.push([message, body]);
  }

  private broken(problem: string): void {
    if (this.brokenBy) return;
    this.brokenBy = problem;
    this.onBroken(problem);
    this.socket.destroy();
  }
}
