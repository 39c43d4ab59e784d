/** How absolute, normalized paths relate: one inside another, one moved with another. */

/** True when `path` is `folder` itself or anything under it. */
export function isSameOrInside(path: string, folder: string, sep: string): boolean {
  if (path === folder) return true;
  const prefix = folder.endsWith(sep) ? folder : folder + sep;
  return path.startsWith(prefix);
}

/**
 * Where `path` is after `from` moved to `to`: `to` itself, the same place under `to` when
 * `path` was under `from`, or null when the move did not touch it.
 */
export function relocatePath(path: string, from: string, to: string, sep: string): string | null {
  if (path === from) return to;
  if (!isSameOrInside(path, from, sep)) return null;
  const rest = path.slice(from.endsWith(sep) ? from.length : from.length + 1);
  return to.endsWith(sep) ? to + rest : `${to}${sep}${rest}`;
}
