/**
 * settings.json as text: read as JSON with comments and trailing commas (as VS Code writes it),
 * checked key by key, and changed key by key so that the user's comments, order and other keys
 * survive when Quire itself writes a setting (a plugin disabled from the Plugins panel).
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { applyEdits, modify, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { SettingsProblem } from '../../app/workspace-contract.js';
import { errnoOf } from '../services/fs-errors.js';
import { defaultSettings, isSettingKey, SETTING_DEFINITIONS, type ResolvedSettings, type SettingKey } from '../../app/settings-schema.js';

export const SETTINGS_FILE_NAME = 'settings.json';

/** A file bigger than this is not a settings file anyone wrote by hand. */
const MAX_SETTINGS_BYTES = 4 * 1024 * 1024;

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

export interface LoadedSettings {
  values: ResolvedSettings;
  problems: SettingsProblem[];
  /** The file's text as read; null when there is none (defaults apply). */
  text: string | null;
}

/** Problems with the whole file rather than one key carry this key. */
export const WHOLE_FILE = '';

/** Checks settings.json's text. Never throws: whatever is wrong is a problem, and its default applies. */
export function parseSettings(text: string): Omit<LoadedSettings, 'text'> {
  const values = defaultSettings();
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, PARSE_OPTIONS);
  const firstError = errors[0];
  if (firstError) {
    const { line, column } = lineAndColumn(text, firstError.offset);
    return {
      values,
      problems: [
        {
          key: WHOLE_FILE,
          message: `settings.json is not valid JSON (line ${line}, column ${column}: ${describeParseError(firstError)}); every setting has its default until it is fixed`,
        },
      ],
    };
  }
  if (root === undefined) return { values, problems: [] };
  if (root.type !== 'object') {
    return { values, problems: [{ key: WHOLE_FILE, message: 'settings.json must hold one object ({ "key": value, … }); every setting has its default until it is fixed' }] };
  }
  const problems: SettingsProblem[] = [];
  for (const property of root.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || !valueNode) continue;
    const key = String(keyNode.value);
    if (!isSettingKey(key)) {
      problems.push({ key, message: 'unknown setting; it is ignored' });
      continue;
    }
    const read = SETTING_DEFINITIONS[key].read(plainValue(valueNode), key);
    (values as unknown as Record<SettingKey, unknown>)[key] = read.value;
    problems.push(...read.problems);
  }
  return { values, problems };
}

/** Reads and checks the file; a missing file is no problem (the defaults), an unreadable one is. */
export async function loadSettings(file: string): Promise<LoadedSettings> {
  try {
    return settingsFromBytes(await readFile(file));
  } catch (error) {
    return settingsFromReadError(error);
  }
}

/** The same, synchronously: for the first read, so every service starts with the user's settings. */
export function loadSettingsSync(file: string): LoadedSettings {
  try {
    return settingsFromBytes(readFileSync(file));
  } catch (error) {
    return settingsFromReadError(error);
  }
}

function settingsFromBytes(bytes: Buffer): LoadedSettings {
  if (bytes.length > MAX_SETTINGS_BYTES) {
    return {
      values: defaultSettings(),
      problems: [{ key: WHOLE_FILE, message: `settings.json is ${bytes.length} bytes, more than a settings file can be; every setting has its default` }],
      text: null,
    };
  }
  // A BOM some Windows editors add is no part of the JSON.
  const text = new TextDecoder('utf-8').decode(bytes);
  return { ...parseSettings(text), text };
}

function settingsFromReadError(error: unknown): LoadedSettings {
  const code = errnoOf(error);
  if (code === 'ENOENT') return { values: defaultSettings(), problems: [], text: null };
  return {
    values: defaultSettings(),
    problems: [{ key: WHOLE_FILE, message: `settings.json could not be read (${code ?? String(error)}); every setting has its default` }],
    text: null,
  };
}

export type SettingChanges = { [K in SettingKey]?: ResolvedSettings[K] };

/**
 * The file's text with these keys set, everything else as it was (comments included). Null
 * when the text is not valid JSON: changing it blindly could destroy what the user wrote.
 */
export function withSettings(text: string | null, changes: SettingChanges): string | null {
  let result = text === null || text.trim() === '' ? '{}\n' : text;
  const errors: ParseError[] = [];
  const root = parseTree(result, errors, PARSE_OPTIONS);
  if (errors.length > 0 || root?.type !== 'object') return null;
  const indent = detectIndent(result);
  for (const [key, value] of Object.entries(changes)) {
    const edits = modify(result, [key], value, { formattingOptions: { insertSpaces: indent.insertSpaces, tabSize: indent.tabSize, eol: result.includes('\r\n') ? '\r\n' : '\n' } });
    result = applyEdits(result, edits);
  }
  return result;
}

/** The JSON value of a parse tree node, objects built with own properties only (`__proto__` stays a key). */
function plainValue(node: Node): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries(
        (node.children ?? []).flatMap((property) => {
          const [keyNode, valueNode] = property.children ?? [];
          return keyNode && valueNode ? [[String(keyNode.value), plainValue(valueNode)]] : [];
        }),
      );
    case 'array':
      return (node.children ?? []).map(plainValue);
    default:
      return node.value;
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** "CommaExpected" → "comma expected". */
function describeParseError(error: ParseError): string {
  return printParseErrorCode(error.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

function detectIndent(text: string): { insertSpaces: boolean; tabSize: number } {
  const indented = /^([ \t]+)"/m.exec(text)?.[1];
  if (indented?.startsWith('\t')) return { insertSpaces: false, tabSize: 1 };
  return { insertSpaces: true, tabSize: indented?.length ?? 2 };
}
