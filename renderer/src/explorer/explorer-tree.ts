/**
 * The Explorer's tree as plain data: which folders have been listed, which are expanded, and
 * the rows that makes on screen. Every change returns a new tree (or the same one when
 * nothing changed), so the view re-renders only when something did.
 */
import type { FileTreeChange, TreeEntry } from '../../../app/workspace-contract.js';
import { isSameOrInside, relocatePath } from '../paths/path-relations.js';
import { baseName, dirName } from '../paths/user-path.js';
import { compareTreeEntries, insertionIndex } from './tree-order.js';

export type FolderState =
  | { status: 'loading' }
  | { status: 'loaded'; entries: readonly TreeEntry[]; truncated: boolean }
  | { status: 'error'; message: string };

export interface TreeState {
  /** The workspace folder; its entries are the tree's first level. */
  root: string;
  sep: string;
  /** Folders listed (or being listed), by absolute path. A collapsed folder keeps its listing. */
  folders: ReadonlyMap<string, FolderState>;
  /** Expanded folders, by absolute path; the root always shows its entries. */
  expanded: ReadonlySet<string>;
}

/** A new inline name box in the tree: where it shows and what it creates. */
export interface PendingCreate {
  parent: string;
  kind: 'file' | 'directory';
}

export type TreeRow =
  | {
      type: 'entry';
      key: string;
      path: string;
      name: string;
      kind: TreeEntry['kind'];
      symlink: boolean;
      /** aria-level: 1 for the workspace folder's entries. */
      level: number;
      parent: string;
      /** aria-posinset and aria-setsize among the folder's entries. */
      posInSet: number;
      setSize: number;
      expanded: boolean;
    }
  /** Not an entry: "Loading…", a folder that could not be listed, or a listing cut short. */
  | { type: 'status'; key: string; level: number; parent: string; text: string; tone: 'muted' | 'error' }
  /** The name box of a file or folder being created. */
  | { type: 'create'; key: string; level: number; parent: string; kind: 'file' | 'directory' };

export type EntryRow = Extract<TreeRow, { type: 'entry' }>;

/** Above this many new entries in one folder at once, re-sorting beats inserting one by one. */
const RESORT_THRESHOLD = 64;

export function emptyTree(root: string, sep: string): TreeState {
  return { root, sep, folders: new Map(), expanded: new Set() };
}

export function withFolder(tree: TreeState, path: string, folder: FolderState): TreeState {
  return { ...tree, folders: new Map(tree.folders).set(path, folder) };
}

export function withExpanded(tree: TreeState, path: string, expanded: boolean): TreeState {
  if (tree.expanded.has(path) === expanded) return tree;
  const next = new Set(tree.expanded);
  if (expanded) next.add(path);
  else next.delete(path);
  return { ...tree, expanded: next };
}

/** The entry at `path`, when its folder has been listed. */
export function entryAt(tree: TreeState, path: string): TreeEntry | undefined {
  const folder = tree.folders.get(dirName(path, tree.sep));
  if (folder?.status !== 'loaded') return undefined;
  const name = baseName(path, tree.sep);
  return folder.entries.find((entry) => entry.name === name);
}

/** The names in a listed folder (for checking a new name against), or null when it is not listed. */
export function namesIn(tree: TreeState, folder: string): string[] | null {
  const state = tree.folders.get(folder);
  return state?.status === 'loaded' ? state.entries.map((entry) => entry.name) : null;
}

/** The rows on screen, top to bottom: expanded folders' entries under them, indented a level. */
export function treeRows(tree: TreeState, pendingCreate: PendingCreate | null = null): TreeRow[] {
  const rows: TreeRow[] = [];
  const addFolder = (folder: string, level: number) => {
    const state = tree.folders.get(folder);
    const creating = pendingCreate?.parent === folder ? pendingCreate : null;
    const createRow: TreeRow | null = creating && { type: 'create', key: `create:${folder}`, level, parent: folder, kind: creating.kind };
    if (!state || state.status === 'loading') {
      rows.push({ type: 'status', key: `loading:${folder}`, level, parent: folder, text: 'Loading…', tone: 'muted' });
      return;
    }
    if (state.status === 'error') {
      rows.push({ type: 'status', key: `error:${folder}`, level, parent: folder, text: state.message, tone: 'error' });
      return;
    }
    const { entries } = state;
    // A new folder's box goes first, a new file's after the folders: where the entry will land.
    const createAt = createRow === null ? -1 : creating?.kind === 'directory' ? 0 : entries.findIndex((entry) => entry.kind !== 'directory');
    // Plain concatenation: the folder is a normalized path and a name holds no separator.
    const prefix = folder.endsWith(tree.sep) ? folder : folder + tree.sep;
    entries.forEach((entry, index) => {
      if (index === createAt && createRow) rows.push(createRow);
      const path = prefix + entry.name;
      const expanded = entry.kind === 'directory' && tree.expanded.has(path);
      rows.push({
        type: 'entry',
        key: path,
        path,
        name: entry.name,
        kind: entry.kind,
        symlink: entry.symlink,
        level,
        parent: folder,
        posInSet: index + 1,
        setSize: entries.length,
        expanded,
      });
      if (expanded) addFolder(path, level + 1);
    });
    if (createRow && (createAt < 0 || createAt >= entries.length)) rows.push(createRow);
    if (state.truncated) {
      rows.push({ type: 'status', key: `truncated:${folder}`, level, parent: folder, text: 'Not every entry is shown: this folder holds too many.', tone: 'muted' });
    }
  };
  addFolder(tree.root, 1);
  return rows;
}

