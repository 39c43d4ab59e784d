/**
 * The plugin host process: one per plugin. It connects to the socket main named, proves it
 * is the host main started (token), and then loads and serves exactly one plugin. The
 * protocol never touches stdout or stderr: those belong to the plugin and main records them
 * as the plugin's log. The same module runs as a Node child process and as an Electron
 * utility process.
 */
import net from 'node:net';
import type { LoadTimings } from '../../app/plugin-contract.js';
import { inspectFile } from './inspect/index.js';
import { loadInspectedPlugin, type PluginLibrary } from './loader/plugin-library.js';
import { OffsetMap } from './loader/utf8-offsets.js';
import { dieWithParent } from './parent-death.js';
import { encodeFrame, FrameDecoder } from './protocol/frames.js';
import { HOST_PROTOCOL_VERSION, type HostMessage, type MainMessage } from './protocol/messages.js';

const [socketPath, token, parentPid] = process.argv.slice(2);
if (!socketPath || !token || !parentPid) {
  process.stderr.write('quire plugin host: started without its socket, token and parent pid; it is started by Quire, not by hand.\n');
  process.exit(2);
}
dieWithParent(Number(parentPid));

const socket = net.connect(socketPath);
socket.setNoDelay(true);
let plugin: PluginLibrary | null = null;

function send(message: HostMessage, body?: Uint8Array): void {
  for (const part of encodeFrame(message, body)) socket.write(part);
}

const elapsed = (since: number) => Math.round((performance.now() - since) * 1000) / 1000;

async function load(path: string): Promise<void> {
  const timings: LoadTimings = { inspectMs: 0, dlopenMs: 0, initMs: 0 };
  let started = performance.now();
  send({ type: 'phase', phase: 'inspecting' });
  const inspection = await inspectFile(path);
  timings.inspectMs = elapsed(started);
  if (!inspection.ok) {
    send({ type: 'load-failed', failure: { code: inspection.code, message: inspection.message, detail: inspection.detail } });
    return;
  }
  send({ type: 'phase', phase: 'loading' });
  started = performance.now();
  const opened = loadInspectedPlugin(path);
  timings.dlopenMs = elapsed(started);
  if (!opened.ok) {
    send({ type: 'load-failed', failure: opened.failure });
    return;
  }
  send({ type: 'phase', phase: 'initializing' });
  started = performance.now();
  const initialised = opened.value.init((level, message) => send({ type: 'log', level, message }));
  timings.initMs = elapsed(started);
  if (!initialised.ok) {
    send({ type: 'load-failed', failure: initialised.failure });
    return;
  }
  plugin = opened.value;
  send({ type: 'ready', descriptor: plugin.descriptor, timings });
}

function call(message: Extract<MainMessage, { type: 'call' }>, body: Buffer): void {
  if (!plugin) {
    send({ type: 'result', id: message.id, outcome: { ok: false, failure: { code: 'host-failed', message: 'The plugin host received a call before its plugin was loaded.' } } });
    return;
  }
  const offsets = new OffsetMap(body, message.textUtf16Length);
  const flat = offsets.toBytes(message.selections.flatMap((s) => [s.start, s.end, s.active]));
  const selections = message.selections.map((_, i) => ({ start: flat[3 * i] as number, end: flat[3 * i + 1] as number, active: flat[3 * i + 2] as number }));
  const outcome = plugin.call(
    message.kind,
    message.handler,
    { text: body, languageId: Buffer.from(message.languageId), path: Buffer.from(message.path), selections },
    message.textUtf16Length,
  );
  if (!outcome.ok) {
    send({ type: 'result', id: message.id, outcome });
    return;
  }
  const { text, ...rest } = outcome.value;
  send({ type: 'result', id: message.id, outcome: { ok: true, ...rest, hasText: text !== null } }, text === null ? undefined : Buffer.from(text));
}

function stop(): void {
  plugin?.shutdown();
  socket.end(() => process.exit(0));
}

const decoder = new FrameDecoder(
  ({ header, body }) => {
    const message = header as MainMessage;
    if (message.type === 'load') void load(message.path);
    else if (message.type === 'call') call(message, body);
    else if (message.type === 'stop') stop();
  },
  (problem) => {
    process.stderr.write(`quire plugin host: unreadable message from Quire (${problem}); exiting.\n`);
    process.exit(3);
  },
);

socket.on('connect', () => send({ type: 'hello', protocol: HOST_PROTOCOL_VERSION, token, pid: process.pid }));
socket.on('data', (chunk) => decoder.push(chunk));
// Main went away (quit, crash or SIGKILL): a host never outlives its editor.
socket.on('close', () => process.exit(0));
socket.on('error', () => process.exit(0));
