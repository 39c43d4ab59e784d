/**
 * The koffi mirror of quire_plugin.h against what a C compiler lays out for the header itself:
 * the compiler prints sizeof/offsetof, so a field added to one side only fails here.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import koffi from 'koffi';
import { describe, expect, it } from 'vitest';
import { MIN_PLUGIN_STRUCT_SIZE, PLUGIN_CAPABILITIES_OFFSET, PluginStruct, HOST_ABI_MINOR } from './native-abi.js';
import { CAPABILITY_BITS } from '../../plugin-common/abi/capabilities.js';

const INCLUDE = path.resolve(import.meta.dirname, '..', '..', '..', 'native', 'include');
const PLUGIN_FIELDS = ['struct_size', 'abi_major', 'abi_minor', 'id', 'name', 'version', 'description', 'init', 'shutdown', 'command_count', 'format_count', 'commands', 'formats', 'linter_count', 'reserved', 'linters', 'capabilities', 'reserved2'];

/** Compiles and runs a program that prints `name value` lines about the header. */
function fromCompiler(): Map<string, number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'quire-abi-'));
  try {
    const lines = [
      'printf("sizeof %zu\\n", sizeof(quire_plugin));',
      'printf("minor %d\\n", QUIRE_ABI_MINOR);',
      'printf("cap.read-document-folder %u\\n", (unsigned)QUIRE_CAP_READ_DOCUMENT_FOLDER);',
      'printf("cap.network %u\\n", (unsigned)QUIRE_CAP_NETWORK);',
      ...PLUGIN_FIELDS.map((field) => `printf("${field} %zu\\n", offsetof(quire_plugin, ${field}));`),
    ];
    const source = `#include <stdio.h>\n#include "quire_plugin.h"\nint main(void) {\n${lines.join('\n')}\nreturn 0;\n}\n`;
    writeFileSync(path.join(dir, 'layout.c'), source);
    execFileSync('cc', ['-I', INCLUDE, '-o', path.join(dir, 'layout'), path.join(dir, 'layout.c')]);
    const output = execFileSync(path.join(dir, 'layout'), { encoding: 'utf8' });
    return new Map(output.trim().split('\n').map((line) => line.split(' ') as [string, string]).map(([k, v]) => [k, Number(v)]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('quire_plugin as the compiler lays it out', () => {
  const c = fromCompiler();

  it('matches the koffi struct field by field', () => {
    expect(koffi.sizeof(PluginStruct)).toBe(c.get('sizeof'));
    for (const field of PLUGIN_FIELDS) expect(koffi.offsetof(PluginStruct, field), field).toBe(c.get(field));
  });

  it('puts the 1.1 capabilities right after the 1.0 struct', () => {
    expect(PLUGIN_CAPABILITIES_OFFSET).toBe(c.get('capabilities'));
    expect(MIN_PLUGIN_STRUCT_SIZE).toBe(c.get('capabilities'));
  });

  it('has the header\'s minor and capability bits', () => {
    expect(HOST_ABI_MINOR).toBe(c.get('minor'));
    expect(CAPABILITY_BITS['read-document-folder']).toBe(c.get('cap.read-document-folder'));
    expect(CAPABILITY_BITS.network).toBe(c.get('cap.network'));
  });
});
