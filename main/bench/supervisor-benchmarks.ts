/**
 * Issue 4's benchmark rows: loads from the warm pool against cold loads, fifty plugins at once
 * against fifty bare spawns, a file landing in the folder until its commands are in the
 * registry, and restart after a crash. Baselines come from the same run.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { childProcessLauncher } from '../plugins/host/host-launcher.js';
import { HostPool } from '../plugins/host/host-pool.js';
import { HostHandle } from '../plugins/host/host-handle.js';
import { PluginService } from '../plugins/plugin-service.js';
import { okBasicWithId } from '../plugins/test-support/plugin-files.js';
import { benchHostOptions } from './bench-hosts.js';
import { formatDuration, median, type BenchRow } from './measure.js';

export interface SupervisorBenchPaths {
  okBasic: string;
  misbehave: string;
  hostEntry: string;
}

const until = async (check: () => boolean, timeoutMs: number) => {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error('benchmark condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};

async function warmVersusCold(paths: SupervisorBenchPaths): Promise<BenchRow> {
  const options = benchHostOptions(paths.hostEntry, paths.okBasic);
  const pool = new HostPool({ ...options, size: 1 });
  const warm: number[] = [];
  const cold: number[] = [];
  for (let i = 0; i < 15; i++) {
    await pool.warm();
    let started = performance.now();
    const pooled = await HostHandle.start(paths.okBasic, { ...options, pool });
    warm.push(performance.now() - started);
    started = performance.now();
    const direct = await HostHandle.start(paths.okBasic, options);
    cold.push(performance.now() - started);
    for (const host of [pooled, direct]) if (host.ok) await host.value.stop();
  }
  await pool.close();
  return {
    name: 'Plugin load from the warm pool (p50)',
    result: formatDuration(median(warm)),
    baseline: `cold load ${formatDuration(median(cold))}`,
    target: 'p50 ≤ 10 ms',
    met: median(warm) <= 10,
  };
}

async function fiftyAtOnce(paths: SupervisorBenchPaths): Promise<BenchRow> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'quire-bench-50-'));
  for (let i = 0; i < 50; i++) okBasicWithId(paths.okBasic, path.join(folder, `p${i}.so`), `b${String(i).padStart(4, '0')}`);
  const bareFile = path.join(folder, 'bare.cjs');
  writeFileSync(bareFile, "require('node:net').connect(process.argv[2], function () { this.end(); });\n");
  const server = (await import('node:net')).createServer((socket) => socket.destroy());
  const socketPath = path.join(folder, 'bare.sock');
  await new Promise<void>((resolve) => server.listen(socketPath, () => resolve()));
  let connected = 0;
  server.on('connection', () => connected++);
  const bareStarted = performance.now();
  for (let i = 0; i < 50; i++) spawn(process.execPath, [bareFile, socketPath], { stdio: 'ignore' });
  await until(() => connected === 50, 60_000);
  const bareMs = performance.now() - bareStarted;
  server.close();

  const started = performance.now();
  const hosts = await Promise.all(
    Array.from({ length: 50 }, (_, i) => HostHandle.start(path.join(folder, `p${i}.so`), benchHostOptions(paths.hostEntry, path.join(folder, 'p0.so')))),
  );
  const loadMs = performance.now() - started;
  await Promise.all(hosts.map((h) => (h.ok ? h.value.stop() : undefined)));
  rmSync(folder, { recursive: true, force: true });
  if (hosts.some((h) => !h.ok)) throw new Error('a plugin of the fifty failed to load');
  return {
    name: 'Cold load of 50 plugins at once (total / per plugin)',
    result: `${formatDuration(loadMs)} / ${formatDuration(loadMs / 50)}`,
    baseline: `50 bare Node spawns ${formatDuration(bareMs)} / ${formatDuration(bareMs / 50)}`,
    target: '≤ 1.25× the bare spawns',
    met: loadMs <= 1.25 * bareMs,
  };
}

async function landingToRegistry(paths: SupervisorBenchPaths): Promise<BenchRow[]> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'quire-bench-land-'));
  const configDir = mkdtempSync(path.join(os.tmpdir(), 'quire-bench-config-'));
  const service = await PluginService.start({
    folders: [{ path: folder, origin: 'command-line' }],
    configDir,
    launcher: childProcessLauncher,
    hostEntry: paths.hostEntry,
    trustMode: 'all',
    // No backoff and no quarantine, so every restart sample is the restart itself.
    policy: { restartBackoffMs: [0], crashLimit: 100 },
  });
  const hasCommand = (id: string) => service.registry().some((d) => d.id === id && d.commands.length > 0);
  const copy: number[] = [];
  const rename: number[] = [];
  // Files land seconds apart in real use: let the warm pool refill between samples, as it would.
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
  for (let i = 0; i < 12; i++) {
    await settle();
    const staged = path.join(os.tmpdir(), `quire-bench-stage-${process.pid}.so`);
    const renameId = okBasicWithId(paths.okBasic, staged, `r${String(i).padStart(4, '0')}`);
    let started = performance.now();
    renameSync(staged, path.join(folder, `r${i}.so`));
    await until(() => hasCommand(renameId), 10_000);
    rename.push(performance.now() - started);

    await settle();
    const copied = path.join(os.tmpdir(), `quire-bench-copy-${process.pid}.so`);
    const copyId = okBasicWithId(paths.okBasic, copied, `c${String(i).padStart(4, '0')}`);
    started = performance.now();
    copyFileSync(copied, path.join(folder, `c${i}.so`));
    await until(() => hasCommand(copyId), 10_000);
    copy.push(performance.now() - started);
    rmSync(copied, { force: true });
  }

  copyFileSync(paths.misbehave, path.join(folder, 'misbehave.so'));
  const misbehaveReady = () => service.statuses().some((s) => s.descriptor?.id === 'dev.quire.test.misbehave' && s.state === 'ready');
  await until(misbehaveReady, 10_000);
  const restarts: number[] = [];
  // Crashes come seconds apart in real use: the warm pool refills between samples, as it would.
  for (let i = 0; i < 8; i++) {
    await settle();
    const started = performance.now();
    await service.call({ pluginId: 'dev.quire.test.misbehave', kind: 'command', handler: 'segfault', document: { text: 'x', languageId: 'plaintext', path: '', selections: [] } });
    await until(misbehaveReady, 10_000);
    restarts.push(performance.now() - started);
  }
  await service.stop();
  rmSync(folder, { recursive: true, force: true });
  rmSync(configDir, { recursive: true, force: true });
  return [
    {
      name: '.so landing → its commands in the registry (p50)',
      result: `copy ${formatDuration(median(copy))}, rename ${formatDuration(median(rename))}`,
      baseline: 'includes write-finished detection; warm pool',
      target: 'p50 < 250 ms',
      met: median(copy) < 250 && median(rename) < 250,
    },
    {
      name: 'Restart after a crash (crash → ready again, p50)',
      result: formatDuration(median(restarts)),
      baseline: 'no backoff, warm pool refilled between crashes',
      target: '—',
      met: null,
    },
  ];
}

/**
 * What the sandbox costs a load: warm-pool loads with it on against the same loads with it off.
 * Landlock and seccomp are applied while a pooled host starts, before anyone asks for a plugin,
 * so a load from the pool should pay almost nothing for them.
 */
