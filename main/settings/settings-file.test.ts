import { describe, expect, it } from 'vitest';
import { parseSettings, withSettings, WHOLE_FILE } from './settings-file.js';
import { activeGlobs, defaultSettings } from '../../app/settings-schema.js';

describe('parseSettings', () => {
  it('gives the documented defaults for an empty file, with no problems', () => {
    expect(parseSettings('')).toEqual({ values: defaultSettings(), problems: [] });
    expect(parseSettings('  {}  ')).toEqual({ values: defaultSettings(), problems: [] });
    const defaults = defaultSettings();
    expect(defaults).toMatchObject({ hotExit: true, 'editor.fontSize': 14, 'editor.tabSize': 4, 'editor.insertSpaces': true, 'editor.wordWrap': 'off', 'plugins.trust': 'ask' });
    expect(activeGlobs(defaults['files.exclude'])).toEqual(['**/.git', '**/node_modules', '**/.DS_Store', '**/.hg', '**/.svn', '**/CVS', '**/Thumbs.db']);
    expect(defaults['search.exclude']).toEqual({});
  });

  it('accepts comments and trailing commas, as VS Code writes settings.json', () => {
    const text = `// my settings
{
  /* bigger text */
  "editor.fontSize": 18,
  "editor.wordWrap": "on", // wrap long lines
  "hotExit": false,
}
`;
    const { values, problems } = parseSettings(text);
    expect(problems).toEqual([]);
    expect(values).toMatchObject({ 'editor.fontSize': 18, 'editor.wordWrap': 'on', hotExit: false, 'editor.tabSize': 4 });
  });

  it('ignores an invalid value, keeps its default, names the key, and keeps every valid key', () => {
    const { values, problems } = parseSettings(
      JSON.stringify({ 'editor.fontSize': 'huge', 'editor.tabSize': 2.5, 'editor.wordWrap': 'bounded', hotExit: 'yes', 'editor.insertSpaces': false, 'plugins.trust': 'everyone' }),
    );
    expect(values).toMatchObject({ 'editor.fontSize': 14, 'editor.tabSize': 4, 'editor.wordWrap': 'off', hotExit: true, 'editor.insertSpaces': false, 'plugins.trust': 'ask' });
    expect(problems).toEqual([
      { key: 'editor.fontSize', message: 'must be a number from 6 to 100; using 14' },
      { key: 'editor.tabSize', message: 'must be a whole number from 1 to 32; using 4' },
      { key: 'editor.wordWrap', message: 'must be "off" or "on"; using "off"' },
      { key: 'hotExit', message: 'must be true or false; using true' },
      { key: 'plugins.trust', message: 'must be one of "ask", "signed-only", "all"; using "ask"' },
    ]);
  });

  it('reports numbers out of range, null and NaN-like values', () => {
    const { values, problems } = parseSettings('{"editor.fontSize": 500, "editor.tabSize": 0, "plugins.memoryLimitMb": null}');
    expect(values).toMatchObject({ 'editor.fontSize': 14, 'editor.tabSize': 4, 'plugins.memoryLimitMb': 1024 });
    expect(problems.map((problem) => problem.key)).toEqual(['editor.fontSize', 'editor.tabSize', 'plugins.memoryLimitMb']);
  });

  it('warns about unknown keys and ignores them', () => {
    const { values, problems } = parseSettings('{"editor.fontSise": 20, "editor.fontSize": 16}');
    expect(values['editor.fontSize']).toBe(16);
    expect(problems).toEqual([{ key: 'editor.fontSise', message: 'unknown setting; it is ignored' }]);
  });

  it('reports a file that is not JSON as one problem, with where, and uses every default', () => {
    const { values, problems } = parseSettings('{\n  "editor.fontSize": 20\n  "hotExit": false\n}');
    expect(values).toEqual(defaultSettings());
    expect(problems).toHaveLength(1);
    expect(problems[0]?.key).toBe(WHOLE_FILE);
    expect(problems[0]?.message).toMatch(/^settings\.json is not valid JSON \(line 3, column 3: comma expected\)/);
  });

  it('reports a file whose top level is not an object', () => {
    for (const text of ['[]', '42', '"hotExit"', 'null']) {
      const { values, problems } = parseSettings(text);
      expect(values).toEqual(defaultSettings());
      expect(problems).toEqual([{ key: WHOLE_FILE, message: expect.stringContaining('must hold one object') }]);
    }
  });

  it('lays the user\'s exclude patterns over the defaults: false shows a default one again', () => {
    const { values, problems } = parseSettings(JSON.stringify({ 'files.exclude': { '**/.git': false, '**/dist': true }, 'search.exclude': { '**/*.min.js': true } }));
    expect(problems).toEqual([]);
    expect(activeGlobs(values['files.exclude'])).toEqual(['**/node_modules', '**/.DS_Store', '**/.hg', '**/.svn', '**/CVS', '**/Thumbs.db', '**/dist']);
    expect(activeGlobs(values['search.exclude'])).toEqual(['**/*.min.js']);
  });

  it('drops only the bad entries of an exclude map, and all of a map that is not one', () => {
    const entries = parseSettings(JSON.stringify({ 'files.exclude': { '**/out': true, '**/*.js': { when: '$(basename).ts' }, '': true } }));
    expect(activeGlobs(entries.values['files.exclude'])).toContain('**/out');
    expect(activeGlobs(entries.values['files.exclude'])).not.toContain('**/*.js');
    expect(entries.problems.map((problem) => problem.key)).toEqual(['files.exclude', 'files.exclude']);
    expect(entries.problems[0]?.message).toContain('"**/*.js" must be true or false');

    const wrongType = parseSettings('{"search.exclude": ["**/dist"]}');
    expect(wrongType.values['search.exclude']).toEqual({});
    expect(wrongType.problems).toEqual([{ key: 'search.exclude', message: expect.stringContaining('must be an object of glob patterns') }]);
  });

  it('checks each plugin deadline on its own', () => {
    const { values, problems } = parseSettings(JSON.stringify({ pluginDeadlinesMs: { command: 300, lint: 5, format: 'slow', build: 1000 } }));
    expect(values.pluginDeadlinesMs).toEqual({ command: 300 });
    expect(problems.map((problem) => problem.key)).toEqual(['pluginDeadlinesMs.lint', 'pluginDeadlinesMs.format', 'pluginDeadlinesMs.build']);
  });

  it('treats "__proto__" as an unknown key, never as the object\'s prototype', () => {
    const { values, problems } = parseSettings('{"__proto__": {"hotExit": false, "editor.fontSize": 40}, "files.exclude": {"__proto__": true}}');
    expect(values.hotExit).toBe(true);
    expect(values['editor.fontSize']).toBe(14);
    expect(problems[0]).toEqual({ key: '__proto__', message: 'unknown setting; it is ignored' });
    expect(Object.keys(values['files.exclude'])).toContain('__proto__');
    expect(({} as Record<string, unknown>).hotExit).toBeUndefined();
  });
});

