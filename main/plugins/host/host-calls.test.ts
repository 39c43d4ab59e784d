/**
 * Calling handlers in real plugin hosts: good answers arrive with offsets in the editor's
 * units; crashes, hangs, exits and bad answers each fail that one call with a clear code and
 * never reach main as an exception. No host outlives a test.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hostCommand, NO_GRANTS } from './host-command.js';
import { HostHandle } from './host-handle.js';
import { document, expectNoHostsLeft, HOST_ENTRY, hostOptions, requireBuild, testPlugin, testSandbox } from '../test-support/host-fixtures.js';

const started: HostHandle[] = [];

beforeAll(async () => {
  requireBuild();
});

afterEach(async () => {
  await Promise.all(started.splice(0).map((host) => host.stop()));
  await expectNoHostsLeft();
});

async function start(name: string): Promise<HostHandle> {
  const outcome = await HostHandle.start(testPlugin(name), hostOptions());
  if (!outcome.ok) throw new Error(`${name} did not start: ${outcome.failure.message}`);
  started.push(outcome.value);
  return outcome.value;
}

describe('good answers', () => {
  it('carries non-ASCII text both ways and converts byte offsets to editor offsets', async () => {
    const host = await start('ok-basic');
    const text = 'héllo 😀 wörld';
    expect(await host.call({ kind: 'command', handler: 'echo', document: document(text) }, 5_000)).toEqual({
      ok: true,
      value: { message: text, text: null, edits: [], diagnostics: [] },
    });
    expect(await host.call({ kind: 'format', handler: 'okb', document: document(text) }, 5_000)).toMatchObject({ ok: true, value: { text: `${text}\n` } });
    expect(await host.call({ kind: 'command', handler: 'upper-edit', document: document('abc') }, 5_000)).toMatchObject({
      ok: true,
      value: { edits: [{ start: 0, end: 1, text: 'A' }] },
    });
    expect(await host.call({ kind: 'lint', handler: 'okb-lint', document: document('x😀') }, 5_000)).toMatchObject({
      ok: true,
      value: { diagnostics: [{ start: 0, end: 1, severity: 'info', code: 'okb-seen' }] },
    });
  });

  it('moves a 1 MiB document through the host intact', async () => {
    const host = await start('ok-basic');
    const text = 'ünïcödé line\n'.repeat(80_000);
    const result = await host.call({ kind: 'format', handler: 'okb', document: document(text) }, 10_000);
    expect(result.ok && result.value.text === `${text}\n`).toBe(true);
  });

  it('answers an unknown handler with unknown-handler and keeps serving', async () => {
    const host = await start('ok-basic');
    expect(await host.call({ kind: 'command', handler: 'no-such-command', document: document('x') }, 5_000)).toMatchObject({ ok: false, failure: { code: 'unknown-handler' } });
    expect(await host.call({ kind: 'command', handler: 'noop', document: document('x') }, 5_000)).toMatchObject({ ok: true });
  });

  it('runs one call at a time: a second call while one runs is refused as busy, not queued', async () => {
    // The supervisor's CallQueue is the one place calls wait; a host never queues a second one.
    const host = await start('ok-basic');
    const first = host.call({ kind: 'command', handler: 'echo', document: document('a') }, 5_000);
    expect(await host.call({ kind: 'command', handler: 'echo', document: document('b') }, 5_000)).toMatchObject({ ok: false, failure: { code: 'busy' } });
    expect(await first).toMatchObject({ ok: true, value: { message: 'a' } });
    for (const t of ['c', 'd']) expect(await host.call({ kind: 'command', handler: 'echo', document: document(t) }, 5_000)).toMatchObject({ ok: true, value: { message: t } });
  });
});

describe('a plugin that crashes, hangs or exits costs only that call', () => {
  it.each([
    ['segfault', { signal: 'SIGSEGV' }, 'segmentation fault'],
    ['abort', { signal: 'SIGABRT' }, 'abort()'],
    ['exit-zero', { exitCode: 0 }, 'exit()'],
  ])('%s → crashed, naming the call and the cause', async (command, detail, words) => {
    const host = await start('misbehave');
    const result = await host.call({ kind: 'command', handler: command, document: document('text') }, 5_000);
    expect(result).toMatchObject({ ok: false, failure: { code: 'crashed', detail: { call: `command "${command}"`, ...detail } } });
    if (!result.ok) expect(result.failure.message).toContain(words);
    expect(host.alive).toBe(false);
    expect(host.exit?.during).toBe(`command "${command}"`);
    expect(await host.call({ kind: 'command', handler: 'sleep-1s', document: document('x') }, 5_000)).toMatchObject({ ok: false, failure: { code: 'crashed' } });
  });

  it('an infinite loop is stopped at the deadline and its process is ended', async () => {
    const host = await start('misbehave');
    const before = performance.now();
    const result = await host.call({ kind: 'command', handler: 'hang', document: document('text') }, 300);
    expect(result).toMatchObject({ ok: false, failure: { code: 'call-timeout', detail: { deadlineMs: 300 } } });
    expect(performance.now() - before).toBeLessThan(3_000);
    await expect.poll(() => host.alive).toBe(false);
  });

  it('a call that finishes within its deadline is not cut short', async () => {
    const host = await start('misbehave');
    expect(await host.call({ kind: 'command', handler: 'sleep-1s', document: document('x') }, 4_000)).toMatchObject({ ok: true, value: { message: 'slept' } });
  });

  it('a thread the plugin leaves spinning dies with the host', async () => {
    const host = await start('misbehave');
    expect(await host.call({ kind: 'command', handler: 'spawn-thread', document: document('x') }, 5_000)).toMatchObject({ ok: true });
    const pid = host.pid as number;
    expect(readFileSync(`/proc/${pid}/status`, 'utf8')).toMatch(/Threads:\s+\d+/);
    await host.stop();
    expect(() => process.kill(pid, 0)).toThrow();
  });
});

describe('output and bad answers', () => {
  it('garbage on stdout and stderr becomes log lines and never disturbs the protocol', async () => {
    const host = await start('misbehave');
    expect(await host.call({ kind: 'command', handler: 'stdout-garbage', document: document('x') }, 5_000)).toMatchObject({ ok: true, value: { message: 'ok' } });
    await expect.poll(() => host.log.recent().filter((l) => l.source === 'stdout' || l.source === 'stderr').length).toBeGreaterThan(1);
    expect(await host.call({ kind: 'command', handler: 'sleep-1s', document: document('x') }, 5_000)).toMatchObject({ ok: true, value: { message: 'slept' } });
  });

  it.each([
    ['command', 'bad-utf8', 'bad-result', 'UTF-8'],
    ['command', 'bad-range', 'bad-result', 'outside the document'],
    ['command', 'overlapping-edits', 'bad-result', 'overlaps'],
    ['command', 'null-string', 'bad-result', 'NULL pointer'],
    ['lint', 'bad-ranges', 'bad-result', 'outside the document'],
    ['command', 'huge', 'too-large', 'limit'],
    ['command', 'huge-count', 'too-large', 'limit'],
  ] as const)('%s %s → %s', async (kind, handler, code, words) => {
    const host = await start('misbehave');
    const result = await host.call({ kind: kind, handler: handler, document: document('some text') }, 10_000);
    expect(result).toMatchObject({ ok: false, failure: { code } });
    if (!result.ok) {
      expect(result.failure.message).toContain(words);
      expect(result.failure.message).toContain('Nothing was changed');
    }
    // The host survives a bad answer: it still answers the next call.
    expect(await host.call({ kind: 'command', handler: 'no-such-command', document: document('x') }, 5_000)).toMatchObject({ ok: false, failure: { code: 'unknown-handler' } });
  });
});

describe('no host outlives its parent', () => {
  it('a host whose parent is SIGKILLed exits on its own', async () => {
    // A plain Node process stands in for the editor: it starts a sandboxed host the way Quire
    // does, then we kill it with SIGKILL, which leaves it no chance to clean up.
    const command = hostCommand(HOST_ENTRY, testSandbox(), NO_GRANTS);
    const parent = spawn(
      process.execPath,
      [
        '-e',
        `const c = require('node:child_process').spawn(${JSON.stringify(command.file)}, ${JSON.stringify(command.args)}.map((a) => a === ${JSON.stringify(String(process.pid))} ? String(process.pid) : a), { stdio: ['ignore', 'ignore', 'ignore', 'pipe'], detached: true, env: ${JSON.stringify(command.env)} });
         console.log(c.pid); setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const hostPid = await new Promise<number>((resolve) => parent.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return readFileSync(`/proc/${pid}/status`, 'utf8').includes('State:\tZ') === false;
      } catch {
        return false;
      }
    };
    await expect.poll(() => alive(hostPid)).toBe(true);
    parent.kill('SIGKILL');
    await expect.poll(() => alive(hostPid), { timeout: 5_000 }).toBe(false);
  });
});
