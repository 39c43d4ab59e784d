import type { Outcome } from '../../../app/contract.js';
import { dependsOnMatch, expandReplacement, parseReplacePattern } from './replace-pattern.js';
import { matchesInLine, searchRegExp } from './search-regexp.js';
import type { MatchOptions } from './search-regexp.js';

/** One replacement in a text: 1-based line, 1-based UTF-16 columns (Monaco's), end exclusive. */
export interface LineEdit {
  line: number;
  startColumn: number;
  endColumn: number;
  text: string;
}

/**
 * What Replace All changes in a text given as its lines (without line breaks): every match of
 * the query, line by line as the search found them, with the replace box's text expanded for
 * each match. Computed against the text as it is now, not as the search saw it, so edits made
 * since the search are respected; an empty list means nothing matches any more.
 */
export function replacementsInLines(lines: readonly string[], query: MatchOptions, replace: string): Outcome<LineEdit[]> {
  const regex = searchRegExp(query);
  if (!regex.ok) return regex;
  const pattern = parseReplacePattern(replace, query.isRegex);
  const edits: LineEdit[] = [];
  lines.forEach((text, index) => {
    for (const { start, end, match } of matchesInLine(regex.value, text)) {
      edits.push({ line: index + 1, startColumn: start + 1, endColumn: end + 1, text: expandReplacement(pattern, match) });
    }
  });
  return { ok: true, value: edits };
}

/**
 * The replacement text for a match the search reported (for the results' preview), or null when
 * the query does not match exactly there by the replace's own rules. Built once per query and
 * replace text; a replacement that does not depend on the match is not matched at all.
 */
export function previewReplacer(query: MatchOptions, replace: string): (line: string, start: number, end: number) => string | null {
  const pattern = parseReplacePattern(replace, query.isRegex);
  if (!dependsOnMatch(pattern)) {
    const fixed = pattern.map((piece) => (piece.kind === 'text' ? piece.text : '')).join('');
    return () => fixed;
  }
  const regex = searchRegExp(query);
  if (!regex.ok) return () => null;
  return (line, start, end) => {
    const found = matchesInLine(regex.value, line).find((match) => match.start === start && match.end === end);
    return found ? expandReplacement(pattern, found.match) : null;
  };
}
