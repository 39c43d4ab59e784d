/**
 * Fuzzy matching of file paths for quick open, ranked the way VS Code's is: the query's
 * characters must appear in order; matches at the start of a word or path segment and runs of
 * consecutive characters score higher; a query found in the file's own name beats one spread
 * over its folders; recently opened files come first.
 *
 * Pure and synchronous so it can run anywhere. It is fast on 100,000 paths because most are
 * dropped by a plain subsequence test (native `indexOf`) before any scoring, scoring looks only
 * between the first and last places each query character can match, only the best `limit`
 * are kept, and matched positions are worked out for those alone.
 */

/** A path prepared once for matching: its lowercase form and where its file name starts. */
export interface FuzzyCandidate {
  readonly path: string;
  /** `path` lowercased one UTF-16 unit at a time, so offsets line up with `path`. */
  readonly lower: string;
  /** Offset of the file name (after the last `/` or `\`). */
  readonly nameStart: number;
}

export interface PathMatch {
  path: string;
  score: number;
  /** UTF-16 offsets in `path` of the matched characters, ascending. */
  positions: number[];
  /** The query matched within the file name (rather than across folders). */
  inName: boolean;
  recent: boolean;
}

export interface FindPathsOptions {
  limit: number;
  /** Paths opened lately, most recent first: they rank first when they match. */
  recent?: readonly string[];
  /** Receives every candidate the query matches, to search only those for a longer query (see `narrows`). */
  matched?: FuzzyCandidate[];
}

/** How many candidates per result are kept for exact scoring after the greedy pass. */
const RESCORED_PER_RESULT = 3;

// Weights after fzf's, tried and tested on paths: a matched character is worth 16; one at the
// start of a path segment or word earns a bonus (the first query character's counts double);
// a run of consecutive characters keeps the bonus of where it started; gaps cost a little.
const MATCH = 16;
const SAME_CASE = 1;
const GAP_START = -3;
const GAP_EXTENSION = -1;
/** At the start of the path or after `/`: the start of a folder or file name. */
const BONUS_SEGMENT = 9;
/** After `-`, `_`, `.` or a space, or on one of those characters itself. */
const BONUS_BOUNDARY = 8;
/** An upper-case letter after a lower-case one, or a digit after a letter. */
const BONUS_CAMEL = 7;
/** The least a character continuing a run earns. */
const BONUS_CONSECUTIVE = 4;
const FIRST_CHAR_MULTIPLIER = 2;
/** Below any reachable score: marks "cannot match here". */
const IMPOSSIBLE = -(2 ** 30);

export function fuzzyCandidate(path: string): FuzzyCandidate {
  return { path, lower: lowerPerUnit(path), nameStart: nameStartOf(path) };
}

/**
 * The best `limit` of `candidates` for `query`, best first. An empty query lists the recent
 * paths (most recent first) and then the others in the order given.
 *
 * A query found in a file name is scored exactly at once (names are short). One found only
 * across the path is first scored by its tightest greedy alignment, which is cheap and never
 * more than the exact score; the best few times `limit` of those are then scored exactly.
 */
