/**
 * Starting real plugin hosts on real files: every way a plugin file can fail to become a
 * running plugin has its code and a message that names the cause. No host outlives a test.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PluginFailure } from '../../../app/plugin-contract.js';
import { HostHandle, type HostHandleOptions } from './host-handle.js';
import { expectNoHostsLeft, hostOptions, requireBuild, ROOT, testPlugin, TEST_PLUGINS, testSandbox } from '../test-support/host-fixtures.js';

let scratch: string;

beforeAll(async () => {
  requireBuild();
  scratch = mkdtempSync(path.join(os.tmpdir(), 'quire-load-'));
});

afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
});

afterEach(expectNoHostsLeft);

async function failureOf(file: string, overrides: Partial<HostHandleOptions> = {}): Promise<PluginFailure> {
  // The sandbox lets a host read only where its plugin lies (in the editor, the plugin store).
  const started = await HostHandle.start(file, hostOptions({ sandbox: testSandbox(path.dirname(file)), ...overrides }));
  if (started.ok) {
    await started.value.stop();
    throw new Error(`${file} loaded, but it should have failed`);
  }
  return started.failure;
}

describe('a good plugin', () => {
  it('starts, reports its phases, descriptor, timings and init log, and stops cleanly', async () => {
    const phases: string[] = [];
    const started = await HostHandle.start(testPlugin('ok-basic'), hostOptions({ onPhase: (phase) => phases.push(phase) }));
    expect(phases).toEqual(['inspecting', 'loading', 'initializing']);
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const host = started.value;
    expect(host.descriptor).toMatchObject({
      id: 'dev.quire.test.ok-basic',
      abi: { major: 1, minor: 1 },
      commands: expect.arrayContaining([{ id: 'noop', title: 'OK Basic: Do Nothing', keybinding: null }]),
      formats: [expect.objectContaining({ id: 'okb', extensions: ['.okb'], hasFormatter: true })],
      linters: [expect.objectContaining({ id: 'okb-lint', languages: ['okb'] })],
    });
    expect(host.timings?.totalMs).toBeGreaterThan(0);
    expect(host.log.recent().map((l) => l.text)).toContain('ok-basic ready');
    expect(await host.stop()).toMatchObject({ code: 0, signal: null, during: null });
  });
});

describe('files refused before any of their code runs', () => {
  it.each([
    ['a text file', 'not-a-binary', () => {
      const file = path.join(scratch, 'notes.so');
      writeFileSync(file, 'just text\n');
      return file;
    }],
    ['a program, not a library', 'not-shared-object', () => '/bin/ls'],
    ['a library without quire_plugin_entry', 'missing-entry', () => testPlugin('missing-entry')],
    ['a path that does not exist', 'unreadable', () => path.join(scratch, 'absent.so')],
    ['a Windows DLL', 'wrong-os', () => path.join(ROOT, 'node_modules/electron-winstaller/vendor/7z-x64.dll')],
    ['a macOS library', 'wrong-os', () => path.join(ROOT, 'node_modules/@electron-internal/extract-zip/index.darwin-universal.node')],
    ['a plugin built for ARM', 'wrong-arch', () => {
      const file = path.join(scratch, 'arm.so');
      copyFileSync(testPlugin('ok-basic'), file);
      const bytes = readFileSync(file);
      bytes.writeUInt16LE(183, 18); // e_machine = EM_AARCH64
      writeFileSync(file, bytes);
      return file;
    }],
    ['a file larger than any plugin', 'too-large', () => {
      const file = path.join(scratch, 'huge.so');
      writeFileSync(file, '');
      truncateSync(file, 257 * 1024 * 1024); // sparse: no disk used
      return file;
    }],
  ])('%s → %s', async (_, code, make) => {
    const file = make();
    expect(existsSync(file) || code === 'unreadable').toBe(true);
    const failure = await failureOf(file);
    expect(failure.code).toBe(code);
    expect(failure.message.length).toBeGreaterThan(40);
  });

  it('tells a misspelled entry from a mangled one', async () => {
    const failure = await failureOf(testPlugin('missing-entry'));
    expect(failure.message).toContain('`quire_plugin_entry_misspelled` instead, a different name: check its spelling');
  });

  it.skipIf(!existsSync(testPlugin('go-buildmode-plugin')))('a Go -buildmode=plugin object → go-plugin, with the fix', async () => {
    const failure = await failureOf(testPlugin('go-buildmode-plugin'));
    expect(failure.code).toBe('go-plugin');
    expect(failure.message).toContain('-buildmode=c-shared');
  });

  it('never runs the constructor of a refused library (its marker file never appears)', async () => {
    const marker = path.join(scratch, 'constructor-ran');
    process.env.QUIRE_TEST_MARKER = marker;
    try {
      const failure = await failureOf(testPlugin('constructor-marker'));
      expect(failure.code).toBe('missing-entry');
      expect(existsSync(marker)).toBe(false);
      // The control: loading the same library for real does create the marker.
      const loaded = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(path.join(ROOT, 'node_modules', 'koffi'))}).load(${JSON.stringify(testPlugin('constructor-marker'))})`], {
        env: { ...process.env, QUIRE_TEST_MARKER: marker },
      });
      expect(loaded.status).toBe(0);
      expect(existsSync(marker)).toBe(true);
    } finally {
      delete process.env.QUIRE_TEST_MARKER;
    }
  });
});

describe('files that fail to load, with the name of what is missing', () => {
  it('an unresolved symbol is named at load time', async () => {
    const failure = await failureOf(testPlugin('unresolved-symbol'));
    expect(failure.code).toBe('unresolved-symbol');
    expect(failure.detail?.symbol).toBe('quire_test_symbol_that_does_not_exist');
    expect(failure.message).toContain('quire_test_symbol_that_does_not_exist');
  });

  it('a missing library is named', async () => {
    const failure = await failureOf(testPlugin('missing-library'));
    expect(failure.code).toBe('missing-library');
    expect(failure.message).toContain('libquire_test_absent.so');
  });

  it('a constructor that crashes is reported as a crash while loading, with its signal', async () => {
    const failure = await failureOf(testPlugin('constructor-crash'));
    expect(failure.code).toBe('crashed');
    expect(failure.detail).toMatchObject({ phase: 'loading', signal: 'SIGSEGV' });
    expect(failure.message).toContain('constructor');
  });
});

describe('descriptors that are refused', () => {
  it.each([
    ['abi-too-old', 'abi-too-old', 'rebuild'],
    ['abi-too-new', 'abi-too-new', 'Update Quire'],
    ['abi-minor-newer', 'abi-too-new', '1.99'],
  ])('%s → %s', async (name, code, advice) => {
    const failure = await failureOf(testPlugin(name));
    expect(failure.code).toBe(code);
    expect(failure.message).toContain(advice);
  });

  it.each([
    ['bad-descriptor-id', 'id'],
    ['bad-descriptor-duplicate', 'commands[1].id'],
    ['bad-descriptor-utf8', 'commands[0].title'],
    ['bad-descriptor-size', 'struct_size'],
    ['bad-descriptor-count', 'commands'],
    ['bad-descriptor-grammar', 'formats[0].monarch_json'],
    ['bad-descriptor-null-handler', 'commands[1].run'],
    ['null-entry', 'quire_plugin_entry()'],
  ])('%s names the field %s', async (name, field) => {
    const failure = await failureOf(testPlugin(name));
    expect(failure.code).toBe('bad-descriptor');
    expect(failure.detail?.field).toBe(field);
    expect(failure.message).toContain(field);
  });
});

describe('init', () => {
  it('a failing init is reported with the reason the plugin logged', async () => {
    const failure = await failureOf(testPlugin('init-failed'));
    expect(failure.code).toBe('init-failed');
    expect(failure.message).toContain('could not open the dictionary at /nonexistent');
  });

  it('an init that never returns is stopped at its deadline', async () => {
    const started = performance.now();
    const failure = await failureOf(testPlugin('init-timeout'), { initMs: 400 });
    expect(failure.code).toBe('init-timeout');
    expect(failure.detail?.phase).toBe('initializing');
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('the handshake', () => {
  it('refuses a host that speaks another protocol version', async () => {
    const fake = path.join(scratch, 'old-host.cjs');
    writeFileSync(
      fake,
      `const net = require('node:net');
       const s = new net.Socket({ fd: 3, readable: true, writable: true });
       const json = Buffer.from(JSON.stringify({ type: 'hello', protocol: 999, pid: process.pid, sandbox: { landlock: 'off', seccomp: 'off' } }));
       const head = Buffer.alloc(8); head.writeUInt32LE(4 + json.length, 0); head.writeUInt32LE(json.length, 4);
       s.write(Buffer.concat([head, json]));
       s.on('close', () => process.exit(0));
       setInterval(() => {}, 1000);`,
    );
    const failure = await failureOf(testPlugin('ok-basic'), { hostEntry: fake, sandbox: null });
    expect(failure.code).toBe('host-failed');
    expect(failure.message).toContain('protocol 999');
  });

  it('every test plugin named in the build exists, so no case above silently tests nothing', () => {
    for (const name of ['missing-entry', 'unresolved-symbol', 'missing-library', 'constructor-crash', 'init-failed', 'init-timeout', 'misbehave']) {
      expect(existsSync(path.join(TEST_PLUGINS, `${name}.so`)), name).toBe(true);
    }
  });
});
