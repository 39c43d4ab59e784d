/**
 * `files.exclude` as a test on workspace-relative paths (`/`-separated), with VS Code's
 * meaning: `**\/node_modules` hides every node_modules folder, `build` only the top-level one,
 * `*.log` only top-level logs; whatever a glob hides, everything under it is hidden too.
 */
import picomatch from 'picomatch';

export interface ExcludeMatcher {
  /** Whether this entry itself matches a glob (its parents are assumed to have been checked). */
  matches(relativePath: string): boolean;
  /** Whether the entry or any folder above it matches: for paths that come from outside a crawl. */
  hides(relativePath: string): boolean;
  /** The same rules for paths relative to `relativeFolder` (a folder inside the workspace). */
  within(relativeFolder: string): ExcludeMatcher;
}

/** `**\/NAME` with no wildcard in NAME: tested by a set lookup, since these are most of the defaults. */
const ANY_DEPTH_NAME = /^\*\*\/([^*?[\]{}()!/\\]+)$/;

export function excludeMatcher(globs: readonly string[]): ExcludeMatcher {
  const names = new Set<string>();
  const tests: ((path: string) => boolean)[] = [];
  for (const glob of globs) {
    const trimmed = glob.trim().replace(/\/+$/, '');
    if (trimmed === '') continue;
    const name = ANY_DEPTH_NAME.exec(trimmed)?.[1];
    if (name !== undefined) {
      names.add(name);
      continue;
    }
    try {
      tests.push(picomatch(trimmed, { dot: true }));
    } catch {
      // A glob picomatch cannot read hides nothing; settings.json's checker reports it to the user.
    }
  }
  const matches = (relativePath: string): boolean => {
    if (names.size > 0 && names.has(relativePath.slice(relativePath.lastIndexOf('/') + 1))) return true;
    for (const test of tests) if (test(relativePath)) return true;
    return false;
  };
  return rooted(matches, '');
}

function rooted(matchesFromRoot: (relativePath: string) => boolean, prefix: string): ExcludeMatcher {
  const matches = prefix === '' ? matchesFromRoot : (relativePath: string) => matchesFromRoot(prefix + relativePath);
  return {
    matches,
    hides(relativePath) {
      if (relativePath === '') return false;
      for (let end = relativePath.indexOf('/'); end !== -1; end = relativePath.indexOf('/', end + 1)) {
        if (matches(relativePath.slice(0, end))) return true;
      }
      return matches(relativePath);
    },
    within(relativeFolder) {
      return rooted(matchesFromRoot, relativeFolder === '' ? prefix : `${prefix}${relativeFolder}/`);
    },
  };
}
