/**
 * Finds the ripgrep to search with: `QUIRE_RIPGREP` when set (tests point it at another
 * build, or at nothing), else `rg` on PATH. It is run once (`rg --version`) to check it is a
 * ripgrep Quire can drive; the answer is kept for the life of the process, per
 * QUIRE_RIPGREP/PATH pair.
 */
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';

/** `--engine auto` (PCRE2 for lookaround and backreferences) arrived in ripgrep 12. */
const MIN_MAJOR = 12;

export interface Ripgrep {
  path: string;
  version: string;
}

export type RipgrepLookup = { found: true; ripgrep: Ripgrep } | { found: false; reason: string };

const lookups = new Map<string, Promise<RipgrepLookup>>();

async function isExecutableFile(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function onPath(searchPath: string): Promise<string | null> {
  for (const dir of searchPath.split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, 'rg');
    if (await isExecutableFile(candidate)) return candidate;
  }
  return null;
}

function versionOf(file: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(file, ['--version'], { timeout: 10_000 }, (error, stdout) => {
      resolve(error ? null : (/^ripgrep (\d+\.\d+\.\d+)/.exec(stdout)?.[1] ?? null));
    });
  });
}

async function lookUp(override: string | undefined, searchPath: string): Promise<RipgrepLookup> {
  const file = override ? path.resolve(override) : await onPath(searchPath);
  if (!file) return { found: false, reason: 'ripgrep (rg) is not installed' };
  const version = (await isExecutableFile(file)) ? await versionOf(file) : null;
  if (!version) return { found: false, reason: `${file} is not a ripgrep that runs` };
  if (Number(version.split('.')[0]) < MIN_MAJOR) return { found: false, reason: `ripgrep ${version} (${file}) is too old` };
  return { found: true, ripgrep: { path: file, version } };
}

export function findRipgrep(env: NodeJS.ProcessEnv = process.env): Promise<RipgrepLookup> {
  const override = env.QUIRE_RIPGREP || undefined;
  const searchPath = env.PATH ?? '';
  const key = `${override ?? ''}\0${searchPath}`;
  let lookup = lookups.get(key);
  if (!lookup) {
    lookup = lookUp(override, searchPath);
    lookups.set(key, lookup);
  }
  return lookup;
}

/** The one line the search view shows when it falls back to the built-in search. */
export function fallbackNotice(reason: string): string {
  return `${reason}, so search uses Quire's slower built-in search. Install ripgrep ${MIN_MAJOR} or newer (Debian: apt-get install ripgrep) for fast search.`;
}
