/**
 * The plugin host process: one per plugin. It connects to the socket main named, proves it
 * is the host main started (token), and then loads and serves exactly one plugin. The
 * protocol never touches stdout or stderr: those belong to the plugin and main records them
 * as the plugin's log. The same module runs as a Node child process and as an Electron
 * utility process.
 */
import net from 'node:net';
import type { LoadTimings } from '../../app/plugin-contract.js';
import { inspectFileSync } from './inspect/index.js';
import { loadInspectedPlugin, type PluginLibrary } from './loader/plugin-library.js';
import { dieWithParent } from './parent-death.js';
import { CallServer } from './serve-call.js';
import { FrameDecoder, writeFrame } from './protocol/frames.js';
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
let server: CallServer | null = null;

function send(message: HostMessage, body?: Uint8Array): void {
  writeFrame(socket, message, body);
}

const elapsed = (since: number) => Math.round((performance.now() - since) * 1000) / 1000;

function load(path: string): void {
  const timings: LoadTimings = { inspectMs: 0, dlopenMs: 0, initMs: 0 };
  let started = performance.now();
  send({ type: 'phase', phase: 'inspecting' });
  const inspection = inspectFileSync(path);
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
  server = new CallServer(plugin);
  send({ type: 'ready', descriptor: plugin.descriptor, timings });
}

function call(message: Extract<MainMessage, { type: 'call' }>, body: Buffer): void {
  if (!server) {
    send({ type: 'result', id: message.id, outcome: { ok: false, failure: { code: 'host-failed', message: 'The plugin host received a call before its plugin was loaded.' } } });
    return;
  }
  const answer = server.serve(message, body);
  send(answer.reply, answer.body);
}

function stop(): void {
  plugin?.shutdown();
  socket.end(() => process.exit(0));
}

const decoder = new FrameDecoder(
  ({ header, body }) => {
    const message = header as MainMessage;
    if (message.type === 'load') load(message.path);
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