/**
 * Applies what changed on disk to the folders already listed. Changes in folders never listed
 * are dropped (they are listed fresh when opened), and so is everything known under a folder
 * that vanished. Applying a change twice changes nothing the second time.
 */
export function applyFileChanges(tree: TreeState, changes: readonly FileTreeChange[]): TreeState {
  const byFolder = new Map<string, FileTreeChange[]>();
  let next = tree;
  for (const change of changes) {
    if (change.kind === 'changed' || change.path === tree.root) continue;
    if (change.kind === 'removed') next = forgetUnder(next, change.path);
    const parent = dirName(change.path, tree.sep);
    if (next.folders.get(parent)?.status !== 'loaded') continue;
    const list = byFolder.get(parent) ?? [];
    list.push(change);
    byFolder.set(parent, list);
  }
  for (const [folder, folderChanges] of byFolder) {
    const state = next.folders.get(folder);
    if (state?.status !== 'loaded') continue;
    const entries = changedEntries(state.entries, folderChanges, tree.sep);
    if (entries !== state.entries) next = withFolder(next, folder, { ...state, entries });
  }
  return next;
}

function changedEntries(entries: readonly TreeEntry[], changes: readonly FileTreeChange[], sep: string): readonly TreeEntry[] {
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const fresh: TreeEntry[] = [];
  for (const change of changes) {
    const name = baseName(change.path, sep);
    const existing = byName.get(name);
    if (change.kind === 'removed') {
      byName.delete(name);
      continue;
    }
    const kind = change.isDirectory ? 'directory' : 'file';
    if (existing && (existing.kind === kind || (existing.kind === 'other' && kind === 'file'))) continue;
    const entry: TreeEntry = { name, kind, symlink: existing?.symlink ?? false };
    byName.set(name, entry);
    fresh.push(entry);
  }
  const kept = entries.filter((entry) => byName.get(entry.name) === entry);
  const added = fresh.filter((entry) => byName.get(entry.name) === entry);
  if (kept.length === entries.length && added.length === 0) return entries;
  if (added.length > RESORT_THRESHOLD) return [...kept, ...added].sort(compareTreeEntries);
  for (const entry of added) kept.splice(insertionIndex(kept, entry), 0, entry);
  return kept;
}

/** An entry now exists at `path` (created from the Explorer): listed at once, not when the watcher says so. */
export function withEntryAdded(tree: TreeState, path: string, kind: 'file' | 'directory'): TreeState {
  return applyFileChanges(tree, [{ path, kind: 'added', isDirectory: kind === 'directory' }]);
}

/** The entry at `path` is gone, and whatever was listed or expanded under it. */
export function withEntryRemoved(tree: TreeState, path: string): TreeState {
  return applyFileChanges(tree, [{ path, kind: 'removed', isDirectory: false }]);
}

/** `from` was renamed to `to`: the entry moves, and a folder keeps its listings and expanded subfolders. */
export function withEntryRenamed(tree: TreeState, from: string, to: string): TreeState {
  const entry = entryAt(tree, from);
  let next = tree;
  const folders = new Map<string, FolderState>();
  for (const [path, state] of tree.folders) folders.set(relocatePath(path, from, to, tree.sep) ?? path, state);
  const expanded = new Set([...tree.expanded].map((path) => relocatePath(path, from, to, tree.sep) ?? path));
  next = { ...next, folders, expanded };
  next = withEntryRemoved(next, from);
  next = applyFileChanges(next, [{ path: to, kind: 'added', isDirectory: entry?.kind === 'directory' }]);
  if (!entry) return next;
  // Keep what main said about the entry (a symbolic link stays one).
  const parent = dirName(to, tree.sep);
  const state = next.folders.get(parent);
  if (state?.status !== 'loaded') return next;
  const name = baseName(to, tree.sep);
  return withFolder(next, parent, { ...state, entries: state.entries.map((candidate) => (candidate.name === name ? { ...entry, name } : candidate)) });
}

/** Drops listings and expansion of `path` and everything under it (it vanished). */
function forgetUnder(tree: TreeState, path: string): TreeState {
  const inside = (candidate: string) => isSameOrInside(candidate, path, tree.sep);
  const folders = [...tree.folders.keys()].some(inside) ? new Map([...tree.folders].filter(([key]) => !inside(key))) : tree.folders;
  const expanded = [...tree.expanded].some(inside) ? new Set([...tree.expanded].filter((key) => !inside(key))) : tree.expanded;
  return folders === tree.folders && expanded === tree.expanded ? tree : { ...tree, folders, expanded };
}

/** Collapse All: every folder folds; their listings stay for when they open again. */
export function collapsedAll(tree: TreeState): TreeState {
  return tree.expanded.size === 0 ? tree : { ...tree, expanded: new Set() };
}

/** The folders from the root down to `path`'s parent, outermost first: what must open to show it. */
export function ancestorsToReveal(tree: TreeState, path: string): string[] | null {
  if (!isSameOrInside(path, tree.root, tree.sep) || path === tree.root) return null;
  const folders: string[] = [];
  for (let folder = dirName(path, tree.sep); folder !== tree.root; folder = dirName(folder, tree.sep)) {
    folders.unshift(folder);
    if (folder === dirName(folder, tree.sep)) return null;
  }
  return folders;
}
