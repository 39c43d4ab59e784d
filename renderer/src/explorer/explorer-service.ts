import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { QuireApi } from '../../../app/contract.js';
import type { FileTreeChange } from '../../../app/workspace-contract.js';
import { isSameOrInside } from '../paths/path-relations.js';
import { dirName } from '../paths/user-path.js';
import type { QuireStore } from '../state/store.js';
import {
  ancestorsToReveal,
  applyFileChanges,
  collapsedAll,
  emptyTree,
  entryAt,
  treeRows,
  withEntryAdded,
  withEntryRemoved,
  withEntryRenamed,
  withExpanded,
  withFolder,
} from './explorer-tree.js';
import type { TreeState } from './explorer-tree.js';

/** The inline name box: a new entry in `parent`, or a new name for the entry at `path`. */
export type ExplorerEdit = { type: 'create'; parent: string; kind: 'file' | 'directory' } | { type: 'rename'; path: string };

export interface ExplorerState {
  /** Null while no folder is open. */
  tree: TreeState | null;
  /** The selected row (it has the keyboard focus when the tree does). */
  selected: string | null;
  edit: ExplorerEdit | null;
  /**
   * The tree should take the keyboard focus as soon as it shows (it may not be on screen yet:
   * Ctrl+Shift+E with the side bar hidden); the view calls `focusHandled` once it has.
   */
  focusPending: boolean;
  /** A row to scroll into view; `seq` tells one request from the next for the same row. */
  scrollRequest: { path: string; seq: number } | null;
}

/** What the Explorer does to open documents when files move or vanish. */
export interface ExplorerDocuments {
  openAndReport(path: string): Promise<boolean>;
  /** Open documents at or under `from` now stand for the same files under `to`. */
  pathsMoved(from: string, to: string): void;
  /** The files at or under `path` are gone: their tabs say so. */
  pathsDeleted(path: string): void;
}

export interface ExplorerDeps {
  api: QuireApi;
  store: QuireStore;
  documents: ExplorerDocuments;
}

/**
 * The Explorer's tree of the workspace folder: lists folders as they are expanded, applies what
 * changes on disk, follows the active document, and carries out New File/Folder, Rename and
 * Delete (asking first where needed). React renders `state`; nothing here touches the DOM.
 */
export class ExplorerService {
  readonly state: StoreApi<ExplorerState> = createStore<ExplorerState>()(() => ({
    tree: null,
    selected: null,
    edit: null,
    focusPending: false,
    scrollRequest: null,
  }));
  /** Changes to folders whose listing is on its way, applied once it arrives. */
  private readonly queued = new Map<string, FileTreeChange[]>();
  /** Listings on their way, by folder. */
  private readonly pending = new Map<string, Promise<void>>();
  private scrollSeq = 0;

  constructor(private readonly deps: ExplorerDeps) {}

  private get view(): ExplorerState {
    return this.state.getState();
  }

  private get tree(): TreeState | null {
    return this.view.tree;
  }

  private setTree(tree: TreeState): void {
    if (tree !== this.tree) this.state.setState({ tree });
  }

  start(): void {
    const { store, api } = this.deps;
    this.open(store.getState().workspace?.folder ?? null);
    store.subscribe((state, previous) => {
      if (state.workspace?.folder !== previous.workspace?.folder || state.appInfo !== previous.appInfo) {
        this.open(state.workspace?.folder ?? null);
      }
      if (state.activeId !== previous.activeId) this.followActiveDocument();
    });
    api.on('workspace.files', ({ changes }) => this.applyChanges(changes));
    // The same folder announced again: files.exclude changed, so what is hidden may have too.
    api.on('workspace.changed', ({ folder }) => {
      const tree = this.tree;
      if (tree && folder === tree.root && tree.folders.get(tree.root)?.status === 'loaded') void this.refresh();
    });
  }

  /** Shows `folder`'s first level; null shows "no folder open". */
  private open(folder: string | null): void {
    const sep = this.deps.store.getState().appInfo?.pathSeparator;
    if (folder === this.tree?.root && sep === this.tree?.sep) return;
    this.queued.clear();
    this.pending.clear();
    this.state.setState({ tree: folder === null || sep === undefined ? null : emptyTree(folder, sep), selected: null, edit: null });
    if (folder !== null && sep !== undefined) void this.load(folder);
  }

  /** Lists `folder` unless it is listed or being listed. */
  private ensureLoaded(folder: string): Promise<void> {
    if (this.tree?.folders.get(folder)?.status === 'loaded') return Promise.resolve();
    return this.pending.get(folder) ?? this.load(folder);
  }