async function sandboxCost(paths: SupervisorBenchPaths): Promise<BenchRow> {
  const on = new HostPool({ ...benchHostOptions(paths.hostEntry, paths.okBasic, 'on'), size: 1 });
  const off = new HostPool({ ...benchHostOptions(paths.hostEntry, paths.okBasic, 'off'), size: 1 });
  const samples = { on: [] as number[], off: [] as number[] };
  for (let i = 0; i < 15; i++) {
    for (const [choice, pool] of [['on', on], ['off', off]] as const) {
      await pool.warm();
      const started = performance.now();
      const host = await HostHandle.start(paths.okBasic, { ...benchHostOptions(paths.hostEntry, paths.okBasic, choice), pool });
      samples[choice].push(performance.now() - started);
      if (!host.ok) throw new Error(host.failure.message);
      await host.value.stop();
    }
  }
  await Promise.all([on.close(), off.close()]);
  const added = median(samples.on) - median(samples.off);
  return {
    name: 'Warm-pool load, sandbox on (p50)',
    result: `${formatDuration(median(samples.on))} (${added >= 0 ? '+' : ''}${formatDuration(added)})`,
    baseline: `sandbox off ${formatDuration(median(samples.off))}`,
    target: '≤ 2 ms added',
    met: added <= 2,
  };
}

export async function supervisorBenchmarks(paths: SupervisorBenchPaths): Promise<BenchRow[]> {
  return [await warmVersusCold(paths), await sandboxCost(paths), await fiftyAtOnce(paths), ...(await landingToRegistry(paths))];
}
