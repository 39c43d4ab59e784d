import { describe, expect, it } from 'vitest';

// `app/` compiles against plain ES2022 (no DOM, no Node); the test runner has both.
declare const performance: { now(): number };
declare const console: { log(message: string): void };
import { events, MAX_PATH_LENGTH, MAX_TEXT_FILE_BYTES, requests } from './contract.js';
import { PLUGIN_DOCUMENT_LIMITS, PLUGIN_LIMITS, type PluginStatus } from './plugin-contract.js';
import { PluginDescriptor, PluginDocument, PluginStatus as PluginStatusSchema } from './plugin-schemas.js';

/** A plugin as main reports it after a while: commands, a format with a grammar, a full log tail. */
function status(n: number): PluginStatus {
  const id = `org.example.plugin-${n}`;
  return {
    path: `/home/user/.config/Quire/plugins/plugin-${n}.so`,
    realPath: `/home/user/.config/Quire/plugins/plugin-${n}.so`,
    state: 'ready',
    enabled: true,
    sha256: 'ab'.repeat(32),
    trust: {
      state: 'signed',
      signer: { keyId: 'D7A6C1F08E3B2A19', trustedComment: 'timestamp:1700000000 file:plugin.so', trusted: true },
      manifest: { id, name: `Plugin ${n}`, version: '1.2.0', capabilities: ['read-document-folder'] },
    },
    sandbox: { state: 'sandboxed', reason: null, landlockAbi: 4, seccomp: true, memoryLimitBytes: 512 * 1024 * 1024, grants: ['read-document-folder'] },
    descriptor: {
      id,
      name: `Plugin ${n}`,
      version: '1.2.0',
      description: 'Does useful things to the text of the document it is given.',
      abi: { major: 1, minor: 1 },
      capabilities: ['read-document-folder'],
      commands: Array.from({ length: 5 }, (_, i) => ({ id: `command-${i}`, title: `Plugin ${n}: Command ${i}`, keybinding: i === 0 ? 'Ctrl+Alt+S' : null })),
      formats: [
        {
          id: `lang-${n}`,
          name: `Language ${n}`,
          extensions: ['.l1', '.l2'],
          filenames: [],
          monarch: { tokenizer: { root: [['[a-z]+', 'identifier'], ['\\d+', 'number'], ['"[^"]*"', 'string']] } },
          hasFormatter: true,
        },
      ],
      linters: [{ id: 'check', name: 'Check', languages: [`lang-${n}`], onSave: true, onChange: true }],
    },
    failure: null,
    stats: { pid: 1000 + n, rssBytes: 20_000_000, cpuMs: 120, calls: 42, failures: 0, medianCallMs: 0.2, p95CallMs: 1.5, crashes: 0 },
    log: Array.from({ length: 50 }, (_, i) => ({ at: 1_700_000_000_000 + i, source: 'plugin', level: 'info', text: `line ${i}: the plugin said something of ordinary length` })),
  };
}

const caret = { start: 0, end: 0, active: 0 };
const call = (selections: unknown[]) => ({ pluginId: 'org.example.p', kind: 'lint', handler: 'check', document: { text: 'a', languageId: 'csv', path: '', selections }, coalesceKey: null });

describe('the plugin shapes, declared once', () => {
  it('keep every field of a status: nothing main sends is dropped by the contract', () => {
    const sent = { plugins: [status(1), { ...status(2), descriptor: null, trust: null, sandbox: null, sha256: null, state: 'failed' as const, failure: { code: 'bad-descriptor' as const, message: 'Bad.', detail: { field: 'id', size: 3 } } }] };
    const parsed = events['plugins.changed'].safeParse(sent);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(sent);
    expect(requests['plugins.list'].result.parse(sent)).toEqual(sent);
  });

  it('refuse a status that breaks the declaration', () => {
    const bad = (change: Partial<PluginStatus>) => PluginStatusSchema.safeParse({ ...status(1), ...change }).success;
    expect(bad({ state: 'sleeping' as PluginStatus['state'] })).toBe(false);
    expect(bad({ sha256: 'not hex' })).toBe(false);
    expect(bad({ log: Array.from({ length: 51 }, () => ({ at: 0, source: 'quire', level: 'info', text: '' })) })).toBe(false);
    expect(bad({ descriptor: { ...status(1).descriptor!, commands: [{ id: 'x', title: 'X', keybinding: 'ctrl+x' }] } })).toBe(false);
  });

  it('bound the descriptor by the header\'s LIMITS', () => {
    const descriptor = status(1).descriptor!;
    expect(PluginDescriptor.safeParse(descriptor).success).toBe(true);
    const command = { id: 'c', title: 'C', keybinding: null };
    expect(PluginDescriptor.safeParse({ ...descriptor, commands: Array(PLUGIN_LIMITS.commands).fill(command) }).success).toBe(true);
    expect(PluginDescriptor.safeParse({ ...descriptor, commands: Array(PLUGIN_LIMITS.commands + 1).fill(command) }).success).toBe(false);
    expect(PluginDescriptor.safeParse({ ...descriptor, name: 'n'.repeat(PLUGIN_LIMITS.descriptorString + 1) }).success).toBe(false);
    expect(PluginDescriptor.safeParse({ ...descriptor, commands: [{ ...command, id: 'i'.repeat(PLUGIN_LIMITS.id + 1) }] }).success).toBe(false);
  });

  it('promise at least one selection, as the header does', () => {
    expect(PluginDocument.safeParse({ text: '', languageId: 'csv', path: '', selections: [] }).success).toBe(false);
    expect(requests['plugins.call'].params.safeParse(call([])).success).toBe(false);
    expect(requests['plugins.call'].params.safeParse(call([caret])).success).toBe(true);
  });

  it('check plugins.call\'s result at the contract', () => {
    const result = requests['plugins.call'].result;
    const value = { message: null, text: null, edits: [{ start: 0, end: 1, text: 'b' }], diagnostics: [] };
    expect(result.safeParse({ outcome: { ok: true, value } }).success).toBe(true);
    expect(result.safeParse({ outcome: { ok: false, failure: { code: 'crashed', message: 'It crashed.' } } }).success).toBe(true);
    expect(result.safeParse({ outcome: { ok: true, value: { ...value, edits: [{ start: -1, end: 1, text: '' }] } } }).success).toBe(false);
    expect(result.safeParse({ outcome: { ok: false, failure: { code: 'no-such-code', message: '' } } }).success).toBe(false);
  });

  it('use the contract\'s own bounds for the document', () => {
    expect(PLUGIN_DOCUMENT_LIMITS.text).toBe(MAX_TEXT_FILE_BYTES);
    expect(PLUGIN_DOCUMENT_LIMITS.path).toBe(MAX_PATH_LENGTH);
  });

  it('validate a plugins.changed of 50 plugins cheaply', () => {
    const payload = { plugins: Array.from({ length: 50 }, (_, n) => status(n)) };
    const schema = events['plugins.changed'];
    for (let i = 0; i < 20; i++) schema.parse(payload);
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const begun = performance.now();
      schema.parse(payload);
      times.push(performance.now() - begun);
    }
    times.sort((a, b) => a - b);
    const p50 = times[100] as number;
    const p99 = times[198] as number;
    console.log(`plugins.changed with 50 statuses (${JSON.stringify(payload).length} bytes of JSON): validation p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms`);
    // Events come at most a few times a second; this bounds the cost far above what it is.
    expect(p50).toBeLessThan(20);
  });
});