  /** Lists one folder (again); a listing already shown stays until the new one arrives. */
  private load(folder: string): Promise<void> {
    const loading = this.list(folder).finally(() => {
      if (this.pending.get(folder) === loading) this.pending.delete(folder);
    });
    this.pending.set(folder, loading);
    return loading;
  }

  private async list(folder: string): Promise<void> {
    const before = this.tree;
    if (!before) return;
    if (!before.folders.has(folder)) this.setTree(withFolder(before, folder, { status: 'loading' }));
    const result = await this.deps.api.request('workspace.list', { path: folder });
    const tree = this.tree;
    // The workspace changed, or the folder vanished, while it was being listed.
    if (!tree || tree.root !== before.root || !tree.folders.has(folder)) return;
    let next = withFolder(
      tree,
      folder,
      result.ok ? { status: 'loaded', entries: result.value.entries, truncated: result.value.truncated } : { status: 'error', message: result.error.message },
    );
    const queued = this.queued.get(folder);
    this.queued.delete(folder);
    if (queued && result.ok) next = applyFileChanges(next, queued);
    this.setTree(next);
  }

  private applyChanges(changes: readonly FileTreeChange[]): void {
    const tree = this.tree;
    if (!tree) return;
    // A file saved by replacing it may show as removed then added: the last word on a path counts.
    const last = new Map(changes.map((change) => [change.path, change]));
    for (const change of last.values()) {
      if (change.kind === 'removed') this.deps.documents.pathsDeleted(change.path);
    }
    for (const change of changes) {
      const parent = dirName(change.path, tree.sep);
      if (tree.folders.get(parent)?.status !== 'loading') continue;
      const queued = this.queued.get(parent) ?? [];
      queued.push(change);
      this.queued.set(parent, queued);
    }
    this.setTree(applyFileChanges(tree, changes));
    const selected = this.view.selected;
    if (selected !== null && this.tree && !entryAt(this.tree, selected)) this.state.setState({ selected: null });
  }

  select(path: string | null): void {
    if (this.view.selected !== path) this.state.setState({ selected: path });
  }

  /** Asks the tree to take the keyboard focus (and shows the selected row). */
  focus(): void {
    const selected = this.view.selected;
    this.state.setState({ focusPending: true });
    if (selected !== null) this.scrollTo(selected);
  }

  focusHandled(): void {
    this.state.setState({ focusPending: false });
  }

  scrollTo(path: string): void {
    this.state.setState({ scrollRequest: { path, seq: ++this.scrollSeq } });
  }

  async expand(path: string): Promise<void> {
    const tree = this.tree;
    if (!tree || entryAt(tree, path)?.kind !== 'directory') return;
    this.setTree(withExpanded(tree, path, true));
    await this.ensureLoaded(path);
  }

  collapse(path: string): void {
    const tree = this.tree;
    if (tree) this.setTree(withExpanded(tree, path, false));
  }

  toggle(path: string): void {
    if (this.tree?.expanded.has(path)) this.collapse(path);
    else void this.expand(path);
  }

  collapseAll(): void {
    const tree = this.tree;
    if (!tree) return;
    this.setTree(collapsedAll(tree));
    const selected = this.view.selected;
    // The selection would be hidden in a folded folder: it moves to its top-level folder.
    if (selected !== null && dirName(selected, tree.sep) !== tree.root) this.select(ancestorsToReveal(tree, selected)?.[0] ?? null);
  }

  /** Lists every shown folder again; folded ones are listed afresh when next opened. */
  async refresh(): Promise<void> {
    const tree = this.tree;
    if (!tree) return;
    const shown = [tree.root, ...[...tree.expanded].filter((path) => ancestorsToReveal(tree, path)?.every((folder) => tree.expanded.has(folder)))];
    const folders = new Map([...tree.folders].filter(([path]) => shown.includes(path)));
    this.setTree({ ...tree, folders });
    await Promise.all(shown.map((path) => this.load(path)));
  }

  /**
   * Opens the folders down to `path` (listing them as needed) and selects it. With `focus`
   * the tree takes the keyboard focus too (Reveal Active File); without, only the selection
   * follows (a tab was switched). False when `path` is not in the workspace.
   */
  async reveal(path: string, focus: boolean): Promise<boolean> {
    const tree = this.tree;
    const folders = tree ? ancestorsToReveal(tree, path) : null;
    if (!tree || folders === null) return false;
    await this.ensureLoaded(tree.root);
    for (const folder of folders) {
      if (this.tree?.root !== tree.root) return false;
      await this.expand(folder);
    }
    const current = this.tree;
    if (!current || !entryAt(current, path)) return false;
    this.select(path);
    if (focus) this.focus();
    else this.scrollTo(path);
    return true;
  }

