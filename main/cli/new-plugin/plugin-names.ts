/**
 * Every name a new plugin project needs, derived from the one NAME its author typed, each valid
 * by its own language's rules (native/templates/PLACEHOLDERS.md lists them). NAME is checked
 * here once, strictly, so a template never has to escape or second-guess what it is given.
 */
import { pluginIdProblem } from '../../plugin-common/abi/plugin-id.js';

export interface PluginNames {
  /** NAME itself: the .so's name, the format's language id and extension. */
  name: string;
  /** The plugin id: reverse-DNS under org.example, which the README tells the author to change. */
  id: string;
  /** Shown to the user: "word-stats" → "Word Stats". */
  title: string;
  /** A C identifier: "word_stats". */
  c_name: string;
  /** The Rust package and library name: "word_stats". */
  crate_name: string;
  /** A Go package name: "wordstats". */
  go_package: string;
}

export type NamesOutcome = { ok: true; value: PluginNames } | { ok: false; error: { code: 'bad-name'; message: string } };

/** Lowercase words joined by single hyphens, starting with a letter. */
const NAME_RULE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Keeps the format's language id ("NAME", ≤ 64 bytes) and file names well within their limits. */
export const MAX_NAME_LENGTH = 40;
const ID_PREFIX = 'org.example.';

/**
 * Words a derived identifier must not be: keywords of the four template languages, and the
 * crate names Cargo refuses for a package (they collide with Rust's own libraries).
 */
const RESERVED = new Set(
  [
    // C and C++
    'auto break case char const continue default do double else enum extern float for goto if inline int long',
    'register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while',
    'alignas alignof and asm bool catch class constexpr delete explicit export false friend mutable namespace new',
    'noexcept not nullptr operator or private protected public template this throw true try typeid typename using',
    'virtual xor',
    // Rust (strict and reserved keywords) and Cargo's reserved package names
    'abstract as async await become box crate dyn final fn impl in let loop macro match mod move override priv',
    'pub ref self super trait type typeof unsafe unsized use where yield',
    'alloc core proc_macro std test',
    // Go
    'chan defer fallthrough func go interface map package range select var',
  ]
    .join(' ')
    .split(' '),
);

function badName(message: string): NamesOutcome {
  return { ok: false, error: { code: 'bad-name', message } };
}

/** The nearest NAME that follows the rule, to suggest; null when there is none. */
function suggestion(name: string): string | null {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, MAX_NAME_LENGTH)
    .replace(/-+$/, '');
  return slug && slug !== name && NAME_RULE.test(slug) ? slug : null;
}

/** Checks NAME and derives every other name from it; an unusable NAME is an error naming the rule it breaks. */
export function pluginNames(name: string): NamesOutcome {
  if (name.length > MAX_NAME_LENGTH) {
    return badName(`the plugin name "${name}" is ${name.length} characters long; use at most ${MAX_NAME_LENGTH}.`);
  }
  if (!NAME_RULE.test(name)) {
    const better = suggestion(name);
    return badName(
      `the plugin name "${name}" is not lowercase letters, digits and single hyphens starting with a letter (e.g. "word-stats")` +
        (better ? `; try "${better}".` : '.'),
    );
  }
  const words = name.split('-');
  const names: PluginNames = {
    name,
    id: `${ID_PREFIX}${name}`,
    title: words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join(' '),
    c_name: words.join('_'),
    crate_name: words.join('_'),
    go_package: words.join(''),
  };
  const clash = [names.c_name, names.go_package].find((identifier) => RESERVED.has(identifier));
  if (clash) {
    return badName(`the plugin name "${name}" gives the identifier "${clash}", a keyword or reserved name in C, C++, Rust or Go; choose another name (e.g. "${name}-plugin").`);
  }
  // The rule above already makes a valid id; checking it with the loader's own rule keeps the two from drifting apart.
  const idProblem = pluginIdProblem(names.id);
  if (idProblem) return badName(`the plugin name "${name}" gives the plugin id ${idProblem}.`);
  return { ok: true, value: names };
}
