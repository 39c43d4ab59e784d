/**
 * Paths as people type them into the quick-open box, resolved the way a shell would.
 * Pure string work: the renderer has no `path` module, and the separator style is the
 * server's (from `app.info`), not the browser's.
 */

/** Where a typed path resolves from. */
export interface PathContext {
  cwd: string;
  homeDir: string;
  /** `/` or `\`. */
  sep: string;
}

function isWindowsStyle(sep: string): boolean {
  return sep === '\\';
}

function separatorPattern(sep: string): RegExp {
  return isWindowsStyle(sep) ? /[\\/]/ : /\//;
}

/** The root a path starts with (`/`, `C:\`, `\\`), or '' for a relative path. */
function rootOf(path: string, sep: string): string {
  if (!isWindowsStyle(sep)) return path.startsWith('/') ? '/' : '';
  const drive = /^[A-Za-z]:[\\/]/.exec(path);
  if (drive) return `${drive[0].slice(0, 2)}\\`;
  return /^[\\/]{2}/.test(path) ? '\\\\' : '';
}

export function isAbsolutePath(path: string, sep: string): boolean {
  return rootOf(path, sep) !== '';
}

/** Collapses `.`, `..` and repeated separators; keeps the root; drops a trailing separator. */
export function normalizePath(path: string, sep: string): string {
  const root = rootOf(path, sep);
  const segments: string[] = [];
  for (const segment of path.slice(root.length).split(separatorPattern(sep))) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length > 0 && segments[segments.length - 1] !== '..') segments.pop();
      else if (!root) segments.push('..');
      continue;
    }
    segments.push(segment);
  }
  return root + segments.join(sep) || '.';
}

export function joinPath(dir: string, name: string, sep: string): string {
  return normalizePath(`${dir}${sep}${name}`, sep);
}

/** Absolute, normalized path for what the user typed: `~/x`, `x/y` (from cwd) or `/x`. */
export function resolveUserPath(input: string, context: PathContext): string {
  const { sep } = context;
  const trimmed = input.trim();
  if (trimmed === '~') return normalizePath(context.homeDir, sep);
  if (trimmed.startsWith('~') && separatorPattern(sep).test(trimmed.charAt(1))) {
    return joinPath(context.homeDir, trimmed.slice(2), sep);
  }
  if (isAbsolutePath(trimmed, sep)) return normalizePath(trimmed, sep);
  return joinPath(context.cwd, trimmed, sep);
}

/** The last path segment (`/a/b.txt` -> `b.txt`). */
export function baseName(path: string, sep: string): string {
  const segments = path.split(separatorPattern(sep)).filter((segment) => segment !== '');
  return segments[segments.length - 1] ?? path;
}

/** The directory holding `path` (`/a/b.txt` -> `/a`); the root stays the root. */
export function dirName(path: string, sep: string): string {
  const normalized = normalizePath(path, sep);
  const root = rootOf(normalized, sep);
  const rest = normalized.slice(root.length);
  const cut = rest.lastIndexOf(sep);
  return cut < 0 ? root || '.' : root + rest.slice(0, cut);
}

/**
 * Splits a path being typed into the directory to list and the name prefix to filter it by:
 * `/home/ann/No` -> `{ directory: '/home/ann/', prefix: 'No' }`. The directory is kept as typed.
 */
export function splitTypedPath(input: string, sep: string): { directory: string; prefix: string } {
  const pattern = isWindowsStyle(sep) ? /[\\/](?=[^\\/]*$)/ : /\/(?=[^/]*$)/;
  const match = pattern.exec(input);
  if (!match) return { directory: '', prefix: input };
  return { directory: input.slice(0, match.index + 1), prefix: input.slice(match.index + 1) };
}

/**
 * What a typed path means once the user starts over inside it, as in VS Code's simple file
 * dialog: the box opens on a folder (`/home/ann/project/`), and typing `/` or `~/` after it
 * means the root or the home folder, not a subfolder of the project. The rightmost `//` or
 * `/~/` (on Windows also `\D:\`) is where the path restarts; a path without one is unchanged.
 */
export function restartTypedPath(input: string, sep: string): string {
  const restart = isWindowsStyle(sep)
    ? /[\\/](?=[\\/]|~[\\/]|[A-Za-z]:[\\/])/g
    : /\/(?=\/|~\/)/g;
  let from = -1;
  for (const match of input.matchAll(restart)) {
    // A leading `//` is the root (or a Windows network path), not a restart.
    const doubled = separatorPattern(sep).test(input.charAt(match.index + 1));
    if (match.index > 0 || !doubled) from = match.index + 1;
  }
  return from < 0 ? input : input.slice(from);
}
