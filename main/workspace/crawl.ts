/**
 * The first listing of every file in a workspace: breadth-first, a few folders read at a time,
 * with `files.exclude` applied as it goes so excluded folders (node_modules, .git) are never
 * entered. Linked folders are not entered either (no loops, nothing outside); a linked file is
 * kept when it leads to a file inside the workspace.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExcludeMatcher } from './exclude-matcher.js';
import { isInside } from './path-policy.js';

/** Folders read at once: enough to keep the disk busy, few enough to leave the event loop free. */
const PARALLEL_READS = 8;

export interface CrawlOptions {
  /** Called with each folder's files (relative, `/`-separated) as they are found. */
  onFiles(relativePaths: string[]): void;
  /** Stops the crawl early (the workspace closed or its excludes changed). */
  cancelled(): boolean;
}

/** A folder the crawl read: its path (relative, `/`-separated; '' is the crawled folder) and how many entries it holds. */
export interface CrawledFolder {
  path: string;
  entries: number;
}

/** Resolves to every folder it read, to be watched. */
export function crawlFolder(folder: string, excluded: ExcludeMatcher, options: CrawlOptions): Promise<CrawledFolder[]> {
  const pending: string[] = [''];
  const read: CrawledFolder[] = [];
  let next = 0;
  let reading = 0;
  return new Promise((done) => {
    const pump = (): void => {
      while (reading < PARALLEL_READS && next < pending.length && !options.cancelled()) {
        const relative = pending[next++] as string;
        reading++;
        void readFolder(folder, relative, excluded, pending).then(({ files, entries }) => {
          reading--;
          read.push({ path: relative, entries });
          if (files.length > 0 && !options.cancelled()) options.onFiles(files);
          pump();
        });
      }
      if (reading === 0) done(read);
    };
    pump();
  });
}

async function readFolder(root: string, relative: string, excluded: ExcludeMatcher, pending: string[]): Promise<{ files: string[]; entries: number }> {
  let entries: Dirent[];
  try {
    entries = await readdir(relative === '' ? root : join(root, relative), { withFileTypes: true });
  } catch {
    // Unreadable or gone since it was listed: its files are simply not indexed.
    return { files: [], entries: 0 };
  }
  const files: string[] = [];
  for (const entry of entries) {
    const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (excluded.matches(path)) continue;
    if (entry.isDirectory()) pending.push(path);
    else if (entry.isFile()) files.push(path);
    else if (entry.isSymbolicLink() && (await isLinkToFileInside(root, path))) files.push(path);
  }
  return { files, entries: entries.length };
}

/** Whether the link at `relative` leads to a file inside `root` (a real path). */
export async function isLinkToFileInside(root: string, relative: string): Promise<boolean> {
  const absolute = join(root, relative);
  try {
    const [info, target] = await Promise.all([stat(absolute), realpath(absolute)]);
    return info.isFile() && isInside(target, root);
  } catch {
    return false;
  }
}