export function findBestPaths(query: string, candidates: readonly FuzzyCandidate[], options: FindPathsOptions): PathMatch[] {
  const limit = Math.max(0, Math.floor(options.limit));
  const recentRank = new Map<string, number>();
  (options.recent ?? []).forEach((path, rank) => {
    if (!recentRank.has(path)) recentRank.set(path, rank);
  });
  const pattern = preparedQuery(query);
  if (pattern === null) return listWithoutQuery(candidates, recentRank, limit);

  const matched = options.matched;
  const best = new TopMatches(limit === 0 ? 0 : limit * RESCORED_PER_RESULT);
  for (const candidate of candidates) {
    const end = matchEnd(pattern.lower, candidate.lower, 0);
    if (end < 0) continue;
    matched?.push(candidate);
    const inName = !pattern.hasSeparator && matchEnd(pattern.lower, candidate.lower, candidate.nameStart) >= 0;
    const recent = recentRank.size > 0 ? recentRank.get(candidate.path) : undefined;
    const tier = recent !== undefined ? 2 : inName ? 1 : 0;
    if (!best.admits(tier)) continue;
    const score = inName ? bestScore(pattern, candidate, candidate.nameStart, false) : greedyScore(pattern, candidate, end);
    if (!best.admitsScore(tier, score)) continue;
    best.offer({ candidate, tier, score, inName, exact: inName, recentRank: recent ?? 0 });
  }
  const kept = best.items();
  for (const ranked of kept) {
    if (!ranked.exact) ranked.score = bestScore(pattern, ranked.candidate, 0, false);
  }
  return kept
    .sort(compareRanked)
    .slice(0, limit)
    .map((ranked) => {
      bestScore(pattern, ranked.candidate, ranked.inName ? ranked.candidate.nameStart : 0, true);
      return {
        path: ranked.candidate.path,
        score: ranked.score,
        positions: lastPositions.slice(0, pattern.length),
        inName: ranked.inName,
        recent: ranked.tier === 2,
      };
    });
}

/** Whether `query` can only match paths that `previous` matched too (it extends it), so a search may start from those. */
export function narrows(query: string, previous: string): boolean {
  const next = preparedQuery(query);
  const before = preparedQuery(previous);
  return next !== null && before !== null && next.lower.startsWith(before.lower);
}

/** `findBestPaths` over plain strings, preparing them on the way: for tests and the bench. */
export function fuzzyFindPaths(query: string, paths: readonly string[], options: FindPathsOptions): PathMatch[] {
  return findBestPaths(query, paths.map(fuzzyCandidate), options);
}

/** The score and positions of `query` in `path`, or null when it does not match. */
export function scorePath(query: string, path: string): { score: number; positions: number[]; inName: boolean } | null {
  const [match] = fuzzyFindPaths(query, [path], { limit: 1 });
  return match ? { score: match.score, positions: match.positions, inName: match.inName } : null;
}

interface Pattern {
  readonly text: string;
  readonly lower: string;
  readonly length: number;
  /** A query with a separator is matched against the whole path, never the name alone. */
  readonly hasSeparator: boolean;
}

function preparedQuery(query: string): Pattern | null {
  // Spaces only separate words for the reader; `app ts` finds `app.ts`.
  const text = query.replace(/\s+/g, '').replace(/\\/g, '/');
  if (text === '') return null;
  return { text, lower: lowerPerUnit(text), length: text.length, hasSeparator: text.includes('/') };
}

/** Where the earliest match of `needle` as a subsequence of `haystack` from `from` on ends; -1 when there is none. */
function matchEnd(needle: string, haystack: string, from: number): number {
  let at = from - 1;
  for (let i = 0; i < needle.length; i++) {
    at = haystack.indexOf(needle[i] as string, at + 1);
    if (at < 0) return -1;
  }
  return at;
}

// Scratch space shared by every call (matching is synchronous): per query character and path
// offset, the best score, the bonus of the run it ends and whether it extends a run; the first
// and last offset each query character can take; the positions last traced back.
let scores = new Int32Array(4096);
let runBonus = new Int32Array(4096);
let fromRun = new Uint8Array(4096);
let earliest = new Int32Array(64);
let latest = new Int32Array(64);
let lastPositions: number[] = [];
let greedyPositions = new Int32Array(64);

/**
 * The best alignment's score of `pattern` in `candidate.path` from `start` on; with `trace`,
 * its positions are left in `lastPositions`. IMPOSSIBLE when there is none (a real score can
 * be below zero: long gaps cost more than the characters earn).
 *
 * `scores[i * width + (j - start)]` is the best score of the first i+1 query characters with
 * the last of them at offset j. A character either extends a run (from j-1) or follows the
 * best earlier placement across a gap, which costs GAP_START plus GAP_EXTENSION per extra
 * character; that best is carried along j so each row takes one pass.
 */
