/**
 * The koffi mirror of quire_plugin.h against what a C compiler lays out for the header itself.
 * The build (scripts/build-native.mjs) compiles native/abi-layout/print-layout.c against the
 * header and writes every struct's size, alignment and field offsets as JSON; every koffi
 * struct is compared with it field by field, both ways, so a field added, moved or retyped on
 * one side only fails here.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import koffi, { type TypeObject } from 'koffi';
import { describe, expect, it } from 'vitest';
import { CAPABILITY_BITS } from '../../plugin-common/abi/capabilities.js';
import {
  CommandStruct,
  DIAGNOSTIC_LAYOUT,
  DiagnosticStruct,
  DOCUMENT_LAYOUT,
  DocumentStruct,
  EDIT_LAYOUT,
  EditStruct,
  FormatStruct,
  HOST_ABI_MAJOR,
  HOST_ABI_MINOR,
  HOST_TABLE_LAYOUT,
  HostStruct,
  LIMITS,
  LINT_ON_CHANGE,
  LINT_ON_SAVE,
  LinterStruct,
  MIN_PLUGIN_STRUCT_SIZE,
  MIN_RESULT_STRUCT_SIZE,
  PLUGIN_CAPABILITIES_OFFSET,
  PLUGIN_RESERVED2_OFFSET,
  PluginStruct,
  PluginStruct1_0,
  RangeStruct,
  RESULT_HAS_TEXT,
  RESULT_LAYOUT,
  ResultStruct,
  SELECTION_SIZE,
  SelectionStruct,
  STATUS_ERROR,
  STATUS_OK,
  StrStruct,
} from './native-abi.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const LAYOUT_JSON = path.join(ROOT, 'build', 'abi-layout', 'quire-abi-layout.json');
const SOURCES = [path.join(ROOT, 'native', 'include', 'quire_plugin.h'), path.join(ROOT, 'native', 'abi-layout', 'print-layout.c')];

interface CLayout {
  structs: Record<string, { size: number; align: number; fields: { name: string; offset: number; size: number }[] }>;
  constants: Record<string, number>;
}

/** What the build's layout program printed; refused when older than the header it describes. */
function compilerLayout(): CLayout {
  const rebuild = 'run `node scripts/build-native.mjs` (or `npm run build`)';
  if (!existsSync(LAYOUT_JSON)) throw new Error(`${path.relative(ROOT, LAYOUT_JSON)} is missing: ${rebuild}`);
  const built = statSync(LAYOUT_JSON).mtimeMs;
  for (const source of SOURCES) {
    if (statSync(source).mtimeMs > built) throw new Error(`${path.relative(ROOT, source)} changed after the ABI layout was printed: ${rebuild}`);
  }
  return JSON.parse(readFileSync(LAYOUT_JSON, 'utf8')) as CLayout;
}

/** Every struct of the header, and the koffi type that mirrors it. */
const MIRRORS: Record<string, TypeObject> = {
  quire_str: StrStruct,
  quire_range: RangeStruct,
  quire_selection: SelectionStruct,
  quire_document: DocumentStruct,
  quire_host: HostStruct,
  quire_edit: EditStruct,
  quire_diagnostic: DiagnosticStruct,
  quire_result: ResultStruct,
  quire_command: CommandStruct,
  quire_format: FormatStruct,
  quire_linter: LinterStruct,
  quire_plugin: PluginStruct,
};

function koffiFields(type: TypeObject): { name: string; offset: number; size: number }[] {
  const members = (koffi.type(type) as unknown as { members: Record<string, { name: string; offset: number; type: { size: number } }> }).members;
  return Object.values(members).map((member) => ({ name: member.name, offset: member.offset, size: member.type.size }));
}

