import { describe, expect, it } from 'vitest';
import { dependsOnMatch, expandReplacement, parseReplacePattern } from './replace-pattern.js';
import { escapeRegExp, matchesInLine, searchRegExp } from './search-regexp.js';
import type { MatchOptions } from './search-regexp.js';
import { previewReplacer, replacementsInLines } from './text-replacements.js';

const plain = (pattern: string, more: Partial<MatchOptions> = {}): MatchOptions => ({ pattern, isRegex: false, matchCase: false, wholeWord: false, ...more });
const regex = (pattern: string, more: Partial<MatchOptions> = {}): MatchOptions => plain(pattern, { isRegex: true, ...more });

/** Applies edits to lines the way Monaco would, for checking the result as text. */
function apply(lines: string[], query: MatchOptions, replace: string): string[] {
  const result = replacementsInLines(lines, query, replace);
  if (!result.ok) throw new Error(result.error.message);
  const out = [...lines];
  for (const edit of [...result.value].reverse()) {
    const line = out[edit.line - 1] as string;
    out[edit.line - 1] = line.slice(0, edit.startColumn - 1) + edit.text + line.slice(edit.endColumn - 1);
  }
  return out;
}

function spans(query: MatchOptions, line: string): [number, number][] {
  const compiled = searchRegExp(query);
  if (!compiled.ok) throw new Error(compiled.error.message);
  return matchesInLine(compiled.value, line).map(({ start, end }) => [start, end]);
}

describe('searchRegExp', () => {
  it('searches literal text literally, regex characters included', () => {
    expect(spans(plain('a.b(c)*'), 'xa.b(c)* aXb(c)')).toEqual([[1, 8]]);
    expect(spans(plain('$1 \\n [x]'), 'cost $1 \\n [x]!')).toEqual([[5, 14]]);
    expect(escapeRegExp('a-b/c')).toBe('a-b/c');
  });

  it('ignores case unless Match Case', () => {
    expect(spans(plain('foo'), 'Foo FOO foo')).toEqual([[0, 3], [4, 7], [8, 11]]);
    expect(spans(plain('foo', { matchCase: true }), 'Foo FOO foo')).toEqual([[8, 11]]);
    expect(spans(plain('straße'), 'STRASSE Straße')).toEqual([[8, 14]]);
  });

  it('matches whole words only with Match Whole Word, Unicode letters counting as word characters', () => {
    expect(spans(plain('foo', { wholeWord: true }), 'foo foobar barfoo foo_x (foo) foo')).toEqual([[0, 3], [25, 28], [30, 33]]);
    expect(spans(plain('über', { wholeWord: true }), 'überall über')).toEqual([[8, 12]]);
    expect(spans(plain('foo', { wholeWord: true }), 'éfoo foo')).toEqual([[5, 8]]);
    // A pattern ending in punctuation: only the character after the match decides.
    expect(spans(plain('foo-', { wholeWord: true }), 'foo-- foo-bar')).toEqual([[0, 4]]);
  });

  it('takes regex syntax, alternation included, under Whole Word as one group', () => {
    expect(spans(regex('ba[rz]'), 'bar baz bat')).toEqual([[0, 3], [4, 7]]);
    expect(spans(regex('cat|dog', { wholeWord: true }), 'cats dog catalog cat')).toEqual([[5, 8], [17, 20]]);
    expect(spans(regex('\\p{Lu}\\w+', { matchCase: true }), 'hello World')).toEqual([[6, 11]]);
  });

  it('accepts escapes only valid outside Unicode mode, as ripgrep does', () => {
    expect(spans(regex('a\\-b\\:c'), 'xa-b:c')).toEqual([[1, 6]]);
  });

  it('reports a bad regex as a value with a message saying what to do', () => {
    const result = searchRegExp(regex('foo(['));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('bad-request');
    expect(result.error.message).toMatch(/^Not a valid regular expression: .+Use Regular Expression/);
  });

  it('finds empty matches once per position, without looping, astral characters kept whole', () => {
    expect(spans(regex('^'), 'abc')).toEqual([[0, 0]]);
    expect(spans(regex('x*'), 'axb')).toEqual([[0, 0], [1, 2], [2, 2], [3, 3]]);
    expect(spans(regex('(?:)'), '😀a')).toEqual([[0, 0], [2, 2], [3, 3]]);
    expect(spans(regex('$'), '')).toEqual([[0, 0]]);
  });

  it('reports matches as UTF-16 offsets, past astral characters', () => {
    expect(spans(plain('b'), '😀b')).toEqual([[2, 3]]);
  });
});