function bestScore(pattern: Pattern, candidate: FuzzyCandidate, start: number, trace: boolean): number {
  const { path, lower } = candidate;
  const m = pattern.length;
  const width = path.length - start;
  if (m > width) return IMPOSSIBLE;
  if (m === 1) return bestSingle(pattern, candidate, start, trace);
  if (earliest.length < m) {
    earliest = new Int32Array(m * 2);
    latest = new Int32Array(m * 2);
  }
  let at = start - 1;
  for (let i = 0; i < m; i++) {
    at = lower.indexOf(pattern.lower[i] as string, at + 1);
    if (at < 0) return IMPOSSIBLE;
    earliest[i] = at;
  }
  at = path.length;
  for (let i = m - 1; i >= 0; i--) {
    at = lower.lastIndexOf(pattern.lower[i] as string, at - 1);
    latest[i] = at;
  }
  if (scores.length < m * width) {
    scores = new Int32Array(m * width * 2);
    runBonus = new Int32Array(m * width * 2);
    fromRun = new Uint8Array(m * width * 2);
  }

  for (let i = 0; i < m; i++) {
    const row = i * width - start;
    const previousRow = row - width;
    const queryLower = pattern.lower.charCodeAt(i);
    const queryChar = pattern.text.charCodeAt(i);
    const from = earliest[i] as number;
    const to = latest[i] as number;
    const previousFrom = i > 0 ? (earliest[i - 1] as number) : 0;
    const previousTo = i > 0 ? (latest[i - 1] as number) : -1;
    // Best score of the previous character at an offset up to j-2, less the gap up to j.
    let acrossGap = IMPOSSIBLE;
    let k = previousFrom;
    for (let j = from; j <= to; j++) {
      for (; k <= j - 2; k++) {
        const before = k <= previousTo ? (scores[previousRow + k] as number) : IMPOSSIBLE;
        acrossGap = Math.max(acrossGap + GAP_EXTENSION, before > IMPOSSIBLE ? before + GAP_START : IMPOSSIBLE);
      }
      const cell = row + j;
      if (lower.charCodeAt(j) !== queryLower) {
        scores[cell] = IMPOSSIBLE;
        continue;
      }
      const bonus = bonusAt(path, j);
      const own = MATCH + (path.charCodeAt(j) === queryChar ? SAME_CASE : 0);
      if (i === 0) {
        scores[cell] = own + bonus * FIRST_CHAR_MULTIPLIER;
        runBonus[cell] = bonus;
        fromRun[cell] = 0;
        continue;
      }
      const viaGap = acrossGap > IMPOSSIBLE ? acrossGap + own + bonus : IMPOSSIBLE;
      const runCell = previousRow + j - 1;
      const run = j - 1 >= previousFrom && j - 1 <= previousTo ? (scores[runCell] as number) : IMPOSSIBLE;
      const startBonus = run > IMPOSSIBLE ? (runBonus[runCell] as number) : 0;
      const viaRun = run > IMPOSSIBLE ? run + own + Math.max(bonus, startBonus, BONUS_CONSECUTIVE) : IMPOSSIBLE;
      if (viaRun > IMPOSSIBLE && viaRun >= viaGap) {
        scores[cell] = viaRun;
        // A strong boundary inside a run starts a new run (`foo/bar`: the `b`).
        runBonus[cell] = bonus >= BONUS_BOUNDARY && bonus > startBonus ? bonus : startBonus;
        fromRun[cell] = 1;
      } else {
        scores[cell] = viaGap;
        runBonus[cell] = bonus;
        fromRun[cell] = 0;
      }
    }
  }

  const lastRow = (m - 1) * width - start;
  let score = IMPOSSIBLE;
  let end = -1;
  for (let j = earliest[m - 1] as number; j <= (latest[m - 1] as number); j++) {
    const value = scores[lastRow + j] as number;
    if (value > score) {
      score = value;
      end = j;
    }
  }
  if (trace && end >= 0) traceBack(m, width, start, end);
  return score;
}

