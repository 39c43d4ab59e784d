import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FormatContribution, PluginDescriptor } from '../../../app/plugin-contract.js';
import { openPlugin } from '../../plugin-host/loader/plugin-library.js';
import { BUNDLED_PLUGINS, testPlugin } from '../test-support/host-fixtures.js';
import { checkFormatGrammar, clearGrammarSafetyCache, findUnsafeGrammar } from './find-unsafe-grammar.js';

/** The descriptor a plugin file declares, read in process (no init, nothing called). */
async function descriptorOf(file: string): Promise<PluginDescriptor> {
  const opened = await openPlugin(file);
  if (!opened.ok) throw new Error(`${file}: ${opened.failure.message}`);
  return opened.value.descriptor;
}

function pluginWith(...grammars: Record<string, unknown>[]): PluginDescriptor {
  const formats: FormatContribution[] = grammars.map((monarch, index) => ({
    id: `fmt${index}`,
    name: `Format ${index}`,
    extensions: [`.f${index}`],
    filenames: [],
    monarch,
    hasFormatter: false,
  }));
  return {
    id: 'dev.quire.test.grammar',
    name: 'Grammar Test',
    version: '1.0.0',
    description: '',
    abi: { major: 1, minor: 1 },
    capabilities: [],
    commands: [],
    formats,
    linters: [],
  };
}

