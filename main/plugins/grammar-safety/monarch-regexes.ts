/**
 * Every regular expression a Monarch grammar makes Monaco compile, built exactly as Monaco's
 * `monarchCompile.js` (monaco-editor 0.57) builds it — so what is checked here is what the
 * renderer will run, not what the author wrote:
 *
 * - a rule `[regex, action]` or `{ regex, action }` becomes `^(?:regex)` (a leading `^` is
 *   dropped first: it only restricts the rule to the line start), because the tokenizer tries
 *   each rule anchored at its position in the line;
 * - `@name` inside a regex is replaced by `(?:value)` of the grammar's string attribute `name`,
 *   repeated up to five rounds so attributes can use attributes; `@@` is a literal `@`;
 * - the flags are the grammar's: `i` for `ignoreCase`, `u` for `unicode`;
 * - a `cases` guard `~pattern` / `!~pattern` becomes `^pattern$`, tested against a match.
 *
 * `include` needs no expansion: Monaco compiles every state of `tokenizer` on its own, and an
 * include only reuses the included state's rules, so each rule is collected once, where it is
 * written — which is also where its author has to fix it.
 *
 * What Monaco itself would refuse (a missing attribute, a rule of the wrong shape) is skipped,
 * not reported: the renderer already reports a grammar Monaco cannot compile, and that grammar
 * never runs.
 */

/** Where in the grammar a regular expression is written. */
export interface RuleLocation {
  /** The tokenizer state whose rule list holds it (`root`). */
  state: string;
  /** Its index in that state's list, from 0. */
  rule: number;
  /** For a `cases` guard: the guard's key (`~(a+)+`); null for the rule's own regex. */
  guard: string | null;
}

export interface GrammarRegex {
  location: RuleLocation;
  /** What the author wrote. */
  written: string;
  /** The source Monaco compiles, attributes substituted and anchored. */
  source: string;
  flags: string;
  /**
   * Why this regex could not be reproduced statically (a guard that splices the matched text
   * into its pattern), or null. Such a regex is unsafe by construction: the document decides it.
   */
  dynamic: string | null;
}

type Grammar = Record<string, unknown>;

/** The grammar as Monaco's compiler sees it: `compile()` writes these onto the JSON it reads. */
function attributeView(languageId: string, grammar: Grammar): Grammar {
  return {
    ...grammar,
    languageId,
    defaultToken: typeof grammar['defaultToken'] === 'string' ? grammar['defaultToken'] : 'source',
  };
}

/** Monaco's `compileRegExp` substitution; null where Monaco would throw (missing or non-string attribute). */
export function substituteAttributes(view: Grammar, written: string): string | null {
  let text = written.replace(/@@/g, '\x01');
  for (let round = 0; round < 5; round++) {
    let expanded = false;
    let missing = false;
    text = text.replace(/@(\w+)/g, (_whole, name: string) => {
      expanded = true;
      const value = Object.hasOwn(view, name) ? view[name] : undefined;
      if (typeof value !== 'string') {
        missing = true;
        return '';
      }
      return value === '' ? '' : `(?:${value})`;
    });
    if (missing) return null;
    if (!expanded) break;
  }
  return text.replace(/\x01/g, '@');
}

/**
 * `$Sn` splices (escaped) parts of the current state name into a rule's regex at run time.
 * Checked with each splice empty — what Monaco inserts for a missing part, and the case that
 * removes the most structure. A literal spliced in cannot add a quantifier, so this is the
 * shape that matters; the gap is that a literal could make two alternatives overlap.
 */
function withoutStateSplices(source: string): string {
  return source.replace(/\$[sS]\d\d?/g, '');
}

function ruleRegex(view: Grammar, written: string, flags: string, location: RuleLocation): GrammarRegex | null {
  const body = written.startsWith('^') ? written.slice(1) : written;
  const substituted = substituteAttributes(view, `^(?:${body})`);
  if (substituted === null) return null;
  return { location, written, source: withoutStateSplices(substituted), flags, dynamic: null };
}

