import type { QuireApi } from '../../../app/contract.js';
import type { Backup } from '../../../app/workspace-contract.js';
import { eolOfModel } from '../documents/document-models.js';
import type { DocumentModels } from '../documents/document-models.js';
import type { monaco } from '../monaco/setup-monaco.js';
import type { DocumentState } from '../state/documents-slice.js';
import type { QuireStore } from '../state/store.js';
import type { EditorHost } from '../workbench/editor-host.js';
import { backupKey, backupMetaOf, newPageKeyPrefix } from './backup-meta.js';
import { BackupScheduler } from './backup-scheduler.js';

export interface BackupSyncDeps {
  api: QuireApi;
  store: QuireStore;
  models: DocumentModels;
  host: EditorHost;
}

/** A document's backup as it would be written now, and what identifies that content. */
interface Snapshot {
  backup: Backup;
  /** The model's version and the meta (its time left out): equal signatures, equal backups. */
  signature: string;
}

const WRITE_FAILED_KEY = 'hot-exit:write-failed';

/** Document fields a backup records: a change to one is a change to back up. */
function backupFieldsChanged(before: DocumentState, after: DocumentState): boolean {
  return (
    before.dirty !== after.dirty ||
    before.path !== after.path ||
    before.name !== after.name ||
    before.languageId !== after.languageId ||
    before.eol !== after.eol ||
    before.bom !== after.bom ||
    before.deletedOnDisk !== after.deletedOnDisk
  );
}

/**
 * Hot exit's renderer half: every document with unsaved changes, untitled ones included, is
 * backed up in main shortly after it changes (backup-scheduler.ts says when), and its backup is
 * dropped once it is saved, its changes are undone back to the file, or its tab is closed. The
 * backups are what the next start restores (restore-backups.ts).
 */
export class BackupSync {
  private readonly keyPrefix = newPageKeyPrefix();
  private readonly scheduler = new BackupScheduler((id) => void this.flush(id));
  private readonly listeners = new Map<string, monaco.IDisposable>();
  /** Signature of the backup last confirmed written, per document. */
  private readonly written = new Map<string, string>();
  /** The write under way, per document: one at a time, so an older text never lands last. */
  private readonly writing = new Map<string, Promise<boolean>>();
  /** Documents that may have a backup on disk (one was sent), so saving or closing must drop it. */
  private readonly backedUp = new Set<string>();
  private readonly failed = new Set<string>();
  /** While held, changes are not backed up by themselves (quitting, or the page about to go). */
  private held = false;

  constructor(private readonly deps: BackupSyncDeps) {}

  /** The backup key of a document of this page. */
  keyOf(id: string): string {
    return backupKey(this.keyPrefix, id);
  }

  /** Follows the documents from now on. */
  start(): void {
    const { store } = this.deps;
    for (const id of Object.keys(store.getState().documents)) this.attach(id);
    store.subscribe((state, previous) => {
      if (state.documents !== previous.documents) {
        for (const id of Object.keys(previous.documents)) if (!state.documents[id]) this.closed(id);
        for (const document of Object.values(state.documents)) {
          if (!this.listeners.has(document.id)) this.attach(document.id);
          const before = previous.documents[document.id];
          if (!before || backupFieldsChanged(before, document)) this.reconsider(document.id);
        }
      }
      // Writes that failed while the connection was down are tried again once it is back.
      if (state.connection === 'connected' && previous.connection !== 'connected') {
        for (const id of [...this.failed]) this.reconsider(id);
      }
    });
  }

  /**
   * Writes the document's backup now if its current text and details are not backed up yet.
   * True once they are (or the document has nothing unsaved); false when the write failed.
   */
  async flush(id: string): Promise<boolean> {
    this.scheduler.cancel(id);
    for (let previous = this.writing.get(id); previous; previous = this.writing.get(id)) await previous;
    const snapshot = this.snapshot(id);
    if (!snapshot || this.written.get(id) === snapshot.signature) return true;
    return this.send(id, snapshot);
  }

  /** Every document with unsaved changes backed up now; true when all of them are. */
  async flushAll(): Promise<boolean> {
    const results = await Promise.all(this.dirtyIds().map((id) => this.flush(id)));
    return results.every(Boolean);
  }

  /** Stops backing up by itself (explicit flushes still write): quitting, or about to leave. */
  hold(): void {
    this.held = true;
    this.scheduler.cancelAll();
  }

  /** Goes on backing up after `hold` (the quit was cancelled or failed). */
  release(): void {
    this.held = false;
    for (const id of this.dirtyIds()) this.reconsider(id);
  }