describe('replace patterns', () => {
  const expand = (replace: string, pattern: string, line: string) => {
    const compiled = searchRegExp(regex(pattern, { matchCase: true }));
    if (!compiled.ok) throw new Error(compiled.error.message);
    const [first] = matchesInLine(compiled.value, line);
    if (!first) throw new Error('no match');
    return expandReplacement(parseReplacePattern(replace, true), first.match);
  };

  it('takes the replace text literally without Use Regular Expression', () => {
    expect(parseReplacePattern('$1 \\n $&', false)).toEqual([{ kind: 'text', text: '$1 \\n $&' }]);
    expect(parseReplacePattern('', false)).toEqual([]);
  });

  it('expands groups, the whole match and escapes like VS Code', () => {
    expect(expand('$2-$1', '(\\w+)@(\\w+)', 'ann@example')).toBe('example-ann');
    expect(expand('[$&|$0]', 'b+', 'abbc')).toBe('[bb|bb]');
    expect(expand('$$1 costs $', 'x', 'x')).toBe('$1 costs $');
    expect(expand('a\\nb\\tc\\\\d\\q', 'x', 'x')).toBe('a\nb\tc\\d\\q');
    expect(expand('$<year>/$<month>', '(?<year>\\d{4})-(?<month>\\d\\d)', '2024-05')).toBe('2024/05');
  });

  it('reads $12 as group 12 when there is one, else group 1 then "2", and leaves missing groups as typed', () => {
    const twelve = '(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(l)';
    expect(expand('$12', twelve, 'abcdefghijkl')).toBe('l');
    expect(expand('$12', '(a)', 'a')).toBe('a2');
    expect(expand('$3 $<nope>', '(a)', 'a')).toBe('$3 $<nope>');
  });

  it('changes case with \\u \\l \\U \\L \\E', () => {
    expect(expand('\\u$1', '(\\w+)', 'hello')).toBe('Hello');
    expect(expand('\\l$1', '(\\w+)', 'HELLO')).toBe('hELLO');
    expect(expand('\\U$1\\E-$1', '(\\w+)', 'hello')).toBe('HELLO-hello');
    expect(expand('\\L$1 X', '(\\w+)', 'HeLLo')).toBe('hello x');
    expect(expand('\\u\\L$1', '(\\w+)', 'hELLO')).toBe('Hello');
  });

  it('knows when the replacement depends on the match', () => {
    expect(dependsOnMatch(parseReplacePattern('plain \\n', true))).toBe(false);
    expect(dependsOnMatch(parseReplacePattern('$1', true))).toBe(true);
    expect(dependsOnMatch(parseReplacePattern('$1', false))).toBe(false);
  });
});

describe('replacementsInLines', () => {
  it('replaces every match on every line, columns 1-based as Monaco wants', () => {
    const result = replacementsInLines(['foo bar foo', 'none', 'FOO'], plain('foo'), 'baz');
    expect(result).toEqual({
      ok: true,
      value: [
        { line: 1, startColumn: 1, endColumn: 4, text: 'baz' },
        { line: 1, startColumn: 9, endColumn: 12, text: 'baz' },
        { line: 3, startColumn: 1, endColumn: 4, text: 'baz' },
      ],
    });
  });

  it('gives the text the search options describe', () => {
    const lines = ['Foo foo food', 'let foo = foo2;'];
    expect(apply(lines, plain('foo', { matchCase: true, wholeWord: true }), 'x')).toEqual(['Foo x food', 'let x = foo2;']);
    expect(apply(lines, regex('fo(o)(\\d)?'), '[$1$2]')).toEqual(['[o] [o] [o]d', 'let [o] = [o2];']);
    expect(apply(['a', 'b'], regex('^'), '// ')).toEqual(['// a', '// b']);
    expect(apply(['one two'], regex('(\\w+) (\\w+)'), '$2\\n$1')).toEqual(['two\none']);
  });

  it('finds nothing in a text that changed since the search', () => {
    expect(replacementsInLines(['nothing here'], plain('foo'), 'x')).toEqual({ ok: true, value: [] });
  });

  it('works per line: a pattern never spans a line break', () => {
    expect(apply(['foo', 'bar'], regex('foo\\s*bar'), 'x')).toEqual(['foo', 'bar']);
    expect(apply(['a.', 'b'], regex('.$'), '!')).toEqual(['a!', '!']);
  });

  it('refuses a bad regex rather than guessing', () => {
    expect(replacementsInLines(['x'], regex('(('), 'y').ok).toBe(false);
  });
});

describe('previewReplacer', () => {
  it('expands per match, and says null where the replace rules do not match there', () => {
    const preview = previewReplacer(regex('(\\w+)=(\\d+)'), '$2=$1');
    expect(preview('a=1 b=2', 4, 7)).toBe('2=b');
    expect(preview('a=1 b=2', 1, 3)).toBeNull();
  });

  it('gives a fixed replacement without matching when it does not depend on the match', () => {
    const preview = previewReplacer(plain('(('), 'x$1');
    expect(preview('anything', 0, 1)).toBe('x$1');
  });
});