/** `bestScore` for a one-character query: its best-placed occurrence, no table needed. */
function bestSingle(pattern: Pattern, candidate: FuzzyCandidate, start: number, trace: boolean): number {
  const { path, lower } = candidate;
  const wanted = pattern.lower[0] as string;
  const exact = pattern.text.charCodeAt(0);
  let score = IMPOSSIBLE;
  let where = -1;
  for (let j = lower.indexOf(wanted, start); j >= 0; j = lower.indexOf(wanted, j + 1)) {
    const value = MATCH + (path.charCodeAt(j) === exact ? SAME_CASE : 0) + bonusAt(path, j) * FIRST_CHAR_MULTIPLIER;
    if (value > score) {
      score = value;
      where = j;
    }
  }
  if (trace) lastPositions = where >= 0 ? [where] : [];
  return score;
}

/**
 * The score of one alignment, found without the table: the earliest place the query ends
 * (`end`), then the latest start before it (the tightest window, as fzf's first algorithm does).
 */
function greedyScore(pattern: Pattern, candidate: FuzzyCandidate, end: number): number {
  const { path, lower } = candidate;
  const m = pattern.length;
  if (greedyPositions.length < m) greedyPositions = new Int32Array(m * 2);
  greedyPositions[m - 1] = end;
  for (let i = m - 2; i >= 0; i--) greedyPositions[i] = lower.lastIndexOf(pattern.lower[i] as string, (greedyPositions[i + 1] as number) - 1);

  let score = 0;
  let startBonus = 0;
  for (let i = 0; i < m; i++) {
    const j = greedyPositions[i] as number;
    const bonus = bonusAt(path, j);
    const own = MATCH + (path.charCodeAt(j) === pattern.text.charCodeAt(i) ? SAME_CASE : 0);
    const previous = i > 0 ? (greedyPositions[i - 1] as number) : -1;
    if (i === 0) {
      score = own + bonus * FIRST_CHAR_MULTIPLIER;
      startBonus = bonus;
    } else if (j === previous + 1) {
      score += own + Math.max(bonus, startBonus, BONUS_CONSECUTIVE);
      if (bonus >= BONUS_BOUNDARY && bonus > startBonus) startBonus = bonus;
    } else {
      score += GAP_START + GAP_EXTENSION * (j - previous - 2) + own + bonus;
      startBonus = bonus;
    }
  }
  return score;
}

function traceBack(m: number, width: number, start: number, end: number): void {
  const positions = new Array<number>(m);
  let j = end;
  for (let i = m - 1; i >= 0; i--) {
    positions[i] = j;
    if (i === 0) break;
    const previousRow = (i - 1) * width - start;
    if (fromRun[i * width - start + j] === 1) {
      j -= 1;
      continue;
    }
    // The gap's origin: the earlier placement that scores best once its gap is paid.
    let best = IMPOSSIBLE;
    let origin = -1;
    for (let k = earliest[i - 1] as number; k <= Math.min(j - 2, latest[i - 1] as number); k++) {
      const value = scores[previousRow + k] as number;
      if (value <= IMPOSSIBLE) continue;
      const landed = value + GAP_START + GAP_EXTENSION * (j - 2 - k);
      if (landed >= best) {
        best = landed;
        origin = k;
      }
    }
    j = origin;
  }
  lastPositions = positions;
}

function isBoundaryChar(code: number): boolean {
  return code === 45 /* - */ || code === 95 /* _ */ || code === 46 /* . */ || code === 32 /* space */;
}

function isSeparator(code: number): boolean {
  return code === 47 /* / */ || code === 92 /* \ */;
}

function bonusAt(path: string, j: number): number {
  const current = path.charCodeAt(j);
  if (isSeparator(current) || isBoundaryChar(current)) return BONUS_BOUNDARY;
  if (j === 0) return BONUS_SEGMENT;
  const previous = path.charCodeAt(j - 1);
  if (isSeparator(previous)) return BONUS_SEGMENT;
  if (isBoundaryChar(previous)) return BONUS_BOUNDARY;
  const previousIsLower = previous >= 97 && previous <= 122;
  const previousIsLetter = previousIsLower || (previous >= 65 && previous <= 90);
  if (previousIsLower && current >= 65 && current <= 90) return BONUS_CAMEL;
  if (previousIsLetter && current >= 48 && current <= 57) return BONUS_CAMEL;
  return 0;
}

