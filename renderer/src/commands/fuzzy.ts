/** Where a query matched in a text, and how well: higher scores sort first. */
export interface FuzzyMatch {
  score: number;
  /** Indexes of the matched characters in the text, ascending. */
  positions: number[];
}

/**
 * Matches `query` as a subsequence of `text` whose first character starts a word, ignoring
 * case and spaces in the query.
 * Consecutive characters and characters at the start of a word count more, so "sl" ranks
 * "Sort Lines" above "Toggle Selection". Null when some character is missing.
 */
export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const wanted = query.toLowerCase().replace(/\s+/g, '');
  if (wanted === '') return { score: 0, positions: [] };
  const haystack = text.toLowerCase();
  const positions: number[] = [];
  let score = 0;
  let from = 0;
  for (const char of wanted) {
    const index = bestIndex(haystack, text, char, from, positions[positions.length - 1]);
    if (index < 0) return null;
    // Starting mid-word ("so" in "JSON") matches too much to be useful, as in VS Code.
    if (positions.length === 0 && !isWordStart(text, index)) return null;
    const previous = positions[positions.length - 1];
    score += 1;
    if (previous !== undefined && index === previous + 1) score += 5;
    if (isWordStart(text, index)) score += 3;
    if (index === 0) score += 2;
    positions.push(index);
    from = index + 1;
  }
  // Among equal matches, the shorter text is the closer one.
  return { score: score - text.length / 1000, positions };
}

/**
 * The next occurrence of `char`, preferring one right after the previous match, then one at a
 * word start, then the first — a greedy choice that is good enough for command titles.
 */
function bestIndex(haystack: string, text: string, char: string, from: number, previous: number | undefined): number {
  if (previous !== undefined && haystack[previous + 1] === char) return previous + 1;
  let first = -1;
  for (let index = haystack.indexOf(char, from); index >= 0; index = haystack.indexOf(char, index + 1)) {
    if (isWordStart(text, index)) return index;
    if (first < 0) first = index;
  }
  return first;
}

function isWordStart(text: string, index: number): boolean {
  if (index === 0) return true;
  const before = text[index - 1] ?? '';
  const here = text[index] ?? '';
  return /[\s:_\-./(]/.test(before) || (/[a-z]/.test(before) && /[A-Z]/.test(here));
}
