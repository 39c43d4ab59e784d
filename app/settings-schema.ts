/**
 * Every setting settings.json may hold, declared once: its default, what it does, how a value
 * from the file is checked (main), and the JSON schema the settings editor offers completions,
 * hovers and warnings from (renderer). Each key is checked on its own, so one bad value costs
 * only that key (its default applies) and is reported with the key's name, as VS Code does;
 * nothing here throws.
 */
import { TRUST_MODES, type TrustMode } from './plugin-contract.js';
import type { EditorSettings, SettingsProblem } from './workspace-contract.js';

/** What a value read from the file amounts to: the value to use, and what was wrong with it. */
export interface SettingRead<T> {
  value: T;
  problems: SettingsProblem[];
}

/** A JSON Schema fragment (the subset Monaco's JSON language service reads). */
export type JsonSchema = Record<string, unknown>;

export interface SettingDefinition<T> {
  readonly defaultValue: T;
  read(value: unknown, key: string): SettingRead<T>;
  /** The values the check accepts, as JSON Schema. */
  readonly schema: JsonSchema;
}

/** A setting with what it does, for hovers and the README. */
export interface DescribedSetting<T> extends SettingDefinition<T> {
  readonly description: string;
}

function described<T>(definition: SettingDefinition<T>, description: string): DescribedSetting<T> {
  return { ...definition, description };
}

/** A VS Code style glob map: `{"**\/node_modules": true}`; `false` turns a default pattern off. */
export type GlobMap = Record<string, boolean>;

export type PluginCallKind = 'command' | 'format' | 'lint';
export type PluginDeadlines = Partial<Record<PluginCallKind, number>>;

export interface ResolvedSettings {
  hotExit: boolean;
  'files.exclude': GlobMap;
  'search.exclude': GlobMap;
  'editor.fontSize': number;
  'editor.tabSize': number;
  'editor.insertSpaces': boolean;
  'editor.wordWrap': 'off' | 'on';
  disabledPlugins: string[];
  pluginDeadlinesMs: PluginDeadlines;
  'plugins.trust': TrustMode;
  'plugins.requireSandbox': boolean;
  'plugins.memoryLimitMb': number;
}

export type SettingKey = keyof ResolvedSettings;

const MIN_DEADLINE_MS = 100;
const MAX_DEADLINE_MS = 10 * 60_000;
const MAX_PATHS = 10_000;
const MAX_PATH_LENGTH = 4096;

const using = (value: unknown) => `using ${JSON.stringify(value)}`;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function accepted<T>(value: T): SettingRead<T> {
  return { value, problems: [] };
}

function rejected<T>(defaultValue: T, key: string, expectation: string, fallback = using(defaultValue)): SettingRead<T> {
  return { value: defaultValue, problems: [{ key, message: `${expectation}; ${fallback}` }] };
}

function flag(defaultValue: boolean): SettingDefinition<boolean> {
  return {
    defaultValue,
    schema: { type: 'boolean' },
    read: (value, key) => (typeof value === 'boolean' ? accepted(value) : rejected(defaultValue, key, 'must be true or false')),
  };
}

function numberIn(defaultValue: number, min: number, max: number, whole: boolean): SettingDefinition<number> {
  const expectation = `must be a ${whole ? 'whole number' : 'number'} from ${min} to ${max}`;
  return {
    defaultValue,
    schema: { type: whole ? 'integer' : 'number', minimum: min, maximum: max },
    read: (value, key) =>
      typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && (!whole || Number.isInteger(value))
        ? accepted(value)
        : rejected(defaultValue, key, expectation),
  };
}

function oneOf<T extends string>(defaultValue: T, options: readonly T[]): SettingDefinition<T> {
  const quoted = options.map((option) => JSON.stringify(option));
  const expectation = options.length === 2 ? `must be ${quoted[0]} or ${quoted[1]}` : `must be one of ${quoted.join(', ')}`;
  return {
    defaultValue,
    schema: { type: 'string', enum: [...options] },
    read: (value, key) =>
      typeof value === 'string' && (options as readonly string[]).includes(value) ? accepted(value as T) : rejected(defaultValue, key, expectation),
  };
}

