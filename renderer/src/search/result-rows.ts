import type { SearchFileResult } from '../../../app/workspace-contract.js';

/** One row of the results tree: a file, or one match in it (a line with two matches is two rows). */
export type ResultRow =
  | { kind: 'file'; key: string; fileIndex: number; matchCount: number; expanded: boolean }
  | {
      kind: 'match';
      key: string;
      fileIndex: number;
      lineIndex: number;
      rangeIndex: number;
      /** The row of its file. */
      parentRow: number;
      /** Its place among its file's matches, 1-based, and their number (for screen readers). */
      posInSet: number;
      setSize: number;
    };

/** Where a row is, independent of the rows around it: kept as the highlighted row while results stream in. */
export interface RowRef {
  path: string;
  /** Null for the file's own row. */
  line: number | null;
  rangeIndex: number;
}

/** Per result object (results are never changed in place): how many matches come before each line. */
const matchesBefore = new WeakMap<SearchFileResult, Int32Array>();

function cumulativeMatches(file: SearchFileResult): Int32Array {
  const known = matchesBefore.get(file);
  if (known !== undefined) return known;
  const before = new Int32Array(file.matches.length + 1);
  let count = 0;
  file.matches.forEach((line, index) => {
    count += line.ranges.length;
    before[index + 1] = count;
  });
  matchesBefore.set(file, before);
  return before;
}

/** How many matches a file's result holds. */
export function matchCountOf(file: SearchFileResult): number {
  const before = cumulativeMatches(file);
  return before[before.length - 1] as number;
}

/** The largest index in the ascending `starts` whose value is at most `value`. */
function lastAtMost(starts: Int32Array, count: number, value: number): number {
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if ((starts[middle] as number) <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * The tree as the rows it shows, in order: each file, then (unless collapsed) its matches.
 * Rows are not built up front: a search can find tens of thousands, and streaming results in
 * re-lays the tree out many times a second. Laying out costs one number per file; a row is
 * made when it is drawn (a screenful at a time), found by binary search.
 */
export class ResultLayout {
  /** Row index of each file's own row, and the row count after the last file. */
  private readonly starts: Int32Array;
  readonly rowCount: number;

  constructor(
    readonly files: readonly SearchFileResult[],
    private readonly collapsed: ReadonlySet<string>,
  ) {
    this.starts = new Int32Array(files.length + 1);
    let row = 0;
    files.forEach((file, index) => {
      this.starts[index] = row;
      row += 1 + (collapsed.has(file.path) ? 0 : matchCountOf(file));
    });
    this.starts[files.length] = row;
    this.rowCount = row;
  }

  rowAt(index: number): ResultRow | null {
    if (index < 0 || index >= this.rowCount) return null;
    const fileIndex = lastAtMost(this.starts, this.files.length, index);
    const file = this.files[fileIndex] as SearchFileResult;
    const parentRow = this.starts[fileIndex] as number;
    const matchCount = matchCountOf(file);
    const offset = index - parentRow;
    if (offset === 0) return { kind: 'file', key: file.path, fileIndex, matchCount, expanded: !this.collapsed.has(file.path) };
    const before = cumulativeMatches(file);
    const lineIndex = lastAtMost(before, file.matches.length, offset - 1);
    const rangeIndex = offset - 1 - (before[lineIndex] as number);
    const line = file.matches[lineIndex];
    return { kind: 'match', key: `${file.path}\n${line?.line}:${rangeIndex}`, fileIndex, lineIndex, rangeIndex, parentRow, posInSet: offset, setSize: matchCount };
  }

  /** The row a reference points at now, or -1 when it is gone (or hidden in a collapsed file). */
  indexOf(ref: RowRef): number {
    const fileIndex = sortedIndexOf(this.files, ref.path);
    const file = this.files[fileIndex];
    if (file?.path !== ref.path) return -1;
    const parentRow = this.starts[fileIndex] as number;
    if (ref.line === null) return parentRow;
    if (this.collapsed.has(file.path)) return -1;
    const lineIndex = file.matches.findIndex((match) => match.line === ref.line);
    const line = file.matches[lineIndex];
    if (!line || ref.rangeIndex >= line.ranges.length) return -1;
    return parentRow + 1 + (cumulativeMatches(file)[lineIndex] as number) + ref.rangeIndex;
  }

  refOf(row: ResultRow): RowRef {
    const file = this.files[row.fileIndex] as SearchFileResult;
    if (row.kind === 'file') return { path: file.path, line: null, rangeIndex: 0 };
    return { path: file.path, line: file.matches[row.lineIndex]?.line ?? 0, rangeIndex: row.rangeIndex };
  }
}

/** Sort keys by path: computed once per path, compared as plain strings. */
const sortKeys = new Map<string, string>();
const MAX_SORT_KEYS = 200_000;

/**
 * A string whose code-unit order is VS Code's default order of paths: segment by segment
 * (a separator sorts before any character), ignoring case, numbers in number order (`file2`
 * before `file10`), then the path itself so the order is total.
 */
function sortKey(path: string): string {
  let key = sortKeys.get(path);
  if (key === undefined) {
    if (sortKeys.size >= MAX_SORT_KEYS) sortKeys.clear();
    const folded = path
      .toLowerCase()
      .replace(/[\\/]/g, '\u0000')
      .replace(/\d+/g, (digits) => {
        const trimmed = digits.replace(/^0+(?=\d)/, '');
        return String.fromCharCode(0x40 + Math.min(trimmed.length, 0x3f)) + trimmed;
      });
    key = `${folded}\u0000\u0000${path}`;
    sortKeys.set(path, key);
  }
  return key;
}

/** The order files are listed in (see `sortKey`). */
export function comparePaths(a: string, b: string): number {
  const left = sortKey(a);
  const right = sortKey(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Where `path` goes in `files` (sorted by `comparePaths`) to keep them sorted. */
export function sortedIndexOf(files: readonly SearchFileResult[], path: string): number {
  const key = sortKey(path);
  let low = 0;
  let high = files.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sortKey((files[middle] as SearchFileResult).path) < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A file's results with a later batch's results for the same file added (lines in order, each once). */
export function mergeFileResults(earlier: SearchFileResult, later: SearchFileResult): SearchFileResult {
  const byLine = new Map(earlier.matches.map((match) => [match.line, match]));
  for (const match of later.matches) byLine.set(match.line, match);
  return { path: earlier.path, matches: [...byLine.values()].sort((a, b) => a.line - b.line) };
}

/** What a match row shows: its line cut to fit, the match, and what comes after it. */
export interface MatchPreview {
  before: string;
  match: string;
  after: string;
}

/** Characters of the line shown before the match at most; earlier text is cut to `…`. */
const PREVIEW_BEFORE = 26;
/** Characters after the match at most (the row cuts the rest visually anyway). */
const PREVIEW_AFTER = 250;

/**
 * The line around one match as VS Code previews it: leading white space dropped, a long start
 * cut so the match stays in view, and the match itself kept whole.
 */
export function matchPreview(text: string, start: number, end: number): MatchPreview {
  let from = 0;
  while (from < start && (text[from] === ' ' || text[from] === '\t')) from++;
  let before = text.slice(from, start);
  if (before.length > PREVIEW_BEFORE) {
    let cut = before.length - PREVIEW_BEFORE;
    // Never half a surrogate pair.
    if (/[\udc00-\udfff]/.test(before[cut] ?? '')) cut++;
    before = `…${before.slice(cut)}`;
  }
  return { before, match: text.slice(start, end), after: text.slice(end, end + PREVIEW_AFTER) };
}
