/**
 * The warm host pool with real host processes: a load from the pool is ready in a fraction of
 * a cold load's time; the pool refills after a take and after a waiting host dies; a broken
 * install cannot make it spin; and no host outlives close() or a failed load.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HOST_PROTOCOL_VERSION } from '../../plugin-common/protocol/messages.js';
import { childProcessLauncher, type HostLauncher } from './host-launcher.js';
import { HostPool, type HostPoolOptions } from './host-pool.js';
import { HostHandle } from './host-handle.js';
import { document, expectNoHostsLeft, HOST_ENTRY, hostOptions, liveHostPids, requireBuild, testPlugin, testSandbox } from '../test-support/host-fixtures.js';

let scratch: string;
const pools: HostPool[] = [];
const hosts: HostHandle[] = [];
/** Hosts a test took from a pool itself: ending them is the taker's job. */
const taken: HostHandle[] = [];

beforeAll(async () => {
  requireBuild();
  scratch = mkdtempSync(path.join(os.tmpdir(), 'quire-pool-'));
});

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.stop()));
  for (const host of taken) host.kill();
  await Promise.all(taken.splice(0).map((host) => host.exited));
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
  await expectNoHostsLeft();
});

afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
});

function openPool(overrides: Partial<HostPoolOptions> = {}): HostPool {
  const pool = new HostPool({ launcher: childProcessLauncher, hostEntry: HOST_ENTRY, sandbox: testSandbox(), ...overrides });
  pools.push(pool);
  return pool;
}

/** Loads a test plugin (from `pool` when given) and reports how long the load took. */
async function load(name: string, pool?: HostPool): Promise<{ host: HostHandle; ms: number }> {
  const started = performance.now();
  const outcome = await HostHandle.start(testPlugin(name), hostOptions(pool ? { pool } : {}));
  const ms = performance.now() - started;
  if (!outcome.ok) throw new Error(`${name} did not load: ${outcome.failure.message}`);
  hosts.push(outcome.value);
  return { host: outcome.value, ms };
}

function take(pool: HostPool): HostHandle | null {
  const host = pool.take();
  if (host) taken.push(host);
  return host;
}

