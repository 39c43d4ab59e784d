/**
 * The loader's field checks that need no plugin file: a descriptor or result laid out in memory
 * here with the koffi structs (whose layout native-abi.test.ts compares with the compiler's).
 * `reserved` fields must be zero; a keybinding must parse by app/keybinding-grammar.ts.
 */
import koffi from 'koffi';
import { afterAll, describe, expect, it } from 'vitest';
import { CommandStruct, DiagnosticStruct, PluginStruct, PluginStruct1_0, ResultStruct, STATUS_OK } from '../abi/native-abi.js';
import { readDescriptor } from './read-descriptor.js';
import { readCallResult, type CallContext } from './read-result.js';
import { OffsetMap } from './utf8-offsets.js';

/** A bump allocator over one block of native memory, freed after the tests. */
class Arena {
  private readonly block = koffi.alloc('uint8_t', 64 * 1024);
  private readonly base = koffi.address(this.block) as bigint;
  private used = 0;

  /** Places `value` of `type` (a koffi type or a byte string) and returns its address. */
  put(type: Parameters<typeof koffi.sizeof>[0], value: unknown): bigint {
    const at = this.reserve(koffi.sizeof(type));
    koffi.encode(this.block, at, type, value);
    return this.base + BigInt(at);
  }

  str(text: string): { ptr: bigint | null; len: number } {
    const bytes = new TextEncoder().encode(text);
    if (bytes.length === 0) return { ptr: null, len: 0 };
    const at = this.reserve(bytes.length);
    koffi.encode(this.block, at, koffi.array('uint8_t', bytes.length), Array.from(bytes));
    return { ptr: this.base + BigInt(at), len: bytes.length };
  }

  free(): void {
    koffi.free(this.block);
  }

  private reserve(size: number): number {
    const at = Math.ceil(this.used / 16) * 16;
    this.used = at + size;
    if (this.used > 64 * 1024) throw new Error('arena full');
    return at;
  }
}

const arena = new Arena();
afterAll(() => arena.free());
/** A non-NULL function pointer the loader records but these tests never call. */
const NEVER_CALLED = arena.put('uint64_t', 0);

function descriptor(fields: Record<string, unknown> = {}, size = koffi.sizeof(PluginStruct)) {
  const plugin = {
    struct_size: size,
    abi_major: 1,
    abi_minor: 1,
    id: arena.str('org.example.fields'),
    name: arena.str('Fields'),
    version: arena.str('1.0.0'),
    description: arena.str(''),
    init: null,
    shutdown: null,
    command_count: 0,
    format_count: 0,
    commands: null,
    formats: null,
    linter_count: 0,
    reserved: 0,
    linters: null,
    capabilities: 0,
    reserved2: 0,
    ...fields,
  };
  return readDescriptor(arena.put(PluginStruct, plugin), '/plugins/fields.so');
}

function withCommand(keybinding: string) {
  const command = arena.put(CommandStruct, { id: arena.str('go'), title: arena.str('Go'), keybinding: arena.str(keybinding), run: NEVER_CALLED });
  return descriptor({ command_count: 1, commands: command });
}

describe('reserved fields of the descriptor', () => {
  it('accepts zeros', () => {
    expect(descriptor()).toMatchObject({ ok: true, value: { descriptor: { id: 'org.example.fields' } } });
  });

  it('refuses a non-zero reserved, naming it', () => {
    const read = descriptor({ reserved: 7 });
    expect(read).toMatchObject({ ok: false, failure: { code: 'bad-descriptor', detail: { field: 'reserved', problem: 'is 7; it must be zero' } } });
  });

  it('refuses a non-zero reserved2 when the plugin\'s struct_size covers it', () => {
    expect(descriptor({ reserved2: 5 })).toMatchObject({ ok: false, failure: { code: 'bad-descriptor', detail: { field: 'reserved2' } } });
  });

  it('does not read reserved2 past a 1.0 plugin\'s struct', () => {
    // The bytes after the 1.0 struct belong to something else: whatever they hold is not read.
    expect(descriptor({ abi_minor: 0, capabilities: 3, reserved2: 5 }, koffi.sizeof(PluginStruct1_0))).toMatchObject({ ok: true });
  });
});

describe('keybindings in the descriptor', () => {
  it('accepts the header\'s grammar', () => {
    for (const keybinding of ['Ctrl+Alt+S', 'F24', 'Shift+/', 'Meta+PageDown', 'Alt+\\']) {
      expect(withCommand(keybinding), keybinding).toMatchObject({ ok: true, value: { descriptor: { commands: [{ keybinding }] } } });
    }
    expect(withCommand('')).toMatchObject({ ok: true, value: { descriptor: { commands: [{ keybinding: null }] } } });
  });

  it('refuses anything else, naming the field', () => {
    for (const keybinding of ['Ctrl+s', 'ctrl+S', 'Hyper+K', 'Ctrl+Ctrl+K', 'Ctrl+', 'F25', 'ArrowUp', 'Ctrl++']) {
      expect(withCommand(keybinding), keybinding).toMatchObject({
        ok: false,
        failure: { code: 'bad-descriptor', detail: { field: 'commands[0].keybinding' } },
      });
    }
  });
});

describe('reserved fields of a result', () => {
  const text = new TextEncoder().encode('a,b\n');
  const lint: CallContext = { call: 'linter "fields"', kind: 'lint', offsets: new OffsetMap(text, text.length) };
  const result = (fields: Record<string, unknown>) =>
    arena.put(ResultStruct, {
      struct_size: koffi.sizeof(ResultStruct),
      status: STATUS_OK,
      flags: 0,
      edit_count: 0,
      diagnostic_count: 0,
      reserved: 0,
      message: arena.str(''),
      text: arena.str(''),
      edits: null,
      diagnostics: null,
      ...fields,
    });
  const diagnostic = (reserved: number) =>
    arena.put(DiagnosticStruct, { range: { start: 0, end: 1 }, severity: 1, reserved, message: arena.str('bad'), code: arena.str('') });

  it('accepts zeros', () => {
    expect(readCallResult(result({ diagnostic_count: 1, diagnostics: diagnostic(0) }), lint)).toMatchObject({
      ok: true,
      value: { diagnostics: [{ start: 0, end: 1, severity: 'error', message: 'bad', code: null }] },
    });
  });

  it('refuses a non-zero quire_result.reserved', () => {
    expect(readCallResult(result({ reserved: 3 }), lint)).toMatchObject({ ok: false, failure: { code: 'bad-result', detail: { field: 'reserved' } } });
  });

  it('refuses a non-zero quire_diagnostic.reserved, naming the diagnostic', () => {
    expect(readCallResult(result({ diagnostic_count: 1, diagnostics: diagnostic(9) }), lint)).toMatchObject({
      ok: false,
      failure: { code: 'bad-result', detail: { field: 'diagnostics[0].reserved' } },
    });
  });
});
