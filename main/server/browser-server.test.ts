import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES, WS_API_PATH, type ResponseMessage } from '../../app/contract.js';
import { startBrowserServer, type BrowserServer } from './browser-server.js';

let dir: string;
let server: BrowserServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'quire-server-'));
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Quire</title>');
  await writeFile(path.join(dir, 'hello.txt'), 'hello\r\nworld\r\n');
  server = await startBrowserServer({
    host: '127.0.0.1',
    port: 0,
    rendererDir,
    configDir: path.join(dir, 'config'),
    appInfo: {
      edition: 'browser',
      version: '0.0.0-test',
      platform: process.platform,
      cwd: dir,
      homeDir: dir,
      pathSeparator: path.sep,
      initialFiles: [],
      nativeDialogs: false,
    },
  });
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(pathAndQuery: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path: pathAndQuery, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function sessionCookie(): Promise<string> {
  const answer = await get(`/?token=${server.token}`);
  const setCookie = answer.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie) ?? '';
  return cookie.split(';')[0] as string;
}

/** Resolves to the HTTP status of a refused upgrade, or 101 when the socket opened. */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', reject);
  });
}

async function connect(): Promise<WebSocket> {
  const origin = `http://127.0.0.1:${server.port}`;
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}${WS_API_PATH}`, {
    headers: { Cookie: await sessionCookie(), Origin: origin },
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

function nextMessage(ws: WebSocket): Promise<ResponseMessage> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()) as ResponseMessage)));
}

describe('HTTP access', () => {
  it('refuses a request without the token with 401', async () => {
    const answer = await get('/');
    expect(answer.status).toBe(401);
    expect(answer.body).toContain('token');
  });

  it('refuses a wrong token with 401', async () => {
    expect((await get('/?token=not-the-token')).status).toBe(401);
    expect((await get('/', { Cookie: `quire-token-${server.port}=not-the-token` })).status).toBe(401);
  });

  it('trades the URL token for an HttpOnly cookie and drops it from the address', async () => {
    const answer = await get(`/?token=${server.token}`);
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe('/');
    const setCookie = String(answer.headers['set-cookie']);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
  });

  it('serves the app with a strict CSP once the cookie is held', async () => {
    const answer = await get('/', { Cookie: await sessionCookie() });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('<title>Quire</title>');
    expect(answer.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('refuses a foreign Host header (DNS rebinding) with 403', async () => {
    const answer = await get(`/?token=${server.token}`, { Host: `evil.example:${server.port}` });
    expect(answer.status).toBe(403);
  });
});

describe('WebSocket access', () => {
  const apiUrl = () => `ws://127.0.0.1:${server.port}${WS_API_PATH}`;

  it('refuses an upgrade without the token with 401', async () => {
    expect(await upgradeStatus(apiUrl(), { Origin: `http://127.0.0.1:${server.port}` })).toBe(401);
  });

  it('refuses an upgrade from another Origin with 403, even holding the cookie', async () => {
    const headers = { Cookie: await sessionCookie(), Origin: 'http://evil.example' };
    expect(await upgradeStatus(apiUrl(), headers)).toBe(403);
  });

  it('refuses an upgrade on another path with 403', async () => {
    const headers = { Cookie: await sessionCookie(), Origin: `http://127.0.0.1:${server.port}` };
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/other`, headers)).toBe(403);
  });

  it('accepts the token as a query parameter for non-browser clients', async () => {
    expect(await upgradeStatus(`${apiUrl()}?token=${server.token}`, {})).toBe(101);
  });
});

describe('API over the WebSocket', () => {
  it('answers a real request', async () => {
    const ws = await connect();
    ws.send(JSON.stringify({ id: 1, method: 'file.read', params: { path: path.join(dir, 'hello.txt') } }));
    const answer = await nextMessage(ws);
    expect(answer).toMatchObject({ id: 1, ok: true, value: { text: 'hello\r\nworld\r\n', format: { eol: 'CRLF', bom: false } } });
    ws.close();
  });

  it('answers malformed, unknown and invalid messages with errors and keeps serving', async () => {
    const ws = await connect();
    ws.send('{not json');
    expect(await nextMessage(ws)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    ws.send(JSON.stringify({ id: 2, method: 'fs.rmrf', params: {} }));
    expect(await nextMessage(ws)).toMatchObject({ id: 2, ok: false, error: { code: 'unknown-method' } });
    ws.send(JSON.stringify({ id: 3, method: 'file.read', params: { path: 42 } }));
    expect(await nextMessage(ws)).toMatchObject({ id: 3, ok: false, error: { code: 'bad-request' } });
    ws.send(JSON.stringify({ id: 4, method: 'app.info', params: {} }));
    expect(await nextMessage(ws)).toMatchObject({ id: 4, ok: true, value: { edition: 'browser' } });
    ws.close();
  });

  it('closes a connection that sends an oversized frame, and the server stays up', async () => {
    const ws = await connect();
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.send(Buffer.alloc(MAX_MESSAGE_BYTES + 1, 0x20));
    expect(await closed).toBe(1009);
    const again = await connect();
    again.send(JSON.stringify({ id: 5, method: 'app.info', params: {} }));
    expect(await nextMessage(again)).toMatchObject({ id: 5, ok: true });
    again.close();
  });
});