describe('findUnsafeGrammar', () => {
  afterEach(() => clearGrammarSafetyCache());

  it('passes the bundled plugins’ grammars (csv, json-tools, text-tools), quickly', async () => {
    // The Rust and Go plugins are only built where cargo and Go are installed; the C one always is.
    const built = ['csv', 'json-tools', 'text-tools'].map((name) => path.join(BUNDLED_PLUGINS, `${name}.so`)).filter((file) => existsSync(file));
    expect(built.length, 'the bundled plugins are not built: run `npm run build` first').toBeGreaterThan(0);
    const descriptors = await Promise.all(built.map(descriptorOf));
    const withGrammars = descriptors.flatMap((descriptor) => descriptor.formats.filter((format) => format.monarch !== null).map((format) => format.id));
    if (built.some((file) => file.endsWith('csv.so'))) expect(withGrammars).toEqual(['csv', 'tsv']);
    const started = performance.now();
    for (const descriptor of descriptors) expect(await findUnsafeGrammar(descriptor)).toBeNull();
    const coldMs = performance.now() - started;
    const again = performance.now();
    for (const descriptor of descriptors) expect(await findUnsafeGrammar(descriptor)).toBeNull();
    const cachedMs = performance.now() - again;
    clearGrammarSafetyCache();
    const warm = performance.now();
    for (const descriptor of descriptors) expect(await findUnsafeGrammar(descriptor)).toBeNull();
    const warmMs = performance.now() - warm;
    console.info(`grammar safety, bundled plugins: ${coldMs.toFixed(1)} ms cold (recheck agent start included), ${warmMs.toFixed(1)} ms uncached, ${cachedMs.toFixed(2)} ms cached`);
    expect(cachedMs).toBeLessThan(5);
  });

  it('refuses `(a+)+$` with unsafe-grammar, naming the plugin, format, state, rule, regex and an attack', async () => {
    const failure = await findUnsafeGrammar(pluginWith({ tokenizer: { root: [['[a-z]+', 'identifier'], ['(a+)+$', 'keyword']] } }));
    expect(failure).toMatchObject({
      code: 'unsafe-grammar',
      detail: { format: 'fmt0', state: 'root', rule: 1, regex: '(a+)+$', compiled: '^(?:(a+)+$)', complexity: 'exponential' },
    });
    expect(failure?.message).toContain('Grammar Test (dev.quire.test.grammar)');
    expect(failure?.message).toContain('Format 0 grammar');
    expect(failure?.message).toContain('rule 1 of tokenizer state "root", /(a+)+$/');
    expect(failure?.message).toContain('exponential');
    expect(failure?.message).toMatch(/remove nested quantifiers/);
    expect(String(failure?.detail?.['attack'])).toMatch(/'a'/);
  });

  it('refuses the test plugin redos-grammar.so', async () => {
    const failure = await findUnsafeGrammar(await descriptorOf(testPlugin('redos-grammar')));
    expect(failure).toMatchObject({ code: 'unsafe-grammar', detail: { format: 'redos', state: 'root', rule: 0, regex: '(a+)+$' } });
    expect(failure?.message).toContain('ReDoS Grammar (dev.quire.test.redos-grammar)');
  });

  it('expands `@attribute`s as Monarch does and refuses an exponential regex built from them', async () => {
    const failure = await findUnsafeGrammar(
      pluginWith({ word: '@letters+', letters: '[a-c]', tokenizer: { root: [{ regex: '"[^"]*"', action: 'string' }], body: [{ regex: '(@word)*$', action: { token: 'keyword' } }] } }),
    );
    expect(failure).toMatchObject({ code: 'unsafe-grammar', detail: { state: 'body', rule: 0, regex: '(@word)*$', compiled: '^(?:((?:(?:[a-c])+))*$)', complexity: 'exponential' } });
    expect(failure?.message).toContain('as compiled: /^(?:((?:(?:[a-c])+))*$)/');
  });

  it('refuses polynomial backtracking (`\\s*\\s*$`, quadratic as Monarch anchors it), with its degree', async () => {
    const failure = await findUnsafeGrammar(pluginWith({ tokenizer: { root: [['x\\s*\\s*$', 'white']] } }));
    expect(failure).toMatchObject({ code: 'unsafe-grammar', detail: { compiled: '^(?:x\\s*\\s*$)', complexity: 'polynomial, degree 2' } });
    expect(failure?.message).toContain('2nd degree polynomial');
  });

  it('judges a rule anchored, as Monarch runs it: a string rule, quadratic when searched for, passes', async () => {
    expect(await findUnsafeGrammar(pluginWith({ tokenizer: { root: [['"(?:[^"\\\\]|\\\\.)*"', 'string'], ['^\\s*#.*$', 'comment']] } }))).toBeNull();
  });

  it('uses the grammar’s flags: a pattern safe as written can be unsafe with ignoreCase', async () => {
    const grammar = { tokenizer: { root: [['(?:a|A)*$', 'x']] } };
    expect(await findUnsafeGrammar(pluginWith(grammar))).toBeNull();
    expect(await findUnsafeGrammar(pluginWith({ ...grammar, ignoreCase: true }))).toMatchObject({ code: 'unsafe-grammar' });
  });

  it('checks `cases` guards, and refuses one that splices the matched text into a regex', async () => {
    const guarded = (key: string) => ({ tokenizer: { root: [['\\w+', { cases: { [key]: 'keyword', '@default': 'identifier' } }]] } });
    expect(await findUnsafeGrammar(pluginWith(guarded('~(a|a)+')))).toMatchObject({ detail: { state: 'root', rule: 0, guard: '~(a|a)+', compiled: '^(a|a)+$' } });
    expect(await findUnsafeGrammar(pluginWith(guarded('~$1x')))).toMatchObject({ code: 'unsafe-grammar', detail: { complexity: 'unknown' } });
    expect(await findUnsafeGrammar(pluginWith(guarded('~[a-z]+_\\d')))).toBeNull();
  });

  it('leaves to Monaco what Monaco refuses (an uncompilable regex, a missing attribute)', async () => {
    expect(await findUnsafeGrammar(pluginWith({ tokenizer: { root: [['[unclosed', 'x'], ['@missing+', 'y']] } }))).toBeNull();
  });

  it('answers a grammar it has seen from its cache', async () => {
    const format = { id: 'same', monarch: { tokenizer: { root: [['(a+)+$', 'x']] } } };
    const first = checkFormatGrammar(format);
    expect(checkFormatGrammar({ ...format, monarch: structuredClone(format.monarch) })).toBe(first);
    expect(await first).not.toBeNull();
  });
});
