import type { Outcome } from '../../../app/contract.js';
import type { SearchQuery } from '../../../app/workspace-contract.js';

/** The query options that decide what matches (the globs decide only where). */
export type MatchOptions = Pick<SearchQuery, 'pattern' | 'isRegex' | 'matchCase' | 'wholeWord'>;

/** ripgrep's `\w`, as the built-in search (main/search/search-regexp.ts) spells it too. */
const WORD_CHAR_UNICODE = String.raw`[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]`;
const WORD_CHAR_ASCII = String.raw`[A-Za-z0-9_]`;

/** A literal text as a pattern matching exactly it. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The query as a global JavaScript RegExp that matches within one line, as the search engines
 * do (ripgrep and the built-in search both work line by line): the text escaped unless it is a
 * regex, case-insensitive unless Match Case, and for Match Whole Word no word character right
 * before or after the match (ripgrep's `-w`, with Unicode word characters like its `\w`).
 * Unicode mode where the pattern allows it, so `\p{L}` and astral characters work; patterns
 * only valid without it (`\-`, `\:`, which ripgrep accepts too) compile without it.
 */
export function searchRegExp(options: MatchOptions): Outcome<RegExp> {
  const source = options.isRegex ? options.pattern : escapeRegExp(options.pattern);
  const flags = options.matchCase ? 'g' : 'gi';
  const unicode = compile(source, options.wholeWord, WORD_CHAR_UNICODE, `${flags}u`);
  if (unicode) return { ok: true, value: unicode };
  const plain = compile(source, options.wholeWord, WORD_CHAR_ASCII, flags);
  if (plain) return { ok: true, value: plain };
  return { ok: false, error: { code: 'bad-request', message: regexErrorMessage(source, flags) } };
}

function compile(source: string, wholeWord: boolean, wordChar: string, flags: string): RegExp | null {
  const wrapped = wholeWord ? `(?<!${wordChar})(?:${source})(?!${wordChar})` : source;
  try {
    return new RegExp(wrapped, flags);
  } catch {
    return null;
  }
}

function regexErrorMessage(source: string, flags: string): string {
  try {
    new RegExp(source, flags);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
    return `Not a valid regular expression: ${reason}. Fix the pattern, or turn off Use Regular Expression (Alt+R) to search for the text as typed.`;
  }
  return 'Not a valid regular expression. Fix the pattern, or turn off Use Regular Expression (Alt+R) to search for the text as typed.';
}

/** One match in a line: UTF-16 offsets, end exclusive, with the regex's capture groups. */
export interface LineMatch {
  start: number;
  end: number;
  match: RegExpExecArray;
}

/**
 * Every match of `regex` (global) in `line`, left to right, empty matches included (a regex
 * like `^` matches every line, which is how a prefix is added to lines) without looping on them.
 */
export function matchesInLine(regex: RegExp, line: string): LineMatch[] {
  const found: LineMatch[] = [];
  regex.lastIndex = 0;
  for (let match = regex.exec(line); match !== null; match = regex.exec(line)) {
    const start = match.index;
    const end = start + match[0].length;
    found.push({ start, end, match });
    if (end === start) {
      if (start >= line.length) break;
      // Past the whole character: in Unicode mode an empty match never splits a surrogate pair.
      const astral = regex.unicode && (line.codePointAt(start) ?? 0) > 0xffff;
      regex.lastIndex = start + (astral ? 2 : 1);
    }
  }
  regex.lastIndex = 0;
  return found;
}