/** The pid of the one host process alive now: the pool's waiting host, when nothing else runs. */
function onlyHostPid(): number {
  const pids = liveHostPids();
  expect(pids).toHaveLength(1);
  return pids[0] as number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** The real launcher, counting its launches: how the tests see what the pool started. */
function countingLauncher(): HostLauncher & { launches: number } {
  return {
    launches: 0,
    launch(command) {
      this.launches += 1;
      return childProcessLauncher.launch(command);
    },
  };
}

describe('loading from a warm pool', () => {
  it('uses the waiting host and is ready in well under half the time of a cold load', async () => {
    const pool = openPool();
    const cold: number[] = [];
    const pooled: number[] = [];
    // Alternate, and let the pool refill before either kind, so both see the same machine.
    for (let round = 0; round < 7; round++) {
      await pool.warm();
      const waiting = onlyHostPid();
      const fromPool = await load('ok-basic', pool);
      expect(fromPool.host.pid).toBe(waiting);
      expect(fromPool.host.descriptor?.id).toBe('dev.quire.test.ok-basic');
      pooled.push(fromPool.ms);
      await hosts.pop()?.stop();

      await pool.warm();
      const coldLoad = await load('ok-basic');
      expect(coldLoad.host.pid).not.toBe(waiting);
      cold.push(coldLoad.ms);
      await hosts.pop()?.stop();
    }
    expect(median(pooled)).toBeLessThan(median(cold) / 2);
  });

  it('serves calls from a pooled host, with the plugin’s log', async () => {
    const pool = openPool();
    await pool.warm();
    const { host } = await load('ok-basic', pool);
    expect(await host.call({ kind: 'command', handler: 'echo', document: document('héllo') }, 5_000)).toMatchObject({ ok: true, value: { message: 'héllo' } });
    expect(host.log.recent().map((line) => line.text)).toContain('ok-basic ready');
  });

  it('passes on what a host printed while it waited, into the log of the plugin it then loads', async () => {
    // Stands in for a host on a machine where Node prints a warning as it starts.
    const chattyHost = path.join(scratch, 'chatty-plugin-host.cjs');
    writeFileSync(
      chattyHost,
      `const net = require('node:net');
       const frame = (m) => {
         const json = Buffer.from(JSON.stringify(m));
         const head = Buffer.alloc(5); head.writeUInt32LE(1 + json.length, 0); head[4] = 1;
         return Buffer.concat([head, json]);
       };
       process.stderr.write('warning printed while waiting\\n');
       const s = new net.Socket({ fd: 3, readable: true, writable: true });
       s.write(frame({ type: 'hello', protocol: ${HOST_PROTOCOL_VERSION}, pid: process.pid, sandbox: { landlock: 'off', seccomp: 'off' } }));
       s.once('data', () => s.write(frame({ type: 'load-failed', failure: { code: 'init-failed', message: 'This stand-in host loads nothing.' } })));
       s.on('close', () => process.exit(0));`,
    );
    // The stand-in lives in a scratch folder the sandbox does not open; run it unconfined.
    const pool = openPool({ hostEntry: chattyHost, sandbox: null });
    await pool.warm();
    // Long enough for the line to have been read while the host waited, before any load.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines: string[] = [];
    const outcome = await HostHandle.start(testPlugin('ok-basic'), hostOptions({ pool, onLog: (line) => lines.push(line.text) }));
    expect(outcome).toMatchObject({ ok: false, failure: { code: 'init-failed' } });
    expect(lines).toContain('warning printed while waiting');
  });

  it('still starts a host when there is no pool', async () => {
    const { host } = await load('ok-basic');
    expect(host.descriptor?.id).toBe('dev.quire.test.ok-basic');
    expect(await host.call({ kind: 'command', handler: 'echo', document: document('cold') }, 5_000)).toMatchObject({ ok: true, value: { message: 'cold' } });
  });

  it('starts its own host when the pool has none ready', async () => {
    const pool = openPool();
    await pool.warm();
    const drained = take(pool);
    // Same tick: the replacement has only just begun to start, so this load starts a host itself.
    const { host } = await load('ok-basic', pool);
    expect(host.pid).not.toBe(drained?.pid);
    expect(host.descriptor?.id).toBe('dev.quire.test.ok-basic');
  });
});

describe('keeping the pool full', () => {
  it('starts a replacement after take()', async () => {
    const pool = openPool();
    await pool.warm();
    const first = take(pool);
    expect(first).not.toBeNull();
    expect(take(pool)).toBeNull();
    await pool.warm();
    const second = take(pool);
    expect(second?.pid).toBeDefined();
    expect(second?.pid).not.toBe(first?.pid);
    expect(liveHostPids()).toEqual(expect.arrayContaining([first?.pid, second?.pid]));
    // Taken hosts are the taker's to end: the pool does not replace them when they die.
    for (const host of [first, second]) host?.kill();
    await Promise.all([first?.exited, second?.exited]);
    await pool.warm();
    expect(liveHostPids()).toHaveLength(1);
  });

  it('replaces a waiting host killed from outside', async () => {
    const pool = openPool();
    await pool.warm();
    const killed = onlyHostPid();
    process.kill(killed, 'SIGKILL');
    await expect.poll(() => liveHostPids().filter((pid) => pid !== killed).length, { timeout: 5_000, interval: 20 }).toBe(1);
    await pool.warm();
    const replacement = onlyHostPid();
    expect(replacement).not.toBe(killed);
    const { host } = await load('ok-basic', pool);
    expect(host.pid).toBe(replacement);
  });

  it('a load that takes a host killed an instant before still succeeds, on a host of its own', async () => {
    const pool = openPool();
    await pool.warm();
    const killed = onlyHostPid();
    process.kill(killed, 'SIGKILL');
    // Same tick: the pool has not yet seen the exit, so it hands out the dead host.
    const { host } = await load('ok-basic', pool);
    expect(host.pid).not.toBe(killed);
    expect(host.descriptor?.id).toBe('dev.quire.test.ok-basic');
  });

  it('reaps a pooled host whose plugin failed and never hands it out again', async () => {
    const pool = openPool();
    await pool.warm();
    const used = onlyHostPid();
    const outcome = await HostHandle.start(testPlugin('missing-entry'), hostOptions({ pool }));
    expect(outcome).toMatchObject({ ok: false, failure: { code: 'missing-entry' } });
    expect(liveHostPids()).not.toContain(used);
    await pool.warm();
    const next = take(pool);
    expect(next?.pid).toBeDefined();
    expect(next?.pid).not.toBe(used);
  });
});

describe('stopping', () => {
  it('close() kills and reaps every waiting host and launches nothing after', async () => {
    const launcher = countingLauncher();
    const pool = openPool({ launcher, size: 2 });
    await pool.warm();
    expect(liveHostPids()).toHaveLength(2);
    await pool.close();
    expect(liveHostPids()).toEqual([]);
    expect(pool.take()).toBeNull();
    await pool.warm();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(liveHostPids()).toEqual([]);
    expect(launcher.launches).toBe(2);
  });

  it('close() ends a host that is still starting, without waiting for its hello', async () => {
    // A host that never says hello: close() must not wait out the 10 s handshake for it.
    const silentHost = path.join(scratch, 'silent-plugin-host.cjs');
    writeFileSync(silentHost, 'setInterval(() => {}, 1000);\n');
    const pool = openPool({ hostEntry: silentHost });
    await expect.poll(() => liveHostPids()).toHaveLength(1);
    const closing = performance.now();
    await pool.close();
    expect(performance.now() - closing).toBeLessThan(2_000);
    expect(liveHostPids()).toEqual([]);
  });

  it('a broken install makes a bounded number of launches, backing off, then waits for the next take()', async () => {
    const launcher = countingLauncher();
    const pool = openPool({ launcher, hostEntry: `${HOST_ENTRY}.missing` });
    const started = performance.now();
    await pool.warm();
    const gaveUpAfter = launcher.launches;
    expect(gaveUpAfter).toBe(5);
    // Retries were spaced out (100 + 200 + 400 ms of backoff), not fired back to back.
    expect(performance.now() - started).toBeGreaterThan(700);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(launcher.launches).toBe(gaveUpAfter);
    // A load asking for a host is a reason to try again.
    expect(pool.take()).toBeNull();
    await expect.poll(() => launcher.launches).toBe(gaveUpAfter + 1);
    await pool.close();
  });
});