  /** The user dropped these documents' unsaved changes (Don't Save while quitting): drop their backups. */
  async drop(ids: readonly string[]): Promise<void> {
    await Promise.all(ids.map((id) => this.discard(id)));
  }

  /**
   * The page is being closed or reloaded with hot exit on: sends every backup not yet written,
   * at once (the request leaves before this returns). True when that can be trusted to keep the
   * unsaved text: connected, and no write of these documents has failed; false means ask.
   */
  sendAllNow(): boolean {
    if (this.deps.store.getState().connection !== 'connected') return false;
    let safe = true;
    for (const id of this.dirtyIds()) {
      this.scheduler.cancel(id);
      const snapshot = this.snapshot(id);
      if (!snapshot || this.written.get(id) === snapshot.signature) continue;
      if (this.failed.has(id)) safe = false;
      void this.send(id, snapshot);
    }
    return safe;
  }

  /** Leaving the page after the user agreed to lose the unsaved changes: their backups go, sent at once. */
  dropAllNow(): void {
    this.hold();
    for (const id of this.dirtyIds()) {
      if (!this.backedUp.has(id)) continue;
      this.backedUp.delete(id);
      this.written.delete(id);
      void this.deps.api.request('backup.discard', { key: this.keyOf(id) });
    }
  }

  private dirtyIds(): string[] {
    const { documents, tabOrder } = this.deps.store.getState();
    return tabOrder.filter((id) => documents[id]?.dirty);
  }

  private attach(id: string): void {
    const model = this.deps.models.model(id);
    if (!model) return;
    // The document service's own listener came first, so the store already says whether it is dirty.
    this.listeners.set(id, model.onDidChangeContent(() => this.reconsider(id)));
  }

  private closed(id: string): void {
    this.listeners.get(id)?.dispose();
    this.listeners.delete(id);
    this.scheduler.cancel(id);
    this.failed.delete(id);
    // Closed saved, or closed with "Don't Save": either way its backup has no more use.
    void this.discard(id);
  }

  private reconsider(id: string): void {
    const document = this.deps.store.getState().documents[id];
    if (!document) return;
    if (!document.dirty) {
      this.scheduler.cancel(id);
      this.failed.delete(id);
      void this.discard(id);
    } else if (!this.held) {
      this.scheduler.changed(id);
    }
  }

  private async discard(id: string): Promise<void> {
    this.scheduler.cancel(id);
    for (let previous = this.writing.get(id); previous; previous = this.writing.get(id)) await previous;
    if (!this.backedUp.has(id)) return;
    this.backedUp.delete(id);
    this.written.delete(id);
    const result = await this.deps.api.request('backup.discard', { key: this.keyOf(id) });
    // The backup stays on disk: the next start offers its text again, which loses nothing.
    if (!result.ok) console.warn(`Quire: could not remove the backup of a saved document: ${result.error.message}`);
  }

  private snapshot(id: string): Snapshot | null {
    const { store, models, host } = this.deps;
    const state = store.getState();
    const document = state.documents[id];
    const model = models.model(id);
    if (!document?.dirty || !model || model.isDisposed()) return null;
    const cursor = host.cursorOf(id);
    const meta = backupMetaOf({
      key: this.keyOf(id),
      document,
      eol: eolOfModel(model),
      cursor: cursor && { lineNumber: cursor.lineNumber, column: cursor.column },
      diskStamp: models.diskStamp(id),
      tabIndex: state.tabOrder.indexOf(id),
      now: Date.now(),
    });
    return { backup: { meta, text: model.getValue() }, signature: `${model.getVersionId()}:${JSON.stringify({ ...meta, backedUpAt: 0 })}` };
  }

  /** Sends the write at once (before this returns) and settles with whether it landed. */
  private send(id: string, snapshot: Snapshot): Promise<boolean> {
    this.backedUp.add(id);
    const write = this.deps.api.request('backup.write', snapshot.backup).then((result) => {
      if (this.writing.get(id) === write) this.writing.delete(id);
      if (result.ok) {
        this.written.set(id, snapshot.signature);
        this.failed.delete(id);
        if (this.failed.size === 0) this.deps.store.getState().dismissNotificationsByKey(WRITE_FAILED_KEY);
        return true;
      }
      this.failed.add(id);
      const state = this.deps.store.getState();
      // A lost connection has its own banner; a write refused by main is news.
      if (state.connection === 'connected') {
        state.notify({
          key: WRITE_FAILED_KEY,
          severity: 'warning',
          message: `Quire could not back up the unsaved changes to ${snapshot.backup.meta.name}, so they would be lost if Quire stopped now. Save them to keep them. ${result.error.message}`,
        });
      }
      return false;
    });
    this.writing.set(id, write);
    return write;
  }
}