  private followActiveDocument(): void {
    const { activeId, documents } = this.deps.store.getState();
    const path = activeId === null ? null : (documents[activeId]?.path ?? null);
    if (path !== null && this.view.edit === null) void this.reveal(path, false);
  }

  /** Where New File/New Folder puts the entry: in the selected folder, beside the selected file, or at the top. */
  private targetFolder(): string | null {
    const tree = this.tree;
    if (!tree) return null;
    const selected = this.view.selected;
    if (selected === null || !entryAt(tree, selected)) return tree.root;
    return entryAt(tree, selected)?.kind === 'directory' ? selected : dirName(selected, tree.sep);
  }

  /** Opens the inline name box for a new file or folder. */
  async startCreate(kind: 'file' | 'directory'): Promise<void> {
    const parent = this.targetFolder();
    const tree = this.tree;
    if (parent === null || !tree) return;
    if (parent !== tree.root) await this.expand(parent);
    this.state.setState({ edit: { type: 'create', parent, kind } });
  }

  startRename(path: string): void {
    if (this.tree && entryAt(this.tree, path)) this.state.setState({ edit: { type: 'rename', path }, selected: path });
  }

  /**
   * Closes the name box. `refocus`: the keyboard focus goes back to the tree (Escape), rather
   * than staying where the user clicked.
   */
  cancelEdit(refocus: boolean): void {
    if (this.view.edit === null) return;
    this.state.setState({ edit: null });
    if (refocus) this.focus();
  }

  /** Creates what the name box asked for. Null when done; else the message to show under the box. */
  async commitCreate(name: string, refocus: boolean): Promise<string | null> {
    const edit = this.view.edit;
    const tree = this.tree;
    if (edit?.type !== 'create' || !tree) return null;
    const path = `${edit.parent}${edit.parent.endsWith(tree.sep) ? '' : tree.sep}${name}`;
    const result = await this.deps.api.request(edit.kind === 'file' ? 'workspace.createFile' : 'workspace.createFolder', { path });
    if (!result.ok) return result.error.message;
    const current = this.tree;
    if (current) this.setTree(withEntryAdded(current, path, edit.kind));
    this.state.setState({ edit: null, selected: path });
    this.scrollTo(path);
    // A new file opens to be written in, as in VS Code; a new folder keeps the tree focused.
    if (edit.kind === 'file') await this.deps.documents.openAndReport(path);
    else if (refocus) this.focus();
    return null;
  }

  /** Renames the entry being edited; open tabs on it (or in it) follow. Null when done, else the message. */
  async commitRename(name: string, refocus: boolean): Promise<string | null> {
    const edit = this.view.edit;
    const tree = this.tree;
    if (edit?.type !== 'rename' || !tree) return null;
    const from = edit.path;
    const parent = dirName(from, tree.sep);
    const to = `${parent}${parent.endsWith(tree.sep) ? '' : tree.sep}${name}`;
    if (to === from) {
      this.cancelEdit(refocus);
      return null;
    }
    const result = await this.deps.api.request('workspace.rename', { from, to });
    if (!result.ok) return result.error.message;
    const current = this.tree;
    if (current) this.setTree(withEntryRenamed(current, from, to));
    this.deps.documents.pathsMoved(from, to);
    this.state.setState({ edit: null, selected: to });
    if (refocus) this.focus();
    else this.scrollTo(to);
    return null;
  }

  /** After a delete: the entry leaves the tree, tabs on it say so, the selection moves to the row that took its place. */
  removed(path: string): void {
    const tree = this.tree;
    if (!tree) return;
    const rows = treeRows(tree);
    const index = rows.findIndex((row) => row.type === 'entry' && row.path === path);
    const neighbours = [...rows.slice(index + 1), ...rows.slice(0, Math.max(index, 0)).reverse()];
    const next = neighbours.find((row) => row.type === 'entry' && !isSameOrInside(row.path, path, tree.sep));
    this.setTree(withEntryRemoved(tree, path));
    this.deps.documents.pathsDeleted(path);
    this.select(next?.type === 'entry' ? next.path : null);
    this.focus();
  }
}