/** The regex a `~`/`!~` guard compiles, following Monaco's `createGuard`; null when it compiles none. */
function guardRegex(view: Grammar, key: string, flags: string, location: RuleLocation): GrammarRegex | null {
  const scrutinee = /^\$(([sS]?)(\d\d?)|#)(.*)$/.exec(key);
  const operand = scrutinee ? (scrutinee[4] ?? '') : key;
  if (operand === '' || /^\w*$/.test(operand)) return null;
  const operator = /^(@|!@|~|!~|==|!=)(.*)$/.exec(operand);
  const [op, pattern] = operator ? [operator[1], operator[2] ?? ''] : ['~', operand];
  if (op !== '~' && op !== '!~') return null;
  // Only words and `|`: Monaco uses a keyword set, not a regex.
  if (/^(\w|\|)*$/.test(pattern)) return null;
  if (pattern.includes('$')) {
    // Monaco rebuilds this regex on every test, splicing in the matched text unescaped.
    if (/\$(#|\d)/.test(pattern)) {
      return { location, written: key, source: pattern, flags, dynamic: 'its pattern splices the matched text ($# or $n) into a regular expression, so the document being edited decides what runs' };
    }
    const spliced = pattern.replace(/\$((\$)|[sS]\d\d?|@(\w+))/g, (_whole, _sub, dollar: string | undefined, attr: string | undefined) => {
      if (dollar) return '$';
      if (attr) return typeof view[attr] === 'string' ? (view[attr] as string) : '';
      return '';
    });
    const source = substituteAttributes(view, `^${spliced}$`);
    return source === null ? null : { location, written: key, source, flags, dynamic: null };
  }
  const source = substituteAttributes(view, `^${pattern}$`);
  return source === null ? null : { location, written: key, source, flags, dynamic: null };
}

/** Walks an action (a string, `{ token }`, `{ cases }`, or an array of them) for guards. */
function collectGuards(view: Grammar, action: unknown, flags: string, state: string, rule: number, into: GrammarRegex[]): void {
  if (Array.isArray(action)) {
    for (const part of action) collectGuards(view, part, flags, state, rule, into);
    return;
  }
  if (action === null || typeof action !== 'object') return;
  const cases = (action as Grammar)['cases'];
  if (cases === null || typeof cases !== 'object' || Array.isArray(cases)) return;
  for (const [key, value] of Object.entries(cases as Grammar)) {
    if (key !== '@default' && key !== '@' && key !== '' && key !== '@eos') {
      const regex = guardRegex(view, key, flags, { state, rule, guard: key });
      if (regex) into.push(regex);
    }
    collectGuards(view, value, flags, state, rule, into);
  }
}

/** Every regex of `grammar` (the format `languageId`'s Monarch JSON), in grammar order. */
export function collectMonarchRegexes(languageId: string, grammar: Grammar): GrammarRegex[] {
  const tokenizer = grammar['tokenizer'];
  if (tokenizer === null || typeof tokenizer !== 'object' || Array.isArray(tokenizer)) return [];
  const view = attributeView(languageId, grammar);
  const flags = (grammar['ignoreCase'] === true ? 'i' : '') + (grammar['unicode'] === true ? 'u' : '');
  const found: GrammarRegex[] = [];
  for (const [state, rules] of Object.entries(tokenizer as Grammar)) {
    if (!Array.isArray(rules)) continue;
    rules.forEach((rule: unknown, index) => {
      const location: RuleLocation = { state, rule: index, guard: null };
      let written: unknown;
      let action: unknown;
      if (Array.isArray(rule)) {
        if (rule.length < 1 || rule.length > 3) return;
        [written, action] = rule;
      } else if (rule !== null && typeof rule === 'object') {
        // Monaco reads `include` first: a rule with both never compiles its regex.
        if ((rule as Grammar)['include']) return;
        written = (rule as Grammar)['regex'];
        action = (rule as Grammar)['action'];
      }
      if (typeof written !== 'string' || written === '') return;
      const regex = ruleRegex(view, written, flags, location);
      if (regex) found.push(regex);
      collectGuards(view, action, flags, state, index, found);
    });
  }
  return found;
}
