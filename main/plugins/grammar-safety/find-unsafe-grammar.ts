/**
 * Refuses a plugin whose Monarch grammar could freeze the renderer.
 *
 * Monarch runs its regexes on the renderer's main thread, and one `exec` cannot be
 * interrupted: a rule like `(a+)+$` against 34 `a`s and a `!` never returns, and every tab
 * with its unsaved text is stuck. So each regex is checked in main, when the plugin loads,
 * before the renderer ever sees the grammar.
 *
 * Policy: exponential backtracking is refused, and so is polynomial (degree ≥ 2, recheck
 * reports nothing smaller as vulnerable): `x\s*\s*$` anchored as Monarch runs it is quadratic,
 * tens of millions of steps for one attempt on a 5 000-character line, and the tokenizer may
 * attempt it at every position. (Of Monaco's own 70 Monarch grammars, 4 are exponential and
 * 16 more polynomial by this measure.) Where recheck cannot decide (its time ran out, or it does not
 * support the pattern) the grammar is refused too — a highlighter is not worth the risk, and
 * the message says how to get a pattern recheck can prove. A regex JavaScript cannot compile
 * is left alone: Monaco refuses the whole grammar and the renderer reports it as unusable.
 *
 * Linear regexes can still cost O(line²) per line (a rule that scans to the end of the line
 * and fails, tried at every position); the renderer bounds that with Monaco's
 * `maxTokenizationLineLength`.
 */
import type { FormatContribution, PluginDescriptor, PluginFailure } from '../../../app/plugin-contract.js';
import { collectMonarchRegexes, type GrammarRegex } from './monarch-regexes.js';
import { judgeRegex, type RegexVerdict } from './regex-verdict.js';

/** What is wrong with one format's grammar: the first regex that is not proven safe. */
export interface UnsafeRule {
  regex: GrammarRegex;
  verdict: Exclude<RegexVerdict, { kind: 'safe' }>;
}

/** A whole grammar's checks stop here (a grammar of thousands of slow patterns is refused, not waited for). */
export const GRAMMAR_BUDGET_MS = 15_000;

/** Bounded caches: a plugin reloaded with an unchanged grammar costs nothing; edits while developing do not pile up. */
const MAX_CACHED_GRAMMARS = 128;
const MAX_CACHED_REGEXES = 2_048;
const grammarCache = new Map<string, Promise<UnsafeRule | null>>();
const regexCache = new Map<string, Promise<RegexVerdict>>();