interface Ranked {
  candidate: FuzzyCandidate;
  /** 2: recently opened; 1: matched in the file name; 0: matched across the path. */
  tier: number;
  score: number;
  inName: boolean;
  /** The score is exact (else it is the greedy alignment's, a lower bound). */
  exact: boolean;
  recentRank: number;
}

/** Better first: tier, score, then the shorter name and path (the likelier file), then by path. */
function compareRanked(a: Ranked, b: Ranked): number {
  if (a.tier !== b.tier) return b.tier - a.tier;
  if (a.score !== b.score) return b.score - a.score;
  if (a.tier === 2 && a.recentRank !== b.recentRank) return a.recentRank - b.recentRank;
  const aName = a.candidate.path.length - a.candidate.nameStart;
  const bName = b.candidate.path.length - b.candidate.nameStart;
  if (aName !== bName) return aName - bName;
  if (a.candidate.path.length !== b.candidate.path.length) return a.candidate.path.length - b.candidate.path.length;
  return a.candidate.path < b.candidate.path ? -1 : a.candidate.path > b.candidate.path ? 1 : 0;
}

/** The best `limit` offers so far, in a heap whose root is the worst kept. */
class TopMatches {
  private readonly heap: Ranked[] = [];

  constructor(private readonly limit: number) {}

  /** Whether something of this tier could still get in (lower tiers cannot beat a full heap of higher ones). */
  admits(tier: number): boolean {
    if (this.limit === 0) return false;
    const worst = this.heap[0];
    return this.heap.length < this.limit || worst === undefined || tier >= worst.tier;
  }

  /** False when an offer of this tier and score would surely be turned away (checked before building it). */
  admitsScore(tier: number, score: number): boolean {
    const worst = this.heap[0];
    if (this.heap.length < this.limit || worst === undefined) return this.limit > 0;
    return tier > worst.tier || (tier === worst.tier && score >= worst.score);
  }

  offer(item: Ranked): void {
    const heap = this.heap;
    if (heap.length < this.limit) {
      heap.push(item);
      this.siftUp(heap.length - 1);
    } else if (compareRanked(item, heap[0] as Ranked) < 0) {
      heap[0] = item;
      this.siftDown(0);
    }
  }

  items(): Ranked[] {
    return [...this.heap];
  }

  /** Heap order: a parent is worse than (ranks after) its children. */
  private worse(a: number, b: number): boolean {
    return compareRanked(this.heap[a] as Ranked, this.heap[b] as Ranked) > 0;
  }

  private siftUp(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(index: number): void {
    const n = this.heap.length;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < n && this.worse(left, worst)) worst = left;
      if (right < n && this.worse(right, worst)) worst = right;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }

  private swap(a: number, b: number): void {
    const heap = this.heap;
    const item = heap[a] as Ranked;
    heap[a] = heap[b] as Ranked;
    heap[b] = item;
  }
}

function listWithoutQuery(candidates: readonly FuzzyCandidate[], recentRank: ReadonlyMap<string, number>, limit: number): PathMatch[] {
  const recent: FuzzyCandidate[] = [];
  const others: FuzzyCandidate[] = [];
  for (const candidate of candidates) {
    if (recentRank.has(candidate.path)) recent.push(candidate);
    else if (others.length < limit) others.push(candidate);
  }
  recent.sort((a, b) => (recentRank.get(a.path) as number) - (recentRank.get(b.path) as number));
  return [...recent, ...others].slice(0, limit).map((candidate) => ({
    path: candidate.path,
    score: 0,
    positions: [],
    inName: false,
    recent: recentRank.has(candidate.path),
  }));
}

function nameStartOf(path: string): number {
  return Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1;
}

/**
 * Lowercase with the same length as the input. `toLowerCase` may lengthen a string (`İ`
 * becomes two units); such characters keep their case here so offsets stay valid.
 */
function lowerPerUnit(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let result = '';
  for (const unit of text.split('')) {
    const unitLower = unit.toLowerCase();
    result += unitLower.length === 1 ? unitLower : unit;
  }
  return result;
}
