/**
 * How the search box's include/exclude globs and the `files.exclude`/`search.exclude` settings
 * become workspace-relative glob patterns. Both engines read the same patterns: ripgrep as
 * `--glob` arguments, the built-in search through picomatch.
 *
 * The reading is VS Code's: a typed glob matches at any depth, slashes or not, and also takes
 * in everything under a folder of that name (typing `src` or `src/**` finds `lib/src/a.ts`);
 * `./` in front anchors it to the workspace folder (`./src`); `.md` stands for `*.md`.
 * Settings globs are relative to the workspace folder as written, like VS Code's.
 */

/** Splits a comma-separated list at commas outside `{…}`, trimming each glob and dropping empty ones. */
export function splitGlobList(list: string): string[] {
  const globs: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of list) {
    if (char === '{') depth++;
    else if (char === '}') depth = Math.max(0, depth - 1);
    if (char === ',' && depth === 0) {
      globs.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  globs.push(current);
  return globs.map((glob) => glob.trim()).filter((glob) => glob.length > 0);
}

const withoutTrailingSlashes = (glob: string) => glob.replace(/\/+$/, '');

/** One glob typed in the search view, as the patterns it stands for. */
function typedGlobPatterns(typed: string): string[] {
  const anchored = typed.startsWith('./');
  const trimmed = withoutTrailingSlashes(anchored ? typed.slice(2) : typed.replace(/^\/+/, ''));
  if (trimmed === '') return [];
  // `.js` means files ending in .js (and still a folder named .github, as `*` may match nothing).
  const glob = !anchored && trimmed.startsWith('.') ? `*${trimmed}` : trimmed;
  const base = anchored || glob.startsWith('**/') ? glob : `**/${glob}`;
  return [base, `${base}/**`].map((pattern) => pattern.replace(/\*\*\/\*\*/g, '**'));
}

/** The patterns of a comma-separated list typed in the search view. */
export function typedGlobs(list: string): string[] {
  return [...new Set(splitGlobList(list).flatMap(typedGlobPatterns))];
}

/** Settings globs (`files.exclude`, `search.exclude`) as workspace-relative patterns. */
export function settingsGlobs(globs: readonly string[]): string[] {
  const patterns = globs.map((glob) => withoutTrailingSlashes(glob.trim().replace(/^\.?\/+/, ''))).filter((glob) => glob.length > 0);
  return [...new Set(patterns)];
}

/** What a search includes and leaves out, as workspace-relative patterns. */
export interface GlobFilter {
  /** Empty: every file. */
  include: string[];
  exclude: string[];
}

export function globFilter(query: { include: string; exclude: string }, scopeExcludes: readonly string[]): GlobFilter {
  return {
    include: typedGlobs(query.include),
    exclude: [...new Set([...settingsGlobs(scopeExcludes), ...typedGlobs(query.exclude)])],
  };
}

/**
 * A workspace-relative pattern as a ripgrep glob. ripgrep reads globs the way .gitignore
 * does, where a pattern without a slash floats to any depth, so patterns that do not start
 * with `**` are pinned with a leading `/` (to ripgrep's working directory, which is why it
 * runs in the searched folder).
 */
export function ripgrepGlob(pattern: string): string {
  return pattern.startsWith('**') ? pattern : `/${pattern}`;
}
