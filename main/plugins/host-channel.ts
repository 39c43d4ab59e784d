import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FrameDecoder, writeFrame } from '../plugin-host/protocol/frames.js';
import { HostMessage } from '../plugin-host/protocol/host-message-schema.js';
import type { MainMessage } from '../plugin-host/protocol/messages.js';

type Hello = Extract<HostMessage, { type: 'hello' }>;

/** One host's end of the channel, after its hello. Every message it delivers was validated. */
export class HostConnection {
  private onMessage: ((message: HostMessage, body: Buffer) => void) | null = null;
  private onBroken: (problem: string) => void = () => undefined;
  private backlog: [HostMessage, Buffer][] = [];

  constructor(
    readonly hello: Hello,
    private readonly socket: net.Socket,
  ) {
    socket.on('error', () => socket.destroy());
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
  }

  deliver(message: HostMessage, body: Buffer): void {
    if (this.onMessage) this.onMessage(message, body);
    else this.backlog.push([message, body]);
  }

  broken(problem: string): void {
    this.onBroken(problem);
    this.socket.destroy();
  }

  close(): void {
    this.socket.destroy();
  }
}

/**
 * The Unix socket plugin hosts connect to: one per main process, in a private (0700)
 * directory. A host proves which launch it is with the one-time token main gave it, in the
 * hello it sends first. Works alike for Node child processes and Electron utility processes
 * (which have no extra stdio pipes); the plugin's stdout never carries the protocol.
 */
export class HostChannel {
  readonly socketPath: string;
  private readonly dir: string;
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly waiting = new Map<string, (connection: HostConnection) => void>();
  private closed = false;

  private constructor() {
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'quire-hosts-'));
    this.socketPath = path.join(this.dir, 'hosts.sock');
    this.server = net.createServer((socket) => this.adopt(socket));
  }

  static async open(): Promise<HostChannel> {
    const channel = new HostChannel();
    await new Promise<void>((resolve, reject) => {
      channel.server.once('error', reject);
      channel.server.listen(channel.socketPath, () => resolve());
    });
    return channel;
  }

  /** Registers a launch: resolves `onConnected` when a host says hello with this token. */
  expect(onConnected: (connection: HostConnection) => void): { token: string; cancel(): void } {
    const token = randomBytes(18).toString('base64url');
    this.waiting.set(token, onConnected);
    return { token, cancel: () => this.waiting.delete(token) };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private adopt(socket: net.Socket): void {
    socket.setNoDelay(true);
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    let connection: HostConnection | null = null;
    const decoder = new FrameDecoder(
      ({ header, body }) => {
        const parsed = HostMessage.safeParse(header);
        if (!parsed.success) {
          if (connection) connection.broken(`it sent a malformed message (${parsed.error.issues[0]?.message ?? 'invalid'})`);
          else socket.destroy();
          return;
        }
        if (connection) {
          connection.deliver(parsed.data, body);
          return;
        }
        const hello = parsed.data;
        const claim = hello.type === 'hello' ? this.waiting.get(hello.token) : undefined;
        if (hello.type !== 'hello' || !claim) {
          socket.destroy();
          return;
        }
        this.waiting.delete(hello.token);
        connection = new HostConnection(hello, socket);
        claim(connection);
      },
      (problem) => {
        if (connection) connection.broken(`its messages could not be read (${problem})`);
        else socket.destroy();
      },
    );
    socket.on('data', (chunk) => decoder.push(chunk));
    socket.on('error', () => socket.destroy());
  }
}