/**
 * A glob map. The user's patterns are laid over the defaults, as VS Code merges object
 * settings: `{"**\/dist": true}` adds a pattern, `{"**\/.git": false}` shows `.git` again.
 */
function globMap(defaultValue: GlobMap): SettingDefinition<GlobMap> {
  return {
    defaultValue,
    schema: { type: 'object', additionalProperties: { type: 'boolean' } },
    read: (value, key) => {
      if (!isPlainObject(value)) {
        return rejected(defaultValue, key, 'must be an object of glob patterns, each true or false (like {"**/dist": true})', 'using the default patterns');
      }
      const chosen: [string, boolean][] = [];
      const problems: SettingsProblem[] = [];
      for (const [pattern, on] of Object.entries(value)) {
        if (pattern.trim() === '') problems.push({ key, message: 'an empty pattern matches nothing; it is ignored' });
        else if (typeof on === 'boolean') chosen.push([pattern, on]);
        else problems.push({ key, message: `${JSON.stringify(pattern)} must be true or false (conditions are not supported); this pattern is ignored` });
      }
      // fromEntries defines own properties: a "__proto__" pattern stays a pattern.
      return { value: Object.fromEntries([...Object.entries(defaultValue), ...chosen]), problems };
    },
  };
}

function pathList(): SettingDefinition<string[]> {
  return {
    defaultValue: [],
    schema: { type: 'array', items: { type: 'string', minLength: 1, maxLength: MAX_PATH_LENGTH }, maxItems: MAX_PATHS },
    read: (value, key) =>
      Array.isArray(value) && value.length <= MAX_PATHS && value.every((item) => typeof item === 'string' && item.length > 0 && item.length <= MAX_PATH_LENGTH)
        ? accepted(value as string[])
        : rejected<string[]>([], key, 'must be a list of plugin file paths'),
  };
}

const CALL_KINDS: readonly PluginCallKind[] = ['command', 'format', 'lint'];

function deadlines(): SettingDefinition<PluginDeadlines> {
  const entry = numberIn(0, MIN_DEADLINE_MS, MAX_DEADLINE_MS, true);
  return {
    defaultValue: {},
    schema: { type: 'object', properties: Object.fromEntries(CALL_KINDS.map((kind) => [kind, entry.schema])), additionalProperties: false },
    read: (value, key) => {
      if (!isPlainObject(value)) {
        return rejected<PluginDeadlines>({}, key, 'must be an object like {"command": 5000, "lint": 2000}', "using Quire's default deadlines");
      }
      const chosen: PluginDeadlines = {};
      const problems: SettingsProblem[] = [];
      for (const [kind, ms] of Object.entries(value)) {
        const entryKey = `${key}.${kind}`;
        if (!(CALL_KINDS as readonly string[]).includes(kind)) {
          problems.push({ key: entryKey, message: `unknown kind of plugin call (known: ${CALL_KINDS.join(', ')}); it is ignored` });
          continue;
        }
        const read = entry.read(ms, entryKey);
        if (read.problems.length === 0) chosen[kind as PluginCallKind] = read.value;
        else problems.push({ key: entryKey, message: `must be a whole number of milliseconds from ${MIN_DEADLINE_MS} to ${MAX_DEADLINE_MS}; using Quire's default` });
      }
      return { value: chosen, problems };
    },
  };
}

/** Hidden from the Explorer, quick open and search unless settings.json says otherwise. */
export const DEFAULT_FILES_EXCLUDE: GlobMap = {
  '**/.git': true,
  '**/node_modules': true,
  '**/.DS_Store': true,
  '**/.hg': true,
  '**/.svn': true,
  '**/CVS': true,
  '**/Thumbs.db': true,
};

