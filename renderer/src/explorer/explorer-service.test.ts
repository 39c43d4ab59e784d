import { describe, expect, it } from 'vitest';
import type { AppInfo, EventName, EventPayload, Method, Outcome, Params, QuireApi, Result } from '../../../app/contract.js';
import type { TreeEntry } from '../../../app/workspace-contract.js';
import { createQuireStore } from '../state/store.js';
import type { QuireStore } from '../state/store.js';
import { deleteEntry } from './delete-entry.js';
import { treeRows } from './explorer-tree.js';
import { ExplorerService } from './explorer-service.js';
import type { ExplorerDocuments } from './explorer-service.js';

type Handler = (params: unknown) => Outcome<unknown> | Promise<Outcome<unknown>>;

/**
 * Main as the Explorer sees it: folders listed from `folders`, other requests answered by
 * `handlers`, every request recorded, and events sent with `emit`.
 */
class ScriptedMain implements QuireApi {
  readonly requests: { method: Method; params: unknown }[] = [];
  readonly handlers = new Map<Method, Handler>();
  private readonly listeners = new Map<EventName, ((payload: unknown) => void)[]>();
  /** Listings held back until `release` (a slow disk). */
  private readonly held = new Map<string, () => void>();
  holdListings = false;

  constructor(readonly folders: Map<string, TreeEntry[]>) {
    this.handlers.set('workspace.list', async (params) => {
      const { path } = params as { path: string };
      if (this.holdListings) await new Promise<void>((resolve) => this.held.set(path, resolve));
      const entries = this.folders.get(path);
      return entries
        ? { ok: true, value: { path, entries: [...entries], truncated: false } }
        : { ok: false, error: { code: 'not-found', message: `${path} does not exist` } };
    });
  }

  release(path: string): void {
    this.held.get(path)?.();
    this.held.delete(path);
  }

