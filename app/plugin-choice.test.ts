import { describe, expect, it } from 'vitest';
import { EDITOR_LANGUAGES } from './editor-languages.js';
import { choosePlugins, inPluginIdOrder, withPluginFormats } from './plugin-choice.js';
import type { FormatContribution, LinterContribution, PluginDescriptor } from './plugin-contract.js';

function format(id: string, extensions: string[], hasFormatter = true, filenames: string[] = []): FormatContribution {
  return { id, name: id.toUpperCase(), extensions, filenames, monarch: null, hasFormatter };
}

function linter(id: string, languages: string[]): LinterContribution {
  return { id, name: id, languages, onSave: true, onChange: false };
}

function plugin(id: string, formats: FormatContribution[], linters: LinterContribution[] = []): PluginDescriptor {
  return { id, name: id, version: '1.0.0', description: '', abi: { major: 1, minor: 1 }, capabilities: [], commands: [], formats, linters };
}

const csv = plugin('dev.quire.csv', [format('csv', ['.csv']), format('tsv', ['.tsv'])], [linter('field-count', ['csv', 'tsv'])]);
const jsonTools = plugin('dev.quire.json-tools', [], [linter('syntax', ['json'])]);

describe('choosePlugins (the editor and the headless commands)', () => {
  it('gives a file the formatter of the plugin whose format matches its extension, ignoring case', () => {
    const choice = choosePlugins('People.CSV', [csv], EDITOR_LANGUAGES);
    expect(choice.languageId).toBe('csv');
    expect(choice.formatter).toMatchObject({ pluginId: 'dev.quire.csv', format: { id: 'csv' } });
    expect(choice.linters.map((active) => active.owner)).toEqual(['dev.quire.csv/field-count']);
  });

  it("finds linters for the editor's own languages (JSON) though no plugin declares the format", () => {
    const choice = choosePlugins('package.json', [csv, jsonTools], EDITOR_LANGUAGES);
    expect(choice).toMatchObject({ languageId: 'json', formatter: null });
    expect(choice.linters.map((active) => active.owner)).toEqual(['dev.quire.json-tools/syntax']);
  });

  it('falls back to plain text, which a plugin may lint, for a name nothing knows', () => {
    const plain = plugin('dev.example.plain', [], [linter('spell', ['plaintext'])]);
    expect(choosePlugins('notes.xyz', [plain], EDITOR_LANGUAGES)).toMatchObject({ languageId: 'plaintext', formatter: null, linters: [{ owner: 'dev.example.plain/spell' }] });
    expect(choosePlugins('README', [plain], EDITOR_LANGUAGES).languageId).toBe('plaintext');
  });

  it('adds a format to the editor language of the same id, as Monaco merges registrations', () => {
    const json5 = plugin('dev.example.json5', [format('json', ['.json5'])]);
    expect(choosePlugins('a.json5', [json5], EDITOR_LANGUAGES)).toMatchObject({ languageId: 'json', formatter: { pluginId: 'dev.example.json5' } });
    expect(choosePlugins('a.json', [json5], EDITOR_LANGUAGES)).toMatchObject({ languageId: 'json', formatter: { pluginId: 'dev.example.json5' } });
  });

  it('prefers the longest extension, and on a tie the language listed first (the editor’s own)', () => {
    const plugins = [plugin('dev.example.a', [format('tar-list', ['.tar.txt'])]), plugin('dev.example.b', [format('notes', ['.txt'])])];
    expect(choosePlugins('x.tar.txt', plugins, EDITOR_LANGUAGES).languageId).toBe('tar-list');
    expect(choosePlugins('x.txt', plugins, EDITOR_LANGUAGES)).toMatchObject({ languageId: 'plaintext', formatter: null });
  });

  it('takes an exact file name before any extension', () => {
    const make = plugin('dev.example.make', [format('makefile', [], true, ['Makefile'])]);
    expect(choosePlugins('makefile', [make], EDITOR_LANGUAGES).languageId).toBe('makefile');
    expect(choosePlugins('Dockerfile', [make], EDITOR_LANGUAGES).languageId).toBe('dockerfile');
  });

  it('gives a format id two plugins declare to the plugin whose id sorts first', () => {
    const later = plugin('dev.zz.csv', [format('csv', ['.csv'])]);
    const earlier = plugin('dev.aa.csv', [format('csv', ['.csv'])]);
    const ready = inPluginIdOrder([later, earlier]);
    expect(choosePlugins('a.csv', ready, EDITOR_LANGUAGES).formatter?.pluginId).toBe('dev.aa.csv');
  });

  it('has no formatter for a format whose plugin gives none', () => {
    const grammarOnly = plugin('dev.example.ini', [format('conf', ['.conf'], false)]);
    expect(choosePlugins('app.conf', [grammarOnly], EDITOR_LANGUAGES)).toMatchObject({ languageId: 'conf', formatter: null });
  });
});

describe('withPluginFormats', () => {
  it('leaves the list it is given unchanged', () => {
    const languages = [{ id: 'json', extensions: ['.json'] }];
    withPluginFormats(languages, [{ pluginId: 'p', pluginName: 'P', format: format('json', ['.json5']) }]);
    expect(languages).toEqual([{ id: 'json', extensions: ['.json'] }]);
  });
});
