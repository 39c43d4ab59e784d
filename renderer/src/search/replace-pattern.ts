/**
 * What the replace box means, as VS Code reads it. Without Use Regular Expression it is the
 * literal text. With it: `$&` or `$0` the whole match, `$1`…`$99` and `$<name>` the groups,
 * `$$` a dollar sign, `\n` a line break, `\t` a tab, `\\` a backslash, and the case changes
 * `\u` / `\l` (next character upper / lower case) and `\U` / `\L` (everything after, until `\E`).
 */
export type ReplacePiece =
  | { kind: 'text'; text: string }
  /** `digits` as typed: `$12` is group 12 when there is one, else group 1 and a "2". */
  | { kind: 'group'; digits: string }
  | { kind: 'named'; name: string }
  | { kind: 'case'; change: 'upper-next' | 'lower-next' | 'upper' | 'lower' | 'end' };

export type ReplacePattern = readonly ReplacePiece[];

const ESCAPES: Record<string, ReplacePiece> = {
  n: { kind: 'text', text: '\n' },
  t: { kind: 'text', text: '\t' },
  '\\': { kind: 'text', text: '\\' },
  u: { kind: 'case', change: 'upper-next' },
  l: { kind: 'case', change: 'lower-next' },
  U: { kind: 'case', change: 'upper' },
  L: { kind: 'case', change: 'lower' },
  E: { kind: 'case', change: 'end' },
};

export function parseReplacePattern(replace: string, isRegex: boolean): ReplacePattern {
  if (!isRegex) return replace === '' ? [] : [{ kind: 'text', text: replace }];
  const pieces: ReplacePiece[] = [];
  const text = (value: string) => {
    const last = pieces[pieces.length - 1];
    if (last?.kind === 'text') pieces[pieces.length - 1] = { kind: 'text', text: last.text + value };
    else pieces.push({ kind: 'text', text: value });
  };
  for (let i = 0; i < replace.length; i++) {
    const char = replace[i] as string;
    const next = replace[i + 1];
    if (char === '\\' && next !== undefined && ESCAPES[next]) {
      const piece = ESCAPES[next];
      if (piece.kind === 'text') text(piece.text);
      else pieces.push(piece);
      i++;
      continue;
    }
    if (char === '$' && next !== undefined) {
      if (next === '$') {
        text('$');
        i++;
        continue;
      }
      if (next === '&') {
        pieces.push({ kind: 'group', digits: '0' });
        i++;
        continue;
      }
      const digits = /^\d{1,2}/.exec(replace.slice(i + 1));
      if (digits) {
        pieces.push({ kind: 'group', digits: digits[0] });
        i += digits[0].length;
        continue;
      }
      const named = /^<([^>]+)>/.exec(replace.slice(i + 1));
      if (named) {
        pieces.push({ kind: 'named', name: named[1] as string });
        i += named[0].length;
        continue;
      }
    }
    text(char);
  }
  return pieces;
}

/** True when the pattern's text depends on the match (groups, case changes): worth a preview per match. */
export function dependsOnMatch(pattern: ReplacePattern): boolean {
  return pattern.some((piece) => piece.kind !== 'text');
}

/** The replacement for one match. */
export function expandReplacement(pattern: ReplacePattern, match: RegExpExecArray): string {
  let out = '';
  let mode: 'none' | 'upper' | 'lower' = 'none';
  let nextChar: 'none' | 'upper' | 'lower' = 'none';
  const emit = (value: string) => {
    if (value === '') return;
    let cased = mode === 'upper' ? value.toUpperCase() : mode === 'lower' ? value.toLowerCase() : value;
    if (nextChar !== 'none') {
      const first = String.fromCodePoint(cased.codePointAt(0) ?? 0);
      cased = (nextChar === 'upper' ? first.toUpperCase() : first.toLowerCase()) + cased.slice(first.length);
      nextChar = 'none';
    }
    out += cased;
  };
  for (const piece of pattern) {
    switch (piece.kind) {
      case 'text':
        emit(piece.text);
        break;
      case 'group':
        emit(groupText(piece.digits, match));
        break;
      case 'named':
        emit(match.groups?.[piece.name] ?? `$<${piece.name}>`);
        break;
      case 'case':
        if (piece.change === 'upper-next') nextChar = 'upper';
        else if (piece.change === 'lower-next') nextChar = 'lower';
        else if (piece.change === 'upper') mode = 'upper';
        else if (piece.change === 'lower') mode = 'lower';
        else mode = 'none';
        break;
    }
  }
  return out;
}

/** `$12`: group 12 if the regex has one, else group 1 then "2"; a group the regex lacks stays as typed. */
function groupText(digits: string, match: RegExpExecArray): string {
  const whole = Number(digits);
  if (whole < match.length) return match[whole] ?? '';
  if (digits.length === 2) {
    const first = Number(digits[0]);
    if (first > 0 && first < match.length) return (match[first] ?? '') + digits[1];
  }
  return `$${digits}`;
}
