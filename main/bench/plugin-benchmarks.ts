/**
 * Issue 3's and issue 10's benchmark rows: loader-core call overhead, host round trips (against
 * a raw socket ping-pong and a process.send echo), load time and idle memory. Each result
 * stands next to a baseline measured in the same run, because absolute times on a shared
 * two-core machine drift.
 */
import { fork, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import koffi from 'koffi';
import { HandlerProto } from '../plugin-host/abi/native-abi.js';
import { DocumentEncoder } from '../plugin-host/loader/document-encoder.js';
import { openPlugin } from '../plugin-host/loader/plugin-library.js';
import { readDescriptor } from '../plugin-host/loader/read-descriptor.js';
import { OffsetMap } from '../plugin-host/loader/utf8-offsets.js';
import { HostHandle } from '../plugins/host/host-handle.js';
import { benchHostOptions } from './bench-hosts.js';
import { formatDuration, median, nanosPerCall, percentile, timeRuns, type BenchRow } from './measure.js';
import { processMemory } from './process-memory.js';

export interface BenchPaths {
  okBasic: string;
  hostEntry: string;
}

const doc = (size: number) => ({ text: 'x'.repeat(size - 1) + '\n', languageId: 'okb', path: '', selections: [{ start: 0, end: 0, active: 0 }] });

/** In-process: the loader core's call of an empty command against a direct koffi call of the same C function. */
async function callOverhead(paths: BenchPaths): Promise<BenchRow[]> {
  const opened = await openPlugin(paths.okBasic);
  if (!opened.ok) throw new Error(`ok-basic did not load: ${opened.failure.message}`);
  const plugin = opened.value;
  plugin.init(() => undefined);
  const input = {
    text: Buffer.from('x'.repeat(1024)),
    languageId: Buffer.from('okb'),
    path: Buffer.alloc(0),
    selections: [0, 0, 0],
  };
  const entry = koffi.load(paths.okBasic).func('quire_plugin_entry', 'void *', []) as unknown as () => bigint;
  const checked = readDescriptor(entry(), paths.okBasic);
  if (!checked.ok) throw new Error(checked.failure.message);
  const noop = koffi.decode(checked.value.handlers.commands.get('noop') as bigint, HandlerProto) as (doc: Buffer) => unknown;
  const encoded = new DocumentEncoder().encode(input);
  const direct = nanosPerCall(() => noop(encoded));
  const offsets = new OffsetMap(input.text, 1024);
  const loader = nanosPerCall(() => plugin.call('command', 'noop', input, offsets));
  const overhead = loader - direct;
  return [
    {
      name: 'Loader-core call, empty command (median)',
      result: `${loader.toFixed(0)} ns (overhead ${overhead.toFixed(0)} ns)`,
      baseline: `direct koffi call ${direct.toFixed(0)} ns`,
      target: 'overhead ≤ 1 µs',
      met: overhead <= 1000,
    },
  ];
}

const ECHO_CHILD = "process.on('message', (m) => process.send(m));\n";

/**
 * The raw baseline: a second Node process that echoes length-prefixed frames over the same
 * kind of channel a host has (a socketpair on fd 3), and does nothing else.
 */
const PING_PONG_CHILD = `
const net = require('node:net');
const s = new net.Socket({ fd: 3, readable: true, writable: true });
s.setNoDelay(true);
let chunks = [];
let buffered = 0;
s.on('data', (chunk) => {
  chunks.push(chunk);
  buffered += chunk.length;
  while (buffered >= 4) {
    const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    const length = all.readUInt32LE(0);
    if (buffered < 4 + length) { chunks = [all]; return; }
    s.write(all.subarray(0, 4 + length));
    const rest = all.subarray(4 + length);
    chunks = rest.length ? [rest] : [];
    buffered = rest.length;
  }
});
s.on('close', () => process.exit(0));
`;

/** Main's end of the ping-pong: sends a frame of `bytes` and resolves when all of it has come back. */
function pingPong(file: string) {
  const child = spawn(process.execPath, [file], { stdio: ['ignore', 'ignore', 'inherit', 'pipe'] });
  const channel = child.stdio[3] as net.Socket;
  channel.setNoDelay(true);
  let waiting: { need: number; got: number; done: () => void } | null = null;
  channel.on('data', (chunk: Buffer) => {
    if (!waiting) return;
    waiting.got += chunk.length;
    if (waiting.got >= waiting.need) {
      const { done } = waiting;
      waiting = null;
      done();
    }
  });
  return {
    send: (frame: Buffer) =>
      new Promise<void>((resolve) => {
        waiting = { need: frame.length, got: 0, done: resolve };
        channel.write(frame);
      }),
    close: () => child.kill(),
  };
}

const p99 = (samples: number[]) => percentile(samples, 99);
const pair = (samples: number[]) => `${formatDuration(median(samples))} / ${formatDuration(p99(samples))}`;

/**
 * Round trips main → sandboxed host → plugin → main (a formatter returning the document plus a
 * newline) against, in the same run and alternating call by call, a raw Node↔Node ping-pong of
 * the same bytes and a bare process.send echo.
 */
async function roundTrips(paths: BenchPaths): Promise<BenchRow[]> {
  const started = await HostHandle.start(paths.okBasic, benchHostOptions(paths.hostEntry, paths.okBasic));
  if (!started.ok) throw new Error(`ok-basic did not start: ${started.failure.message}`);
  const host = started.value;
  const echoFile = path.join(os.tmpdir(), `quire-bench-echo-${process.pid}.cjs`);
  writeFileSync(echoFile, ECHO_CHILD);
  const echo = fork(echoFile, [], { stdio: 'ignore' });
  const pingFile = path.join(os.tmpdir(), `quire-bench-ping-${process.pid}.cjs`);
  writeFileSync(pingFile, PING_PONG_CHILD);
  const ping = pingPong(pingFile);
  const sendEcho = (payload: string) =>
    new Promise<void>((resolve) => {
      echo.once('message', () => resolve());
      echo.send(payload);
    });
  const rows: BenchRow[] = [];
  const sizes = [
    ['1 KiB', 1024, 3000],
    ['64 KiB', 64 * 1024, 1000],
    ['1 MiB', 1024 * 1024, 40],
  ] as const;
  for (const [label, size, runs] of sizes) {
    const call = { kind: 'format', handler: 'okb', document: doc(size) } as const;
    const frame = Buffer.alloc(4 + size, 0x78);
    frame.writeUInt32LE(size, 0);
    const ours: number[] = [];
    const raw: number[] = [];
    const bare: number[] = [];
    const big = size > 64 * 1024;
    // Alternate, one call each, so all see the same machine: these VMs drift.
    for (let i = -20; i < runs; i++) {
      let at = performance.now();
      const result = await host.call(call, 10_000);
      if (!result.ok || result.value.text?.length !== size + 1) throw new Error('round trip returned the wrong text');
      if (i >= 0) ours.push(performance.now() - at);
      at = performance.now();
      await ping.send(frame);
      if (i >= 0) raw.push(performance.now() - at);
      if (!big) continue;
      at = performance.now();
      await sendEcho(call.document.text);
      if (i >= 0) bare.push(performance.now() - at);
    }
    if (big) {
      rows.push({
        name: `Host round trip, ${label} document (p50 / p99)`,
        result: pair(ours),
        baseline: `process.send echo ${pair(bare)}; raw socket ping-pong ${pair(raw)}`,
        target: 'p50 < process.send echo p50',
        met: median(ours) < median(bare),
      });
      continue;
    }
    const ratio = median(ours) / median(raw);
    const tail = p99(ours) / p99(raw);
    rows.push({
      name: `Host round trip, ${label} document (p50 / p99)`,
      result: `${pair(ours)} (${ratio.toFixed(2)}× / ${tail.toFixed(2)}×)`,
      baseline: `raw Node↔Node socket ping-pong ${pair(raw)}`,
      target: 'p50 ≤ 1.2× raw, p99 ≤ 2× raw',
      met: ratio <= 1.2 && tail <= 2,
    });
  }
  echo.kill();
  ping.close();
  await host.stop();
  return rows;
}

const BARE_HOST = `
const net = require('node:net');
const socket = net.connect(process.argv[2], () => socket.write('hello'));
socket.on('close', () => process.exit(0));
`;

/** Cold load (inspect, spawn, dlopen, init) against a bare Node process that only connects back. */
async function loadTimes(paths: BenchPaths): Promise<BenchRow[]> {
  const bareFile = path.join(os.tmpdir(), `quire-bench-bare-${process.pid}.cjs`);
  writeFileSync(bareFile, BARE_HOST);
  const bareSocket = path.join(os.tmpdir(), `quire-bench-${process.pid}.sock`);
  const server = net.createServer((socket) => socket.once('data', () => socket.destroy()));
  await new Promise<void>((resolve) => server.listen(bareSocket, () => resolve()));
  const bare = await timeRuns(
    () =>
      new Promise<void>((resolve) => {
        const child = spawn(process.execPath, [bareFile, bareSocket], { stdio: 'ignore' });
        server.once('connection', () => resolve());
        child.once('exit', () => undefined);
      }),
    15,
  );
  server.close();
  let lastPid = 0;
  const hosts: HostHandle[] = [];
  const loads = await timeRuns(async () => {
    const started = await HostHandle.start(paths.okBasic, benchHostOptions(paths.hostEntry, paths.okBasic));
    if (!started.ok) throw new Error(started.failure.message);
    lastPid = started.value.pid ?? 0;
    hosts.push(started.value);
  }, 15);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const memory = processMemory(lastPid);
  await Promise.all(hosts.map((h) => h.stop()));
  const extra = median(loads) - median(bare);
  const mb = (kib: number) => `${(kib / 1024).toFixed(1)} MB`;
  return [
    {
      name: 'Plugin load: inspect + spawn + dlopen + init (median)',
      result: `${formatDuration(median(loads))} (${extra >= 0 ? '+' : ''}${formatDuration(extra)})`,
      baseline: `bare Node spawn ${formatDuration(median(bare))}`,
      target: 'ready ≤ bare spawn + 25 ms',
      met: extra <= 25,
    },
    {
      name: 'Idle plugin host memory, sandboxed: RSS (PSS, private)',
      result: `${mb(memory.rssKiB)} (${mb(memory.pssKiB)}, ${mb(memory.privateKiB)})`,
      baseline: `of the RSS, ${mb(memory.executableKiB)} is the node executable, shared by every host`,
      target: 'RSS ≤ 45 MB',
      met: memory.rssKiB / 1024 <= 45,
    },
  ];
}

export async function pluginBenchmarks(paths: BenchPaths): Promise<BenchRow[]> {
  return [...(await callOverhead(paths)), ...(await roundTrips(paths)), ...(await loadTimes(paths))];
}
