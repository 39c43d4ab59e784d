import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GO_PLUGIN_MESSAGE } from './go-plugin.js';
import { QUIRE_ENTRY_SYMBOL, currentHostTarget, inspectBytes } from './index.js';
import { ScratchDir, bytesOf, expectWellFormed, onPath, run, withoutSectionHeaders } from './test-fixtures.js';

const host = currentHostTarget();
const GREET = 'package main\n\nfunc Greet() string { return "hi" }\n';
const C_SHARED = `package main

import "C"

//export quire_plugin_entry
func quire_plugin_entry() C.int { return 1 }

func main() {}
`;
/** A c-shared library that imports package plugin: the linker then exports pkghash symbols too. */
const C_SHARED_USING_PLUGIN = C_SHARED.replace('import "C"', 'import "C"\nimport "plugin"\n\nvar _ = plugin.Open');

let scratch: ScratchDir;
const built: Record<string, string> = {};

/** Builds one Go module from a single main package file; GOTOOLCHAIN=local keeps go from fetching toolchains. */
function goBuild(name: string, source: string, buildMode: 'plugin' | 'c-shared', fromFile = false): string {
  const dir = join(scratch.path, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'go.mod'), `module ${name}\n\ngo 1.21\n`);
  writeFileSync(join(dir, 'main.go'), source);
  const output = join(dir, `${name}.so`);
  const env = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-buildvcs=false', CGO_ENABLED: '1' };
  run('go', ['build', `-buildmode=${buildMode}`, '-o', output, ...(fromFile ? ['main.go'] : ['.'])], { cwd: dir, env });
  return output;
}

describe.skipIf(!onPath('go'))('Go shared objects (skipped when `go` is not on PATH)', () => {
  beforeAll(() => {
    scratch = new ScratchDir();
    built.plugin = goBuild('gp', GREET, 'plugin');
    built.unnamedPlugin = goBuild('gpfile', GREET, 'plugin', true);
    built.cShared = goBuild('gc', C_SHARED, 'c-shared');
    built.cSharedUsingPlugin = goBuild('gcp', C_SHARED_USING_PLUGIN, 'c-shared');
  }, 60_000);

  afterAll(() => scratch.remove());

  it('refuses a -buildmode=plugin object as go-plugin with the c-shared advice', () => {
    const result = inspectBytes(bytesOf(built.plugin!), host, QUIRE_ENTRY_SYMBOL);
    expectWellFormed(result);
    expect(result).toMatchObject({ ok: false, code: 'go-plugin', message: GO_PLUGIN_MESSAGE });
    if (!result.ok) expect(String(result.detail.marker)).toMatch(/^go[:.]link\.pkghash/);
  });

  it('names the unnamed plugin path of a plugin built from files', () => {
    const result = inspectBytes(bytesOf(built.unnamedPlugin!), host, QUIRE_ENTRY_SYMBOL);
    expect(result).toMatchObject({ code: 'go-plugin' });
    if (!result.ok) expect(String(result.detail.marker)).toMatch(/^plugin\/unnamed-[0-9a-f]{40}\./);
  });

  it('still recognises a Go plugin whose symbol tables and section headers were stripped', () => {
    const stripped = join(scratch.path, 'gp-stripped.so');
    run('strip', ['--strip-all', '-o', stripped, built.plugin!]);
    expect(inspectBytes(bytesOf(stripped), host, QUIRE_ENTRY_SYMBOL)).toMatchObject({ code: 'go-plugin' });
    expect(inspectBytes(withoutSectionHeaders(bytesOf(stripped)), host, QUIRE_ENTRY_SYMBOL)).toMatchObject({ code: 'go-plugin' });
  });

  it('reports go-plugin before missing-entry, because that is the real reason', () => {
    expect(inspectBytes(bytesOf(built.plugin!), host, 'some_other_entry')).toMatchObject({ code: 'go-plugin' });
  });

  it('accepts a -buildmode=c-shared library that exports the entry with //export', () => {
    expect(inspectBytes(bytesOf(built.cShared!), host, QUIRE_ENTRY_SYMBOL)).toMatchObject({ ok: true, needed: ['libc.so.6'] });
  });

  it('does not flag a c-shared library as a Go plugin when its entry is missing', () => {
    expect(inspectBytes(bytesOf(built.cShared!), host, 'not_exported_here')).toMatchObject({ code: 'missing-entry' });
  });

  it('does not flag a c-shared library that imports package plugin, although it exports pkghash symbols', () => {
    const symbols = run('readelf', ['-W', '--dyn-syms', built.cSharedUsingPlugin!]);
    expect(symbols).toContain('go:link.pkghash');
    expect(inspectBytes(bytesOf(built.cSharedUsingPlugin!), host, QUIRE_ENTRY_SYMBOL)).toMatchObject({ ok: true });
  });
});