describe('the koffi structs as the compiler lays out quire_plugin.h', () => {
  const c = compilerLayout();

  it('mirrors every struct of the header, and no other', () => {
    expect(Object.keys(MIRRORS).sort()).toEqual(Object.keys(c.structs).sort());
  });

  for (const [name, type] of Object.entries(MIRRORS)) {
    it(`${name}: size, alignment and every field's offset and size`, () => {
      const expected = c.structs[name];
      if (!expected) throw new Error(`print-layout.c does not print ${name}`);
      expect(koffi.sizeof(type), `sizeof(${name})`).toBe(expected.size);
      expect(koffi.alignof(type), `alignof(${name})`).toBe(expected.align);
      expect(koffiFields(type)).toEqual(expected.fields);
      for (const field of expected.fields) expect(koffi.offsetof(type, field.name), `${name}.${field.name}`).toBe(field.offset);
    });
  }

  it('derives every layout the loader uses from those structs', () => {
    const offset = (struct: string, field: string) => c.structs[struct]?.fields.find((f) => f.name === field)?.offset;
    const size = (struct: string) => c.structs[struct]?.size;
    const str = (struct: string, field: string, part: 'ptr' | 'len') => (offset(struct, field) ?? NaN) + (offset('quire_str', part) ?? NaN);
    expect(DOCUMENT_LAYOUT).toEqual({
      size: size('quire_document'),
      structSize: offset('quire_document', 'struct_size'),
      selectionCount: offset('quire_document', 'selection_count'),
      textPtr: str('quire_document', 'text', 'ptr'),
      textLen: str('quire_document', 'text', 'len'),
      languagePtr: str('quire_document', 'language_id', 'ptr'),
      languageLen: str('quire_document', 'language_id', 'len'),
      pathPtr: str('quire_document', 'path', 'ptr'),
      pathLen: str('quire_document', 'path', 'len'),
      selections: offset('quire_document', 'selections'),
    });
    expect(SELECTION_SIZE).toBe(size('quire_selection'));
    expect(HOST_TABLE_LAYOUT).toEqual({
      size: size('quire_host'),
      structSize: offset('quire_host', 'struct_size'),
      abiMajor: offset('quire_host', 'abi_major'),
      abiMinor: offset('quire_host', 'abi_minor'),
      log: offset('quire_host', 'log'),
    });
    expect(RESULT_LAYOUT).toEqual({
      size: size('quire_result'),
      structSize: offset('quire_result', 'struct_size'),
      status: offset('quire_result', 'status'),
      flags: offset('quire_result', 'flags'),
      editCount: offset('quire_result', 'edit_count'),
      diagnosticCount: offset('quire_result', 'diagnostic_count'),
      reserved: offset('quire_result', 'reserved'),
      message: offset('quire_result', 'message'),
      text: offset('quire_result', 'text'),
      edits: offset('quire_result', 'edits'),
      diagnostics: offset('quire_result', 'diagnostics'),
    });
    expect(EDIT_LAYOUT).toEqual({ size: size('quire_edit'), range: offset('quire_edit', 'range'), text: offset('quire_edit', 'text') });
    expect(DIAGNOSTIC_LAYOUT).toEqual({
      size: size('quire_diagnostic'),
      range: offset('quire_diagnostic', 'range'),
      severity: offset('quire_diagnostic', 'severity'),
      reserved: offset('quire_diagnostic', 'reserved'),
      message: offset('quire_diagnostic', 'message'),
      code: offset('quire_diagnostic', 'code'),
    });
    expect(MIN_RESULT_STRUCT_SIZE).toBe(size('quire_result'));
  });

  it('puts the 1.1 fields of quire_plugin right after the 1.0 struct', () => {
    const plugin = c.structs.quire_plugin?.fields ?? [];
    const at = (field: string) => plugin.find((f) => f.name === field)?.offset;
    expect(PLUGIN_CAPABILITIES_OFFSET).toBe(at('capabilities'));
    expect(PLUGIN_RESERVED2_OFFSET).toBe(at('reserved2'));
    expect(MIN_PLUGIN_STRUCT_SIZE).toBe(at('capabilities'));
    // The 1.0 prefix is the 1.1 struct up to capabilities, field for field.
    expect(koffiFields(PluginStruct1_0)).toEqual(plugin.filter((f) => f.offset < (at('capabilities') ?? 0)));
  });

  it('has the header\'s versions, flags and capability bits', () => {
    const k = c.constants;
    expect(HOST_ABI_MAJOR).toBe(k.QUIRE_ABI_MAJOR);
    expect(HOST_ABI_MINOR).toBe(k.QUIRE_ABI_MINOR);
    expect([STATUS_OK, STATUS_ERROR, RESULT_HAS_TEXT]).toEqual([k.QUIRE_STATUS_OK, k.QUIRE_STATUS_ERROR, k.QUIRE_RESULT_HAS_TEXT]);
    expect([LINT_ON_SAVE, LINT_ON_CHANGE]).toEqual([k.QUIRE_LINT_ON_SAVE, k.QUIRE_LINT_ON_CHANGE]);
    expect(CAPABILITY_BITS['read-document-folder']).toBe(k.QUIRE_CAP_READ_DOCUMENT_FOLDER);
    expect(CAPABILITY_BITS.network).toBe(k.QUIRE_CAP_NETWORK);
  });
});

describe('the limits the header promises', () => {
  it('are the LIMITS paragraph of quire_plugin.h, number for number', () => {
    const header = readFileSync(SOURCES[0] as string, 'utf8');
    const paragraph = /LIMITS \(([\s\S]*?)\n \* -{20}/.exec(header)?.[1]?.replace(/\n \*\s*/g, ' ') ?? '';
    const number = (pattern: RegExp) => {
      const match = pattern.exec(paragraph);
      if (!match) throw new Error(`the header's LIMITS no longer say ${pattern}`);
      const [, digits, unit] = match;
      return Number((digits ?? '').replace(/\D/g, '')) * (unit === 'MiB' ? 1024 * 1024 : unit === 'KiB' ? 1024 : 1);
    };
    expect({
      descriptorString: number(/strings in the descriptor ≤ (\d+) (KiB)/),
      grammar: number(/grammars ≤ (\d+) (MiB)/),
      id: number(/ids ≤ (\d+) (bytes)/),
      commands: number(/≤ (\d+) commands/),
      formats: number(/(\d+) formats/),
      linters: number(/(\d+) linters/),
      namesPerFormat: number(/(\d+) extensions or file names per format/),
      languagesPerLinter: number(/(\d+) languages per linter/),
      resultText: number(/text ≤ (\d+) (MiB)/),
      resultEdits: number(/≤ ([\d\s]+) edits/),
      resultDiagnostics: number(/≤ ([\d\s]+) diagnostics/),
      message: number(/message ≤ (\d+) (KiB)/),
      diagnosticCode: number(/diagnostic code ≤ (\d+) (bytes)/),
      logLine: number(/log lines are cut at (\d+) (KiB)/),
    }).toEqual(Object.fromEntries(Object.entries(LIMITS).filter(([key]) => key !== 'manifest')));
  });
});
