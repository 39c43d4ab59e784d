import { describe, expect, it } from 'vitest';
import { collectMonarchRegexes, substituteAttributes } from './monarch-regexes.js';

const sources = (grammar: Record<string, unknown>) => collectMonarchRegexes('lang', grammar).map((regex) => regex.source);

describe('collectMonarchRegexes', () => {
  it('anchors each rule as Monarch compiles it, dropping a leading ^ first', () => {
    expect(sources({ tokenizer: { root: [['a+', 'x'], { regex: '^#.*', action: 'comment' }, ['b', 'y', '@other']], other: [['c', 'z']] } })).toEqual([
      '^(?:a+)',
      '^(?:#.*)',
      '^(?:b)',
      '^(?:c)',
    ]);
  });

  it('names each regex by the state and index where it is written, once, however often it is included', () => {
    const found = collectMonarchRegexes('lang', { tokenizer: { root: [{ include: '@common' }, ['x', 'x']], body: [{ include: 'common' }], common: [['\\d+', 'number']] } });
    expect(found.map((regex) => regex.location)).toEqual([
      { state: 'root', rule: 1, guard: null },
      { state: 'common', rule: 0, guard: null },
    ]);
  });

  it('uses the grammar’s ignoreCase and unicode as flags', () => {
    expect(collectMonarchRegexes('lang', { ignoreCase: true, unicode: true, tokenizer: { root: [['a', 'x']] } })[0]?.flags).toBe('iu');
    expect(collectMonarchRegexes('lang', { tokenizer: { root: [['a', 'x']] } })[0]?.flags).toBe('');
  });

  it('collects guard regexes of cases, nested in groups, but not keyword lists or comparisons', () => {
    const action = [{ cases: { '~a+b': 'x', '$1~(c|d)+': { cases: { '!~e*': 'y' } }, 'if|else': 'k', '==x': 'z', '@keywords': 'w', '@default': 'v' } }];
    expect(sources({ keywords: ['if'], tokenizer: { root: [['(\\w+)', action]] } })).toEqual(['^(?:(\\w+))', '^a+b$', '^(c|d)+$', '^e*$']);
  });
});

/** Monaco's own Monarch compiler, to prove the collector builds the same regexes. */
interface CompiledLexer {
  tokenizer: Record<string, { regex: RegExp | ((state: string) => RegExp) }[]>;
}
const monarchCompile = 'monaco-editor/editor/standalone/common/monarch/monarchCompile.js';
const { compile } = (await import(monarchCompile)) as { compile(languageId: string, json: unknown): CompiledLexer };

describe('collectMonarchRegexes against Monaco’s compiler', () => {
  const grammars: Record<string, unknown>[] = [
    { tokenizer: { root: [['a+', 'x'], { regex: '^#.*', action: 'comment' }, { include: '@other' }], other: [['c@@d', 'z']] } },
    { word: '@letters+', letters: '[a-c]', ignoreCase: true, tokenizer: { root: [['^(@word)*$', 'x'], ['@languageId|@defaultToken', 'y']] } },
    { unicode: true, defaultToken: 'text', digits: '\\p{Nd}+', tokenizer: { root: [['@digits', 'number', '@pop'], ['x' /* a rule without an action */]] } },
  ];
  for (const [index, grammar] of grammars.entries()) {
    it(`builds the same rule regexes and flags as monarchCompile (grammar ${index})`, () => {
      const lexer = compile('lang', structuredClone(grammar));
      const monaco = new Set(
        Object.values(lexer.tokenizer)
          .flat()
          .map(({ regex }) => (typeof regex === 'function' ? regex('root') : regex))
          .map((regex) => `/${regex.source}/${regex.flags}`),
      );
      const ours = new Set(
        collectMonarchRegexes('lang', grammar)
          .filter((regex) => regex.location.guard === null)
          .map((regex) => `/${new RegExp(regex.source, regex.flags).source}/${regex.flags}`),
      );
      expect(ours).toEqual(monaco);
    });
  }
});

describe('substituteAttributes', () => {
  const view = { digits: '\\d+', number: '@digits(?:\\.@digits)?', empty: '', languageId: 'lang', list: ['a'] };

  it('expands attributes into groups, attributes inside attributes too, and @@ to a literal @', () => {
    expect(substituteAttributes(view, '@number|@@x')).toBe('(?:(?:\\d+)(?:\\.(?:\\d+))?)|@x');
    expect(substituteAttributes(view, 'a@empty')).toBe('a');
    expect(substituteAttributes(view, '@languageId')).toBe('(?:lang)');
  });

  it('gives up where Monaco throws: a missing or non-string attribute', () => {
    expect(substituteAttributes(view, '@nothing')).toBeNull();
    expect(substituteAttributes(view, '@list')).toBeNull();
    expect(substituteAttributes(view, '@constructor')).toBeNull();
  });

  it('stops after five rounds, as Monaco does, leaving the rest literal', () => {
    const selfReferential = { loop: '@loop' };
    expect(substituteAttributes(selfReferential, '@loop')).toBe('(?:(?:(?:(?:(?:@loop)))))');
  });
});
