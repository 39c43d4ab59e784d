/**
 * The files the built-in search reads, chosen the way ripgrep chooses them for the same
 * arguments: hidden files count; symbolic links are not followed; `.gitignore`, `.ignore` and
 * `.rgignore` files inside the folder apply (a deeper one over a shallower one, and in that
 * order within a folder); an exclude glob always leaves a path out; an include glob, when
 * there is any, decides alone for what it matches, ignore files notwithstanding (ripgrep's
 * globs override them); a folder no glob mentions is entered unless an ignore file leaves
 * it out.
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { GlobFilter } from './search-globs.js';

const IGNORE_FILES = ['.gitignore', '.ignore', '.rgignore'];

/** The rules of one folder's ignore files; `base` is that folder, relative to the workspace ('' at its top). */
interface IgnoreLayer {
  base: string;
  rules: Ignore;
}

async function ignoreLayer(dir: string, base: string, entries: readonly Dirent[]): Promise<IgnoreLayer | null> {
  const present = IGNORE_FILES.filter((name) => entries.some((entry) => entry.name === name && entry.isFile()));
  if (present.length === 0) return null;
  const rules = ignore();
  for (const name of present) {
    try {
      rules.add(await readFile(path.join(dir, name), 'utf8'));
    } catch {
      // An unreadable ignore file leaves nothing out, as in ripgrep.
    }
  }
  return { base, rules };
}

/** Whether the ignore files leave `relative` out: the deepest file with a rule for it decides. */
function ignoredBy(layers: readonly IgnoreLayer[], relative: string, isDirectory: boolean): boolean {
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i] as IgnoreLayer;
    const inLayer = layer.base === '' ? relative : relative.slice(layer.base.length + 1);
    const verdict = layer.rules.test(isDirectory ? `${inLayer}/` : inLayer);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

const matcher = (patterns: readonly string[]) => (patterns.length > 0 ? picomatch([...patterns], { dot: true }) : null);

/** Absolute paths of the files to search under `root`, folder by folder, until `signal` aborts. */
export async function* workspaceFiles(root: string, filter: GlobFilter, signal: AbortSignal): AsyncGenerator<string> {
  const excluded = matcher(filter.exclude);
  const included = matcher(filter.include);
  const pending: { relative: string; layers: IgnoreLayer[] }[] = [{ relative: '', layers: [] }];
  while (pending.length > 0 && !signal.aborted) {
    const dir = pending.pop() as (typeof pending)[number];
    const absolute = path.join(root, dir.relative);
    let entries: Dirent[];
    try {
      entries = await readdir(absolute, { withFileTypes: true });
    } catch {
      continue;
    }
    const layer = await ignoreLayer(absolute, dir.relative, entries);
    const layers = layer ? [...dir.layers, layer] : dir.layers;
    for (const entry of entries) {
      const relative = dir.relative === '' ? entry.name : `${dir.relative}/${entry.name}`;
      if (excluded?.(relative)) continue;
      const isDirectory = entry.isDirectory();
      if (!isDirectory && !entry.isFile()) continue;
      const whitelisted = included?.(relative) ?? false;
      if (isDirectory) {
        if (whitelisted || !ignoredBy(layers, relative, true)) pending.push({ relative, layers });
      } else if (included ? whitelisted : !ignoredBy(layers, relative, false)) {
        yield path.join(root, relative);
      }
    }
  }
}