describe('withSettings', () => {
  it('changes only the given keys, keeping comments, order and the other keys', () => {
    const text = '{\n  // keep me\n  "editor.fontSize": 18,\n  "disabledPlugins": ["/a.so"],\n  "mystery": 1, /* and me */\n}\n';
    const changed = withSettings(text, { disabledPlugins: ['/a.so', '/b.so'] });
    expect(changed).toContain('// keep me');
    expect(changed).toContain('/* and me */');
    expect(changed).toContain('"mystery": 1');
    expect(parseSettings(changed ?? '').values).toMatchObject({ 'editor.fontSize': 18, disabledPlugins: ['/a.so', '/b.so'] });
  });

  it('creates the object for a missing or empty file, and keeps a file\'s CRLF line endings and tab indent', () => {
    expect(JSON.parse(withSettings(null, { hotExit: false }) ?? '')).toEqual({ hotExit: false });
    const crlf = withSettings('{\r\n\t"editor.fontSize": 18\r\n}\r\n', { hotExit: false }) ?? '';
    expect(crlf).toContain('\r\n\t"hotExit": false');
    expect(crlf.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('refuses to change a file that is not valid JSON rather than guess', () => {
    expect(withSettings('{ "editor.fontSize": 18 "oops" }', { hotExit: false })).toBeNull();
    expect(withSettings('[1, 2]', { hotExit: false })).toBeNull();
  });
});
