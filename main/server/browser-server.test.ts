import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES, WS_API_PATH, type ResponseMessage } from '../../app/contract.js';
import { decodeWireMessage, encodeWireMessage } from '../../app/wire-frame.js';
import { SettingsService } from '../settings/settings-service.js';
import { Workspace } from '../workspace/workspace.js';
import { startBrowserServer, type BrowserServer } from './browser-server.js';

let dir: string;
let server: BrowserServer;
let workspace: Workspace;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'quire-server-'));
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Quire</title>');
  await writeFile(path.join(dir, 'hello.txt'), 'hello\r\nworld\r\n');
  workspace = new Workspace({ configDir: path.join(dir, 'config'), folder: dir, confined: true });
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
      initialFolder: dir,
      settingsFile: path.join(dir, 'config', 'settings.json'),
      nativeDialogs: false,
    },
    workspace,
    settings: new SettingsService(path.join(dir, 'config')),
  });
});

afterAll(async () => {
  await server.close();
  await workspace.close();
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

/** The next message, from a JSON text frame or a binary frame; `binary` says which it was. */
function nextFrame(ws: WebSocket): Promise<{ message: ResponseMessage; binary: boolean }> {
  return new Promise((resolve, reject) =>
    ws.once('message', (data, isBinary) => {
      const decoded = decodeWireMessage(isBinary ? (data as Buffer) : data.toString());
      if (decoded.ok) resolve({ message: decoded.message as ResponseMessage, binary: isBinary });
      else reject(new Error(decoded.reason));
    }),
  );
}

async function nextMessage(ws: WebSocket): Promise<ResponseMessage> {
  return (await nextFrame(ws)).message;
}

/** A binary frame by hand: the header says `envelopeLength`, then `envelope` and `tail` as given. */
function frame(envelopeLength: number, envelope: string | Uint8Array, tail: Uint8Array = new Uint8Array()): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32LE(envelopeLength);
  return Buffer.concat([header, typeof envelope === 'string' ? Buffer.from(envelope) : envelope, tail]);
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

  it('carries document text both ways as raw UTF-8 in binary frames', async () => {
    const ws = await connect();
    const file = path.join(dir, 'big.txt');
    const text = 'ünïcödé "quoted" \\ line\r\n'.repeat(4096);
    const write = encodeWireMessage({ id: 6, method: 'file.write', params: { path: file, text, format: { bom: false, eol: 'CRLF' } } });
    expect(typeof write).not.toBe('string');
    ws.send(write);
    expect(await nextMessage(ws)).toMatchObject({ id: 6, ok: true });
    ws.send(JSON.stringify({ id: 7, method: 'file.read', params: { path: file } }));
    const read = await nextFrame(ws);
    expect(read.binary).toBe(true);
    expect(read.message).toMatchObject({ id: 7, ok: true, value: { text, format: { eol: 'CRLF' } } });
    ws.close();
  });

  it('answers every malformed binary frame with bad-request and keeps serving', async () => {
    const ws = await connect();
    const read = (id: number) => ({ id, method: 'file.read', params: { path: null } });
    const slot = (id: number, bytes: number) => JSON.stringify({ message: read(id), texts: [[['params', 'path'], bytes]] });
    const malformed: [Buffer, string][] = [
      [Buffer.from([1, 0]), 'shorter than its header'],
      [frame(1000, '{}'), 'runs past the frame'],
      [frame(0xffffffff, ''), 'runs past the frame'],
      [frame(9, 'not json!'), 'not UTF-8 JSON'],
      [frame(2, Buffer.from([0xc3, 0x28])), 'not UTF-8 JSON'],
      [frame(2, '[]'), 'lacks "message" or "texts"'],
      [frame(slot(11, 5).length, slot(11, 5), Buffer.from('abc')), 'runs past the frame'],
      [frame(slot(12, 1).length, slot(12, 1), Buffer.from('abc')), 'bytes follow the last text'],
      [frame(slot(13, 2).length, slot(13, 2), Buffer.from([0xff, 0xfe])), 'not valid UTF-8'],
    ];
    for (const path of [[], ['params', 'nowhere'], ['__proto__'], ['params', 'path', 'deeper'], 'params']) {
      const envelope = JSON.stringify({ message: read(14), texts: [[path, 1]] });
      malformed.push([frame(envelope.length, envelope, Buffer.from('a')), 'text slot 0']);
    }
    for (const [bytes, reason] of malformed) {
      ws.send(bytes);
      const answer = await nextMessage(ws);
      expect(answer).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      if (!answer.ok) expect(answer.error.message).toContain(reason);
    }
    // A well-formed frame whose reassembled message breaks the contract is refused by the contract.
    const badParams = encodeWireMessage({ id: 15, method: 'file.read', params: { path: 'x'.repeat(5000) } });
    ws.send(badParams);
    expect(await nextMessage(ws)).toMatchObject({ id: 15, ok: false, error: { code: 'bad-request' } });
    ws.send(JSON.stringify({ id: 16, method: 'app.info', params: {} }));
    expect(await nextMessage(ws)).toMatchObject({ id: 16, ok: true });
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
