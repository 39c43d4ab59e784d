/**
 * The plugin host process: one per plugin. It talks to main over the channel main gave it
 * at spawn (fd 3), confines itself (seccomp, on top of the Landlock domain and limits the
 * sandbox launcher set before exec) BEFORE any plugin code is loaded, says hello, and then
 * loads and serves exactly one plugin. The protocol never touches stdout or stderr: those
 * belong to the plugin and main records them as the plugin's log. The same module runs under
 * Node and under Electron's binary as Node (ELECTRON_RUN_AS_NODE).
 */
import net from 'node:net';
import type { LoadTimings } from '../../app/plugin-contract.js';
import { inspectFileSync } from '../plugin-common/inspect/index.js';
import { checkAgainstManifest } from './loader/manifest-check.js';
import { loadInspectedPlugin, type PluginLibrary } from './loader/plugin-library.js';
import { dieWithParent } from './parent-death.js';
import { LogBudget } from './log-budget.js';
import { applySeccomp } from './sandbox/seccomp.js';
import { serveCall } from './serve-call.js';
import { decodeCall, encodeFailure } from '../plugin-common/protocol/call-frames.js';
import { encodeJsonFrame, FRAME_CALL, FRAME_JSON, FrameDecoder, parseJsonFrame, writeFrame } from '../plugin-common/protocol/frames.js';
import type { JsonHostMessage } from '../plugin-common/protocol/host-message-schema.js';
import { HOST_PROTOCOL_VERSION, type MainMessage } from '../plugin-common/protocol/messages.js';

const CHANNEL_FD = 3;
const [parentPid] = process.argv.slice(2);
if (!parentPid) {
  process.stderr.write('quire plugin host: started without its parent pid; it is started by Quire, not by hand.\n');
  process.exit(2);
}
dieWithParent(Number(parentPid));

/** How this process is confined, for the hello: Landlock as the launcher reported it, seccomp as applied here. */
function confine(): { landlock: string; seccomp: string } {
  const landlock = process.env.QUIRE_SANDBOX_LANDLOCK ?? 'off';
  const library = process.env.QUIRE_HOST_SECCOMP;
  if (!library) return { landlock, seccomp: 'off' };
  const applied = applySeccomp(library, { allowNetwork: process.env.QUIRE_HOST_NETWORK === '1' });
  return { landlock, seccomp: applied.ok ? 'applied' : `failed: ${applied.reason}` };
}
const sandbox = confine();

const socket = new net.Socket({ fd: CHANNEL_FD, readable: true, writable: true });
socket.setNoDelay(true);
let plugin: PluginLibrary | null = null;

function send(message: JsonHostMessage): void {
  socket.write(encodeJsonFrame(message));
}

/**
 * A plugin's log lines, bounded: the JS thread is inside the plugin while it logs, so every
 * line would wait in memory until the call returns. Past the budget, lines are counted, not kept.
 */
const logBudget = new LogBudget((level, message) => send({ type: 'log', level, message }), () => socket.writableLength);

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
  // The user allowed what the manifest said; a descriptor that says otherwise never reaches init().
  const mismatch = checkAgainstManifest(opened.value.descriptor, inspection.manifest, path);
  if (mismatch) {
    send({ type: 'load-failed', failure: mismatch });
    return;
  }
  send({ type: 'phase', phase: 'initializing' });
  started = performance.now();
  const initialised = opened.value.init((level, message) => logBudget.add(level, message));
  logBudget.endOfCall();
  timings.initMs = elapsed(started);
  if (!initialised.ok) {
    send({ type: 'load-failed', failure: initialised.failure });
    return;
  }
  plugin = opened.value;
  send({ type: 'ready', descriptor: plugin.descriptor, timings });
}

function call(frame: Buffer): void {
  const decoded = decodeCall(frame);
  if (!decoded.ok) return unreadable(decoded.problem);
  const { call } = decoded;
  if (!plugin) {
    socket.write(encodeFailure(call.id, { code: 'host-failed', message: 'The plugin host received a call before its plugin was loaded.' }));
    return;
  }
  const answer = serveCall(plugin, call);
  logBudget.endOfCall();
  writeFrame(socket, answer);
}

function stop(): void {
  plugin?.shutdown();
  socket.end(() => process.exit(0));
}

function unreadable(problem: string): void {
  process.stderr.write(`quire plugin host: unreadable message from Quire (${problem}); exiting.\n`);
  process.exit(3);
}

const decoder = new FrameDecoder((type, frame) => {
  if (type === FRAME_CALL) return call(frame);
  if (type !== FRAME_JSON) return unreadable(`unknown frame type ${type}`);
  const message = parseJsonFrame(frame) as MainMessage | undefined;
  if (message?.type === 'load') load(message.path);
  else if (message?.type === 'stop') stop();
  else unreadable('a JSON frame that is not a message');
}, unreadable);

send({ type: 'hello', protocol: HOST_PROTOCOL_VERSION, pid: process.pid, sandbox });
socket.on('data', (chunk) => decoder.push(chunk));
// Main went away (quit, crash or SIGKILL): a host never outlives its editor.
socket.on('close', () => process.exit(0));
socket.on('error', () => process.exit(0));
