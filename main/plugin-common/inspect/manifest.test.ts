/**
 * The manifest, read from plugin files without running them: the real bundled and test
 * plugins (C, C++, Rust, Go), libraries compiled here to get it wrong in each way an author
 * could, and the text parser on its own.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentHostTarget, inspectBytes, parseManifest, QUIRE_ENTRY_SYMBOL } from './index.js';
import { ScratchDir, bytesOf, expectWellFormed, patched } from './test-fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const bundled = (name: string) => path.join(ROOT, 'dist', 'plugins', `${name}.so`);
const testPlugin = (name: string) => path.join(ROOT, 'dist', 'test-plugins', `${name}.so`);
const example = (name: string) => path.join(ROOT, 'build', 'examples', `${name}.so`);

function inspect(bytes: Uint8Array) {
  const result = inspectBytes(bytes, currentHostTarget(), QUIRE_ENTRY_SYMBOL);
  expectWellFormed(result);
  return result;
}

const none = { capabilities: [] };

describe('manifests of the plugins Quire builds', () => {
  it.for([
    ['text-tools (C)', bundled('text-tools'), { id: 'dev.quire.text-tools', name: 'Text Tools', version: '1.0.0', ...none }],
    ['csv (Rust)', bundled('csv'), { id: 'dev.quire.csv', name: 'CSV', version: '1.0.0', ...none }],
    ['json-tools (Go)', bundled('json-tools'), { id: 'dev.quire.json-tools', name: 'JSON Tools', version: '1.0.0', ...none }],
    ['hello (C example)', example('hello'), { id: 'org.example.hello', name: 'Hello', version: '1.0.0', ...none }],
    ['hello-cpp (C++ example)', example('hello-cpp'), { id: 'org.example.hello-cpp', name: 'Hello (C++)', version: '1.0.0', ...none }],
    ['ok-basic', testPlugin('ok-basic'), { id: 'dev.quire.test.ok-basic', name: 'OK Basic', version: '1.0.0', ...none }],
    ['cap-read-folder', testPlugin('cap-read-folder'), { id: 'dev.quire.test.cap-read-folder', name: 'Reads Beside', version: '1.0.0', capabilities: ['read-document-folder'] }],
    ['cap-network', testPlugin('cap-network'), { id: 'dev.quire.test.cap-network', name: 'Connects', version: '1.0.0', capabilities: ['network'] }],
    // Readable on its own; only the descriptor, after loading, disagrees with it.
    ['manifest-mismatch', testPlugin('manifest-mismatch'), { id: 'dev.quire.test.manifest-mismatch', name: 'Manifest Mismatch', version: '1.0.0', capabilities: ['network'] }],
  ] as const)('%s', ([, file, manifest], { skip }) => {
    // Only a toolchain that is not installed (cargo, go, c++) leaves its plugin unbuilt: say so as a skip.
    if (!existsSync(file)) skip(`${file} is not built here (its toolchain is not installed)`);
    expect(inspect(bytesOf(file))).toMatchObject({ ok: true, manifest });
  });

  it('is null for a plugin without one (ABI 1.0 style)', () => {
    expect(inspect(bytesOf(testPlugin('abi-1-0')))).toMatchObject({ ok: true, manifest: null });
  });

  it('refuses a manifest damaged in the file, and says what is wrong and how to fix it', () => {
    const bytes = bytesOf(testPlugin('ok-basic'));
    const at = Buffer.from(bytes).indexOf('quire-manifest 1\n');
    const result = inspect(patched(bytes, (_, copy) => copy.set(new TextEncoder().encode('quire-manifest 2'), at)));
    expect(result).toMatchObject({ ok: false, code: 'manifest-mismatch', detail: { problem: 'its first line is "quire-manifest 2", not "quire-manifest 1"' } });
    if (!result.ok) expect(result.message).toContain('QUIRE_PLUGIN_MANIFEST(');
  });
});

describe('manifests compiled wrong', () => {
  const scratch = new ScratchDir();
  const ENTRY = '__attribute__((visibility("default"))) int quire_plugin_entry(void) { return 0; }\n';
  const EXPORT = '__attribute__((visibility("default")))';
  const built: Record<string, string> = {};

  beforeAll(() => {
    const lib = (name: string, source: string) => (built[name] = scratch.compile(`${name}.so`, ENTRY + source, ['-shared', '-fPIC', '-fvisibility=hidden']));
    lib('pointer', `${EXPORT} const char *quire_plugin_manifest = "quire-manifest 1\\nid=a.b\\nname=A\\nversion=1\\ncapabilities=\\n";\n`);
    lib('function', `${EXPORT} int quire_plugin_manifest(void) { return 1; }\n`);
    lib('bss', `${EXPORT} char quire_plugin_manifest[64];\n`);
    lib('unknown-capability', `${EXPORT} const char quire_plugin_manifest[] = "quire-manifest 1\\nid=a.b\\nname=A\\nversion=1\\ncapabilities=network,camera\\n";\n`);
    lib('hidden', `const char quire_plugin_manifest[] = "quire-manifest 1\\nid=a.b\\nname=A\\nversion=1\\ncapabilities=network\\n";\n`);
  });
  afterAll(() => scratch.remove());

  it.each([
    ['a pointer, not an array', 'pointer', 'the size of a pointer'],
    ['a function', 'function', 'not a data object'],
    ['an uninitialised array (.bss)', 'bss', "not in the file's loaded data"],
    ['an unknown capability', 'unknown-capability', '"camera", which is not a capability Quire knows'],
  ])('%s → manifest-mismatch', (_, name, problem) => {
    const result = inspect(bytesOf(built[name]!));
    expect(result).toMatchObject({ ok: false, code: 'manifest-mismatch' });
    if (!result.ok) expect(result.message).toContain(problem);
  });

  it('does not see a manifest that is not exported (the plugin then declares nothing)', () => {
    expect(inspect(bytesOf(built.hidden!))).toMatchObject({ ok: true, manifest: null });
  });
});

describe('parseManifest', () => {
  const text = (body: string) => new TextEncoder().encode(`${body}\0`);
  const VALID = 'quire-manifest 1\nid=org.example.hello\nname=Hello\nversion=1.0.0\ncapabilities=\n';
  const problemOf = (body: string | Uint8Array) => {
    const parsed = parseManifest(typeof body === 'string' ? text(body) : body);
    return parsed.ok ? null : parsed.problem;
  };

  it('reads the text QUIRE_PLUGIN_MANIFEST writes', () => {
    expect(parseManifest(text(VALID))).toEqual({ ok: true, value: { id: 'org.example.hello', name: 'Hello', version: '1.0.0', capabilities: [] } });
  });

  it('lists capabilities in one order however they were written, and keys in any order', () => {
    const parsed = parseManifest(text('quire-manifest 1\ncapabilities=network,read-document-folder\nversion=2\nname=N\nid=a.b\n'));
    expect(parsed).toEqual({ ok: true, value: { id: 'a.b', name: 'N', version: '2', capabilities: ['read-document-folder', 'network'] } });
  });

  it.each([
    ['a wrong header', VALID.replace('quire-manifest 1', 'quire-manifest'), 'its first line is "quire-manifest", not "quire-manifest 1"'],
    ['an unknown key', VALID.replace('capabilities=', 'author=me\ncapabilities='), 'it has a line "author=me"; the only keys are id, name, version, capabilities'],
    ['a key twice', `${VALID}name=Again\n`, 'name appears twice'],
    ['a missing key', VALID.replace('version=1.0.0\n', ''), 'it has no version line'],
    ['a line without "="', VALID.replace('capabilities=', 'capabilities'), 'its capabilities line has no "="'],
    ['no final newline', VALID.slice(0, -1), 'its last line does not end with "\\n"'],
    ['an empty name', VALID.replace('name=Hello', 'name='), 'name is empty'],
    ['a control character', VALID.replace('name=Hello', 'name=He\x1b[2Jllo'), 'name contains a control character'],
    ['an id that is not reverse-DNS', VALID.replace('org.example.hello', 'Hello'), 'id "Hello" is not a reverse-DNS id'],
    ['a capability with a space', VALID.replace('capabilities=', 'capabilities=network, read-document-folder'), '" read-document-folder", which is not a capability'],
    ['a capability twice', VALID.replace('capabilities=', 'capabilities=network,network'), 'capabilities lists "network" twice'],
  ])('refuses %s', (_, body, problem) => {
    expect(problemOf(body)).toContain(problem);
  });

  it('refuses bytes that are not one NUL-terminated UTF-8 string within 8 KiB', () => {
    expect(problemOf(new TextEncoder().encode(VALID))).toBe('it does not end with a NUL byte');
    expect(problemOf(new TextEncoder().encode(`${VALID}\0\0`))).toContain('a NUL byte at');
    expect(problemOf(Uint8Array.from([...text(VALID).subarray(0, 20), 0xff, ...text(VALID).subarray(20)]))).toBe('it is not valid UTF-8');
    expect(problemOf(text(VALID.replace('Hello', 'H'.repeat(9000))))).toContain('more than the 8192-byte limit');
  });
});
