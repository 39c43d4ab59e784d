/**
 * The built-in search's matcher: a JavaScript RegExp for a query, close to what ripgrep does
 * with the same options. Whole word follows ripgrep's `-w`: the match must not touch a
 * word character (Unicode letters, marks, digits, connector punctuation) on either side.
 */
import type { SearchQuery } from '../../app/workspace-contract.js';
import type { EngineError } from './search-engine.js';

const UNICODE_WORD = '[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}]';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function build(query: SearchQuery, unicode: boolean): RegExp {
  const body = query.isRegex ? query.pattern : escapeRegExp(query.pattern);
  const word = unicode ? UNICODE_WORD : '\\w';
  const source = query.wholeWord ? `(?<!${word})(?:${body})(?!${word})` : body;
  return new RegExp(source, `g${query.matchCase ? '' : 'i'}${unicode ? 'u' : ''}`);
}

export function searchRegExp(query: SearchQuery): { ok: true; regexp: RegExp } | { ok: false; error: EngineError } {
  try {
    return { ok: true, regexp: build(query, true) };
  } catch (unicodeError) {
    // Unicode mode refuses escapes that plain mode and ripgrep take (`\-`, `\:`).
    try {
      return { ok: true, regexp: build(query, false) };
    } catch {
      const reason = unicodeError instanceof Error ? (unicodeError.message.split(': ').at(-1) ?? unicodeError.message) : String(unicodeError);
      const shown = query.pattern.length > 200 ? `${query.pattern.slice(0, 200)}…` : query.pattern;
      return { ok: false, error: { code: 'bad-request', message: `The regular expression "${shown}" is not valid: ${reason}.` } };
    }
  }
}
