import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  MAX_MESSAGE_BYTES,
  WS_API_PATH,
  type AppInfo,
  type EventMessage,
  type ResponseMessage,
} from '../../app/contract.js';
import { decodeWireMessage, encodeWireMessage } from '../../app/wire-frame.js';
import { ApiSession } from '../api/api-session.js';
import type { PluginService } from '../plugins/plugin-service.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { Workspace } from '../workspace/workspace.js';
import { AccessControl, formatHost, isLoopbackHost } from './access-control.js';
import { CONTENT_SECURITY_POLICY } from './content-security-policy.js';

export interface BrowserServerOptions {
  host: string;
  port: number;
  /** The built renderer (`dist/renderer`). */
  rendererDir: string;
  configDir: string;
  appInfo: AppInfo;
  /** The plugins every connection shares. */
  plugins?: PluginService;
  /** The open folder every connection shares. */
  workspace: Workspace;
  settings: SettingsService;
}

export interface BrowserServer {
  /** The URL to open, token included. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Closes every connection and the listener. */
  close(): Promise<void>;
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

function refuse(res: ServerResponse, status: 401 | 403): void {
  const text =
    status === 401
      ? 'Quire: this address needs the token from the URL that `quire serve` printed when it started.\n'
      : 'Quire: requests from this host or origin are not allowed.\n';
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
  res.end(text);
}

/** A binary message as one byte array (`ws` hands over a Buffer unless told otherwise). */
function asBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

function parseUrl(req: IncomingMessage): URL {
  return new URL(req.url ?? '/', 'http://quire.invalid');
}

/**
 * The browser edition: the built renderer over HTTP and the renderer↔main API over one
 * WebSocket per page, each with its own `ApiSession` backed by the same services the desktop
 * app uses.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const serveStatic = sirv(options.rendererDir, {
    dev: false,
    etag: true,
    setHeaders: (res) => {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    },
  });
  let access: AccessControl | undefined;
  const sockets = new Set<WebSocket>();
  const sessions = new Set<ApiSession>();

  const server = createServer((req, res) => {
    if (!access) return refuse(res, 401);
    const url = parseUrl(req);
    const decision = access.checkHttp(req, url);
    if (decision === 'redirect') {
      url.searchParams.delete('token');
      res.writeHead(302, {
        'Set-Cookie': access.sessionCookie(),
        Location: url.pathname + url.search,
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    if (decision !== 'allow') return refuse(res, decision);
    serveStatic(req, res, () => {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end('Not found\n');
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (req, socket, head) => {
    const url = parseUrl(req);
    const decision = url.pathname !== WS_API_PATH ? 403 : (access?.checkUpgrade(req, url) ?? 401);
    if (decision !== 'allow') {
      socket.end(`HTTP/1.1 ${decision} ${decision === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    sockets.add(ws);
    // Document text goes out as raw UTF-8 in a binary frame (app/wire-frame.ts).
    const send = (message: ResponseMessage | EventMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(encodeWireMessage(message));
    };
    const session = new ApiSession({
      appInfo: options.appInfo,
      configDir: options.configDir,
      hooks: {},
      ...(options.plugins ? { plugins: options.plugins } : {}),
      workspace: options.workspace,
      settings: options.settings,
      emit: (event, payload) => send({ event, payload }),
    });
    sessions.add(session);
    ws.on('message', (data, isBinary) => {
      // The reassembled message is validated against the contract by `session.handle`.
      const decoded = decodeWireMessage(isBinary ? asBytes(data) : data.toString());
      if (!decoded.ok) {
        send({ id: decoded.id ?? -1, ok: false, error: { code: 'bad-request', message: `Malformed request (${decoded.reason}).` } });
        return;
      }
      void session.handle(decoded.message).then(send);
    });
    ws.on('close', () => {
      sockets.delete(ws);
      sessions.delete(session);
      void session.dispose();
    });
    // An oversized frame closes the socket with 1009; there is nothing else to clean up.
    ws.on('error', () => ws.terminate());
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  access = new AccessControl(port, options.host, isLoopbackHost(options.host));

  return {
    url: `http://${formatHost(options.host)}:${port}/?token=${access.token}`,
    port,
    token: access.token,
    async close() {
      for (const ws of sockets) ws.terminate();
      await Promise.all([...sessions].map((s) => s.dispose()));
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
