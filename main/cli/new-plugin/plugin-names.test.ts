import { describe, expect, it } from 'vitest';
import { PLUGIN_ID } from '../../plugin-common/abi/plugin-id.js';
import { MAX_NAME_LENGTH, pluginNames } from './plugin-names.js';

describe('pluginNames', () => {
  it('derives the id, title and every language\'s identifier from NAME', () => {
    expect(pluginNames('word-stats')).toEqual({
      ok: true,
      value: { name: 'word-stats', id: 'org.example.word-stats', title: 'Word Stats', c_name: 'word_stats', crate_name: 'word_stats', go_package: 'wordstats' },
    });
    expect(pluginNames('csv2')).toMatchObject({ ok: true, value: { id: 'org.example.csv2', title: 'Csv2', c_name: 'csv2', go_package: 'csv2' } });
  });

  it('makes ids the loader accepts, and identifiers each language accepts', () => {
    for (const name of ['a', 'x9', 'a-b-c', 'hello-world-2', 'z'.repeat(MAX_NAME_LENGTH)]) {
      const names = pluginNames(name);
      if (!names.ok) throw new Error(names.error.message);
      expect(names.value.id).toMatch(PLUGIN_ID);
      expect(names.value.c_name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      expect(names.value.crate_name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(names.value.go_package).toMatch(/^[a-z][a-z0-9]*$/);
    }
  });

  it.each([
    ['Word_Stats', 'try "word-stats"'],
    ['my plugin', 'try "my-plugin"'],
    ['2fast', 'try "fast"'],
    ['trailing-', 'try "trailing"'],
    ['double--hyphen', 'try "double-hyphen"'],
    ['../escape', 'try "escape"'],
    ['', 'lowercase letters, digits and single hyphens'],
    ['é', 'lowercase letters, digits and single hyphens'],
  ])('refuses %j, naming the rule and suggesting a name that follows it', (name, expected) => {
    const names = pluginNames(name);
    expect(names).toMatchObject({ ok: false, error: { code: 'bad-name' } });
    if (!names.ok) {
      expect(names.error.message).toContain('lowercase letters, digits and single hyphens starting with a letter');
      expect(names.error.message).toContain(expected);
    }
  });

  it('refuses a NAME longer than the limit', () => {
    const names = pluginNames('a'.repeat(MAX_NAME_LENGTH + 1));
    expect(names).toMatchObject({ ok: false, error: { code: 'bad-name' } });
    if (!names.ok) expect(names.error.message).toContain(`at most ${MAX_NAME_LENGTH}`);
  });

  it.each([['test'], ['std'], ['for'], ['fn'], ['func'], ['if'], ['type'], ['go'], ['ma-p']])(
    'refuses %j, whose identifiers would be a keyword or a name Cargo reserves',
    (name) => {
      const names = pluginNames(name);
      expect(names).toMatchObject({ ok: false, error: { code: 'bad-name' } });
      if (!names.ok) expect(names.error.message).toMatch(/keyword or reserved name in C, C\+\+, Rust or Go; choose another name \(e\.g\. ".*-plugin"\)/);
    },
  );
});