  async request<M extends Method>(method: M, params: Params<M>): Promise<Outcome<Result<M>>> {
    this.requests.push({ method, params });
    const handler = this.handlers.get(method);
    if (!handler) return { ok: false, error: { code: 'unsupported', message: `${method} is not scripted` } };
    return (await handler(params)) as Outcome<Result<M>>;
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const list = this.listeners.get(event) ?? [];
    list.push(listener as (payload: unknown) => void);
    this.listeners.set(event, list);
    return () => undefined;
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  calls(method: Method): unknown[] {
    return this.requests.filter((request) => request.method === method).map((request) => request.params);
  }
}

const file = (name: string): TreeEntry => ({ name, kind: 'file', symlink: false });
const dir = (name: string): TreeEntry => ({ name, kind: 'directory', symlink: false });

/** Open documents as the Explorer tells them what happened on disk. */
class RecordingDocuments implements ExplorerDocuments {
  readonly opened: string[] = [];
  readonly moved: [string, string][] = [];
  readonly deleted: string[] = [];
  async openAndReport(path: string): Promise<boolean> {
    this.opened.push(path);
    return true;
  }
  pathsMoved(from: string, to: string): void {
    this.moved.push([from, to]);
  }
  pathsDeleted(path: string): void {
    this.deleted.push(path);
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(folders: Record<string, TreeEntry[]>) {
  const main = new ScriptedMain(new Map(Object.entries(folders)));
  const store: QuireStore = createQuireStore();
  const documents = new RecordingDocuments();
  store.getState().setAppInfo({ pathSeparator: '/', platform: 'linux' } as AppInfo);
  const explorer = new ExplorerService({ api: main, store, documents });
  explorer.start();
  store.getState().setWorkspace({ folder: '/w', name: 'w', confined: true, openableRoot: '/w' });
  const names = () => {
    const tree = explorer.state.getState().tree;
    return tree ? treeRows(tree).map((row) => (row.type === 'entry' ? `${'  '.repeat(row.level - 1)}${row.name}` : `[${row.type}]`)) : null;
  };
  return { main, store, documents, explorer, names };
}

const project = { '/w': [dir('src'), file('README.md')], '/w/src': [dir('lib'), file('a.ts')], '/w/src/lib': [file('deep.ts')] };

describe('ExplorerService', () => {
  it('lists the workspace folder when it is known, and a folder when it is expanded', async () => {
    const { main, explorer, names } = setup(project);
    await settle();
    expect(names()).toEqual(['src', 'README.md']);
    await explorer.expand('/w/src');
    expect(names()).toEqual(['src', '  lib', '  a.ts', 'README.md']);
    explorer.collapse('/w/src');
    await explorer.expand('/w/src');
    // A folder listed once is not listed again when it reopens.
    expect(main.calls('workspace.list')).toEqual([{ path: '/w' }, { path: '/w/src' }]);
  });

  it('applies changes on disk to listed folders, and those arriving while a folder is listed once its listing is in', async () => {
    const { main, explorer, documents, names } = setup(project);
    await settle();
    main.emit('workspace.files', { changes: [{ path: '/w/NEW.md', kind: 'added', isDirectory: false }] });
    expect(names()).toEqual(['src', 'NEW.md', 'README.md']);

    main.holdListings = true;
    const expanding = explorer.expand('/w/src');
    main.emit('workspace.files', {
      changes: [
        { path: '/w/src/b.ts', kind: 'added', isDirectory: false },
        { path: '/w/src/a.ts', kind: 'removed', isDirectory: false },
      ],
    });
    expect(names()).toEqual(['src', '[status]', 'NEW.md', 'README.md']);
    main.release('/w/src');
    await expanding;
    expect(names()).toEqual(['src', '  lib', '  b.ts', 'NEW.md', 'README.md']);
    // Tabs on a file that vanished are told; a file replaced in one batch (removed, then added) is not gone.
    expect(documents.deleted).toEqual(['/w/src/a.ts']);
    main.emit('workspace.files', {
      changes: [
        { path: '/w/README.md', kind: 'removed', isDirectory: false },
        { path: '/w/README.md', kind: 'added', isDirectory: false },
      ],
    });
    expect(documents.deleted).toEqual(['/w/src/a.ts']);
  });

  it('reveals a file by listing and expanding the folders above it, then selects it', async () => {
    const { explorer, names } = setup(project);
    expect(await explorer.reveal('/w/src/lib/deep.ts', true)).toBe(true);
    expect(names()).toEqual(['src', '  lib', '    deep.ts', '  a.ts', 'README.md']);
    expect(explorer.state.getState().selected).toBe('/w/src/lib/deep.ts');
    expect(explorer.state.getState().focusPending).toBe(true);
    expect(await explorer.reveal('/elsewhere/x.ts', true)).toBe(false);
    expect(await explorer.reveal('/w/src/missing.ts', true)).toBe(false);
  });

  it('follows the active document into the tree, without taking the focus', async () => {
    const { store, explorer } = setup(project);
    await settle();
    store.getState().addDocument({ id: 'd', path: '/w/src/a.ts', name: 'a.ts', dirty: false, deletedOnDisk: false, languageId: 'typescript', eol: 'LF', bom: false });
    await settle();
    await settle();
    expect(explorer.state.getState().selected).toBe('/w/src/a.ts');
    expect(explorer.state.getState().focusPending).toBe(false);
  });

  it('creates a file in the selected folder and opens it; a refusal comes back as the message to show', async () => {
    const { main, explorer, documents, names } = setup(project);
    await settle();
    explorer.select('/w/src');
    await explorer.startCreate('file');
    expect(explorer.state.getState().edit).toEqual({ type: 'create', parent: '/w/src', kind: 'file' });
    main.handlers.set('workspace.createFile', () => ({ ok: false, error: { code: 'permission-denied', message: 'You may not write in /w/src.' } }));
    expect(await explorer.commitCreate('b.ts', true)).toBe('You may not write in /w/src.');
    expect(explorer.state.getState().edit).not.toBeNull();
    main.handlers.set('workspace.createFile', () => ({ ok: true, value: {} }));
    expect(await explorer.commitCreate('b.ts', true)).toBeNull();
    expect(main.calls('workspace.createFile')).toEqual([{ path: '/w/src/b.ts' }, { path: '/w/src/b.ts' }]);
    expect(names()).toEqual(['src', '  lib', '  a.ts', '  b.ts', 'README.md']);
    expect(documents.opened).toEqual(['/w/src/b.ts']);
    expect(explorer.state.getState()).toMatchObject({ edit: null, selected: '/w/src/b.ts' });
  });

  it('renames: the tree and the open documents follow', async () => {
    const { main, explorer, documents, names } = setup(project);
    await explorer.reveal('/w/src/lib/deep.ts', false);
    main.handlers.set('workspace.rename', () => ({ ok: true, value: {} }));
    explorer.startRename('/w/src');
    expect(await explorer.commitRename('code', true)).toBeNull();
    expect(main.calls('workspace.rename')).toEqual([{ from: '/w/src', to: '/w/code' }]);
    expect(names()).toEqual(['code', '  lib', '    deep.ts', '  a.ts', 'README.md']);
    expect(documents.moved).toEqual([['/w/src', '/w/code']]);
    expect(explorer.state.getState().selected).toBe('/w/code');
  });
});

describe('deleteEntry', () => {
  /** Answers each question with the next of `answers`, recording the questions. */
  function answering(store: QuireStore, answers: string[]): string[] {
    const asked: string[] = [];
    store.subscribe((state) => {
      const question = state.choices[0];
      if (!question) return;
      asked.push(question.message);
      question.answer(answers.shift() ?? question.cancelId);
    });
    return asked;
  }

  it('moves to the trash after asking, and the tree and tabs follow', async () => {
    const { main, store, explorer, documents, names } = setup(project);
    await settle();
    main.handlers.set('workspace.delete', () => ({ ok: true, value: { trashed: true } }));
    const asked = answering(store, ['trash']);
    await deleteEntry({ api: main, store, explorer }, '/w/README.md', 'file');
    expect(asked).toEqual(["Are you sure you want to delete 'README.md'?"]);
    expect(main.calls('workspace.delete')).toEqual([{ path: '/w/README.md', permanently: false }]);
    expect(names()).toEqual(['src']);
    expect(documents.deleted).toEqual(['/w/README.md']);
    expect(explorer.state.getState().selected).toBe('/w/src');
  });

  it('asks again before deleting for good when no trash can take it, and does nothing on Cancel', async () => {
    const { main, store, explorer, names } = setup(project);
    await settle();
    main.handlers.set('workspace.delete', (params) =>
      (params as { permanently: boolean }).permanently
        ? { ok: true, value: { trashed: false } }
        : { ok: false, error: { code: 'unsupported', message: 'There is no trash for /w.' } },
    );
    const asked = answering(store, ['trash', 'cancel', 'trash', 'delete']);
    await deleteEntry({ api: main, store, explorer }, '/w/src', 'directory');
    expect(names()).toEqual(['src', 'README.md']);
    await deleteEntry({ api: main, store, explorer }, '/w/src', 'directory');
    expect(asked).toEqual([
      "Are you sure you want to delete 'src' and its contents?",
      "Quire could not move 'src' to the Trash. Do you want to permanently delete it instead?",
      "Are you sure you want to delete 'src' and its contents?",
      "Quire could not move 'src' to the Trash. Do you want to permanently delete it instead?",
    ]);
    expect(main.calls('workspace.delete')).toEqual([
      { path: '/w/src', permanently: false },
      { path: '/w/src', permanently: false },
      { path: '/w/src', permanently: true },
    ]);
    expect(names()).toEqual(['README.md']);
  });

  it('shows any other failure and leaves the entry', async () => {
    const { main, store, explorer, names } = setup(project);
    await settle();
    main.handlers.set('workspace.delete', () => ({ ok: false, error: { code: 'permission-denied', message: 'You may not delete /w/README.md.' } }));
    answering(store, ['trash']);
    await deleteEntry({ api: main, store, explorer }, '/w/README.md', 'file');
    expect(store.getState().notifications.map((notification) => notification.message)).toEqual(['You may not delete /w/README.md.']);
    expect(names()).toEqual(['src', 'README.md']);
  });
});