function remember<T>(cache: Map<string, T>, limit: number, key: string, value: T): T {
  if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

function compiles(regex: GrammarRegex): boolean {
  try {
    new RegExp(regex.source, regex.flags);
    return true;
  } catch {
    return false;
  }
}

/**
 * A verdict, shared by every grammar with the same pattern (csv and tsv share most). Only
 * decided verdicts are kept: an `unknown` (a timeout under load, say) is tried again next time.
 */
function judgeCached(regex: GrammarRegex): Promise<RegexVerdict> {
  const key = `${regex.flags}/${regex.source}`;
  const cached = regexCache.get(key);
  if (cached) return cached;
  const judged = judgeRegex(regex.source, regex.flags).then((verdict) => {
    if (verdict.kind === 'unknown') regexCache.delete(key);
    return verdict;
  });
  return remember(regexCache, MAX_CACHED_REGEXES, key, judged);
}

async function firstUnsafeRule(languageId: string, grammar: Record<string, unknown>): Promise<UnsafeRule | null> {
  const deadline = performance.now() + GRAMMAR_BUDGET_MS;
  for (const regex of collectMonarchRegexes(languageId, grammar)) {
    if (regex.dynamic !== null) return { regex, verdict: { kind: 'unknown', reason: regex.dynamic } };
    if (!compiles(regex)) continue;
    if (performance.now() > deadline) {
      return { regex, verdict: { kind: 'unknown', reason: `checking the grammar's regexes took over ${GRAMMAR_BUDGET_MS / 1000} s, so the rest were not checked` } };
    }
    const verdict = await judgeCached(regex);
    if (verdict.kind !== 'safe') return { regex, verdict };
  }
  return null;
}

/** The first unsafe rule of one format's grammar, or null; cached by the grammar's text. */
export function checkFormatGrammar(format: Pick<FormatContribution, 'id' | 'monarch'>): Promise<UnsafeRule | null> {
  if (format.monarch === null) return Promise.resolve(null);
  // The format id is part of the key: `@languageId` in a regex expands to it.
  const key = `${format.id}\0${JSON.stringify(format.monarch)}`;
  const cached = grammarCache.get(key);
  if (cached) return cached;
  const checked = firstUnsafeRule(format.id, format.monarch).then((found) => {
    if (found?.verdict.kind === 'unknown') grammarCache.delete(key);
    return found;
  });
  return remember(grammarCache, MAX_CACHED_GRAMMARS, key, checked);
}

function ruleName(regex: GrammarRegex): string {
  const { state, rule, guard } = regex.location;
  return guard === null ? `rule ${rule} of tokenizer state "${state}"` : `the case "${guard}" of rule ${rule} of tokenizer state "${state}"`;
}

function diagnosis(verdict: UnsafeRule['verdict']): string {
  switch (verdict.kind) {
    case 'exponential':
      return `can backtrack exponentially: a line such as ${verdict.attack} keeps it running for minutes`;
    case 'polynomial':
      return `can backtrack in ${verdict.summary} time: a long line such as ${verdict.attack} keeps it running for seconds or more`;
    case 'unknown':
      return `could not be proven safe: ${verdict.reason}`;
  }
}

const HOW_TO_FIX =
  'Monarch runs grammar regexes on the editor window’s main thread, where a runaway match freezes every open tab, so Quire refused the plugin. ' +
  'Rewrite the rule so no two quantifiers can match the same characters: remove nested quantifiers (`(a+)+` → `a+`), ' +
  'merge adjacent ones over overlapping sets (`\\s*\\s*` → `\\s*`), and make alternatives inside a repetition exclusive (`(a|ab)*` → `(ab?)*`); ' +
  'then rebuild. recheck (https://makenowjust-labs.github.io/recheck/) shows what Quire checks.';

/** The `unsafe-grammar` failure for `descriptor`'s `format`. */
export function unsafeGrammarFailure(descriptor: Pick<PluginDescriptor, 'id' | 'name'>, format: Pick<FormatContribution, 'id' | 'name'>, found: UnsafeRule): PluginFailure {
  const { regex, verdict } = found;
  const written = regex.location.guard === null ? `/${regex.written}/` : `"${regex.written}"`;
  const expanded = regex.source === `^(?:${regex.written.replace(/^\^/, '')})` ? '' : ` (as compiled: /${regex.source}/${regex.flags})`;
  const message =
    `The plugin ${descriptor.name} (${descriptor.id}) has a ${format.name} grammar whose ${ruleName(regex)}, ${written}${expanded}, ` +
    `${diagnosis(verdict)}. ${HOW_TO_FIX}`;
  const detail: Record<string, string | number> = {
    format: format.id,
    state: regex.location.state,
    rule: regex.location.rule,
    regex: regex.written,
    compiled: regex.source,
    complexity: verdict.kind === 'polynomial' ? `polynomial, degree ${verdict.degree}` : verdict.kind,
  };
  if (regex.location.guard !== null) detail['guard'] = regex.location.guard;
  if (verdict.kind !== 'unknown') detail['attack'] = verdict.attack;
  return { code: 'unsafe-grammar', message, detail };
}

/**
 * Checks every format's Monarch grammar of a loaded plugin; an `unsafe-grammar` failure naming
 * the first rule that can backtrack catastrophically, or null when all are safe. Never throws.
 * Asynchronous and off main's thread (recheck's agent process); a grammar seen before (same
 * format id, same JSON) is answered from a cache.
 */
export async function findUnsafeGrammar(descriptor: PluginDescriptor): Promise<PluginFailure | null> {
  for (const format of descriptor.formats) {
    const found = await checkFormatGrammar(format);
    if (found) return unsafeGrammarFailure(descriptor, format, found);
  }
  return null;
}

/** Forgets every cached verdict (for tests and measurements). */
export function clearGrammarSafetyCache(): void {
  grammarCache.clear();
  regexCache.clear();
}
