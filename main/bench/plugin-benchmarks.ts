/**
 * Issue 3's benchmark rows: loader-core call overhead, host round trips, load time and idle
 * memory. Each result stands next to a baseline measured in the same run, because absolute
 * times on a shared two-core machine drift.
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
    selections: [{ start: 0, end: 0, active: 0 }],
  };
  const entry = koffi.load(paths.okBasic).func('quire_plugin_entry', 'void *', []) as unknown as () => bigint;
  const checked = readDescriptor(entry(), paths.okBasic);
  if (!checked.ok) throw new Error(checked.failure.message);
  const noop = koffi.decode(checked.value.handlers.commands.get('noop') as bigint, HandlerProto) as (doc: Buffer) => unknown;
  const encoded = new DocumentEncoder().encode(input);
  const direct = nanosPerCall(() => noop(encoded));
  const loader = nanosPerCall(() => plugin.call('command', 'noop', input, 1024));
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

/** Round trips main → plugin → main against a bare process.send echo of the same payload. */
async function roundTrips(paths: BenchPaths): Promise<BenchRow[]> {
  const started = await HostHandle.start(paths.okBasic, benchHostOptions(paths.hostEntry, paths.okBasic));
  if (!started.ok) throw new Error(`ok-basic did not start: ${started.failure.message}`);
  const host = started.value;
  const echoFile = path.join(os.tmpdir(), `quire-bench-echo-${process.pid}.cjs`);
  writeFileSync(echoFile, ECHO_CHILD);
  const echo = fork(echoFile, [], { stdio: 'ignore' });
  const sendEcho = (payload: string) =>
    new Promise<void>((resolve) => {
      echo.once('message', () => resolve());
      echo.send(payload);
    });
  const rows: BenchRow[] = [];
  for (const [label, size, runs] of [['1 KiB', 1024, 600], ['1 MiB', 1024 * 1024, 40]] as const) {
    const document = doc(size);
    const ours: number[] = [];
    const bare: number[] = [];
    // Alternate the two, one call each, so both see the same machine: these VMs drift.
    for (let i = -3; i < runs; i++) {
      let started = performance.now();
      const result = await host.call('format', 'okb', document, 10_000);
      if (!result.ok || result.value.text?.length !== size + 1) throw new Error('round trip returned the wrong text');
      if (i >= 0) ours.push(performance.now() - started);
      started = performance.now();
      await sendEcho(document.text);
      if (i >= 0) bare.push(performance.now() - started);
    }
    rows.push({
      name: `Host round trip, ${label} document (p50 / p95)`,
      result: `${formatDuration(median(ours))} / ${formatDuration(percentile(ours, 95))}`,
      baseline: `process.send echo ${formatDuration(median(bare))} / ${formatDuration(percentile(bare, 95))}`,
      target: 'p50 < process.send echo p50',
      met: median(ours) < median(bare),
    });
  }
  echo.kill();
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