export const SETTING_DEFINITIONS: { readonly [K in SettingKey]: DescribedSetting<ResolvedSettings[K]> } = {
  hotExit: described(
    flag(true),
    'Keep unsaved changes across quits: quitting (or closing the page) does not ask, and the next start reopens them. Off: quitting asks as usual. Either way, unsaved changes survive a crash.',
  ),
  'files.exclude': described(
    globMap(DEFAULT_FILES_EXCLUDE),
    'Glob patterns (relative to the workspace folder) hidden from the Explorer, quick open and search. Yours are added to the defaults; set a default pattern to false to show it again.',
  ),
  'search.exclude': described(globMap({}), 'Glob patterns left out of search, on top of files.exclude.'),
  'editor.fontSize': described(numberIn(14, 6, 100, false), 'Font size of the editor, in pixels.'),
  'editor.tabSize': described(
    numberIn(4, 1, 32, true),
    "Spaces a tab is wide, and the indent of texts whose own indentation Quire cannot tell (a file's own indentation wins, as in VS Code).",
  ),
  'editor.insertSpaces': described(flag(true), "Indent with spaces (true) or tabs (false) where a file's own indentation does not tell."),
  'editor.wordWrap': described(oneOf<'off' | 'on'>('off', ['off', 'on']), 'Wrap long lines at the edge of the editor ("on") or scroll sideways ("off").'),
  disabledPlugins: described(pathList(), 'Plugin files (real paths) that are not loaded; the Plugins panel\'s Disable and Enable change this list.'),
  pluginDeadlinesMs: described(deadlines(), 'How long a plugin call may run before its host is stopped and restarted, in milliseconds, by kind of call.'),
  'plugins.trust': described(
    oneOf<TrustMode>('ask', TRUST_MODES),
    'Which plugin files run without asking: "ask" (trust on first use), "signed-only" (only files signed by a trusted key), or "all". --trust-plugins overrides it for one run.',
  ),
  'plugins.requireSandbox': described(flag(false), 'Refuse to run a plugin whose host could not be fully sandboxed, instead of running it unconfined.'),
  'plugins.memoryLimitMb': described(numberIn(1024, 64, 1024 * 1024, true), 'Resident memory a plugin host may use, in MiB, before Quire stops it.'),
};

export const SETTING_KEYS = Object.keys(SETTING_DEFINITIONS) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(SETTING_DEFINITIONS, key);
}

export function defaultSettings(): ResolvedSettings {
  return Object.fromEntries(SETTING_KEYS.map((key) => [key, JSON.parse(JSON.stringify(SETTING_DEFINITIONS[key].defaultValue)) as unknown])) as unknown as ResolvedSettings;
}

/** The patterns of a glob map that are on. */
export function activeGlobs(map: GlobMap): string[] {
  return Object.entries(map).flatMap(([pattern, on]) => (on ? [pattern] : []));
}

/**
 * settings.json's JSON Schema: what each key does and accepts, with comments and trailing
 * commas allowed, and unknown keys flagged.
 */
export function settingsJsonSchema(): JsonSchema {
  const properties = Object.fromEntries(
    SETTING_KEYS.map((key) => {
      const definition: DescribedSetting<unknown> = SETTING_DEFINITIONS[key];
      return [key, { ...definition.schema, description: definition.description, default: definition.defaultValue }];
    }),
  );
  return { type: 'object', properties, additionalProperties: false, allowComments: true, allowTrailingCommas: true };
}

/** The settings the renderer acts on, in the contract's shape. */
export function editorSettingsOf(values: ResolvedSettings): EditorSettings {
  return {
    hotExit: values.hotExit,
    filesExclude: activeGlobs(values['files.exclude']),
    searchExclude: activeGlobs(values['search.exclude']),
    fontSize: values['editor.fontSize'],
    tabSize: values['editor.tabSize'],
    insertSpaces: values['editor.insertSpaces'],
    wordWrap: values['editor.wordWrap'],
  };
}
