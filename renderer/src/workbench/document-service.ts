import type { Eol, FileStamp, OpenedFile, Outcome, QuireApi, QuireError } from '../../../app/contract.js';
import { DocumentModels, eolOfModel, toMonacoEol } from '../documents/document-models.js';
import { defaultEol, withLineEndings } from '../documents/line-endings.js';
import { languageForFileName, PLAIN_TEXT } from '../monaco/languages.js';
import { monaco } from '../monaco/setup-monaco.js';
import { isSameOrInside, relocatePath } from '../paths/path-relations.js';
import { baseName } from '../paths/user-path.js';
import { documentsInTabOrder, nextUntitledName } from '../state/documents-slice.js';
import type { DocumentState } from '../state/documents-slice.js';
import type { QuireStore } from '../state/store.js';
import type { EditorHost } from './editor-host.js';
import { suggestedSavePath } from './file-pickers.js';
import type { FilePickers } from './file-pickers.js';

export interface DocumentServiceDeps {
  api: QuireApi;
  store: QuireStore;
  models: DocumentModels;
  host: EditorHost;
  pickers: FilePickers;
  /** Called after the set of open files changed or one was saved (to re-watch, re-store the session). */
  onFilesChanged(): void;
  /** Runs before a document's text is written (format on save); it may change the model. */
  beforeSave(document: DocumentState, model: monaco.editor.ITextModel): Promise<void>;
}

/** Key of the "changed on disk" prompt for a path, so there is at most one per file. */
export function diskChangeKey(path: string): string {
  return `disk-change:${path}`;
}

/** Opening, saving, closing and re-reading documents: everything that moves text to or from disk. */
export class DocumentService {
  private nextId = 1;

  constructor(private readonly deps: DocumentServiceDeps) {}

  private get state() {
    return this.deps.store.getState();
  }

  private get sep(): string {
    return this.state.appInfo?.pathSeparator ?? '/';
  }

  findByPath(path: string): DocumentState | undefined {
    return Object.values(this.state.documents).find((document) => document.path === path);
  }

  active(): DocumentState | null {
    const { activeId, documents } = this.state;
    return activeId === null ? null : (documents[activeId] ?? null);
  }

  /** Opens an empty untitled tab, named `name` when given and no other untitled tab has that name. */
  newUntitled(name?: string): string {
    const eol = defaultEol(this.state.appInfo?.platform);
    const id = this.allocateId();
    const untitled = Object.values(this.state.documents).filter((document) => document.path === null);
    const free = name !== undefined && !untitled.some((document) => document.name === name);
    this.track(id, this.deps.models.create(id, '', { eol, languageId: PLAIN_TEXT, bom: false }));
    this.state.addDocument({ id, path: null, name: free ? name : nextUntitledName(untitled), dirty: false, deletedOnDisk: false, languageId: PLAIN_TEXT, eol, bom: false });
    return id;
  }

  /** A tab for a file that is not on disk (any more): empty, marked deleted, so saving creates it. */
  openDeleted(path: string): string {
    const existing = this.findByPath(path);
    if (existing) return existing.id;
    const id = this.allocateId();
    const name = baseName(path, this.sep);
    const languageId = this.languageForPath(path, name);
    const eol = defaultEol(this.state.appInfo?.platform);
    this.track(id, this.deps.models.create(id, '', { eol, languageId, bom: false }));
    this.state.addDocument({ id, path, name, dirty: true, deletedOnDisk: true, languageId, eol, bom: false });
    this.deps.onFilesChanged();
    return id;
  }

  /**
   * Puts unsaved text back into a document (hot exit): its text, line ending, BOM and language,
   * as one undoable edit. The document is dirty unless the text is what is on disk.
   */
  restoreUnsaved(id: string, unsaved: { text: string; eol: Eol; bom: boolean; languageId: string }): void {
    const model = this.deps.models.model(id);
    if (!model) return;
    this.deps.host.preserveView(id, () => {
      model.pushStackElement();
      if (eolOfModel(model) !== unsaved.eol) model.pushEOL(toMonacoEol(unsaved.eol));
      if (model.getValue() !== unsaved.text) model.pushEditOperations([], [{ range: model.getFullModelRange(), text: unsaved.text }], () => null);
      model.pushStackElement();
    });
    // A language only a plugin brings may not be registered yet; the file name's then stands.
    if (monaco.languages.getLanguages().some((language) => language.id === unsaved.languageId)) this.setLanguage(id, unsaved.languageId);
    this.state.updateDocument(id, { bom: unsaved.bom });
    this.refreshDirty(id);
  }

  /** The file's stamp when the document's text was last read from or saved to it; null when never. */
  diskStamp(id: string): FileStamp | null {
    return this.deps.models.diskStamp(id);
  }

  /** Opens a file in a new tab, or focuses the tab that already shows it. Errors are returned, not shown. */
  async open(path: string): Promise<Outcome<string>> {
    const existing = this.findByPath(path);
    if (existing) {
      this.state.activateDocument(existing.id);
      return { ok: true, value: existing.id };
    }
    const result = await this.deps.api.request('file.read', { path });
    if (!result.ok) return result;
    const file = result.value;
    // Another open of the same file may have finished while this one was reading.
    const raced = this.findByPath(file.path);
    if (raced) {
      this.state.activateDocument(raced.id);
      return { ok: true, value: raced.id };
    }
    const id = this.allocateId();
    const name = baseName(file.path, this.sep);
    const languageId = this.languageForPath(file.path, name);
    const model = this.deps.models.create(id, file.text, { eol: file.format.eol, languageId, bom: file.format.bom, diskStamp: file.stamp });
    this.track(id, model);
    this.state.addDocument({
      id,
      path: file.path,
      name,
      dirty: false,
      deletedOnDisk: false,
      languageId,
      eol: file.format.eol,
      bom: file.format.bom,
    });
    this.deps.onFilesChanged();
    return { ok: true, value: id };
  }

  /** Opens a file and shows any error as a notification. */
  async openAndReport(path: string): Promise<boolean> {
    const result = await this.open(path);
    if (!result.ok) this.notifyError(result.error);
    return result.ok;
  }

  /** Saves to the document's path, or asks for one when it has none. True once it is on disk. */
  async save(id: string): Promise<boolean> {
    const document = this.state.documents[id];
    if (!document) return false;
    if (document.path === null) return this.saveAs(id);
    return this.writeTo(id, document.path);
  }

  async saveAs(id: string): Promise<boolean> {
    const document = this.state.documents[id];
    const info = this.state.appInfo;
    if (!document || !info) return false;
    const target = await this.deps.pickers.pickSavePath(suggestedSavePath(document.path, document.name, info));
    if (target === null) return false;
    return this.writeTo(id, target);
  }

  /** Closes a tab, first asking what to do with unsaved changes. False when the user kept it open. */
  async close(id: string): Promise<boolean> {
    const document = this.state.documents[id];
    if (!document) return true;
    if (document.dirty) {
      const answer = await this.state.askChoice({
        message: `Do you want to save the changes you made to ${document.name}?`,
        detail: "Your changes will be lost if you don't save them.",
        choices: [
          { id: 'save', label: 'Save' },
          { id: 'discard', label: "Don't Save" },
          { id: 'cancel', label: 'Cancel' },
        ],
        defaultId: 'save',
        cancelId: 'cancel',
      });
      if (answer === 'cancel') return false;
      if (answer === 'save' && !(await this.save(id))) return false;
    }
    this.discard(id);
    return true;
  }

  /** Closes a tab without asking. */
  discard(id: string): void {
    const document = this.state.documents[id];
    if (!document) return;
    if (document.path !== null) this.state.dismissNotificationsByKey(diskChangeKey(document.path));
    this.state.removeDocument(id);
    this.deps.models.dispose(id);
    this.deps.onFilesChanged();
  }

  /** Re-reads the file and replaces the text with it, as one undoable edit. */
  async reload(id: string): Promise<boolean> {
    const path = this.state.documents[id]?.path;
    if (!path) return false;
    const result = await this.deps.api.request('file.read', { path });
    if (!result.ok) {
      this.notifyError(result.error);
      return false;
    }
    this.replaceWithDisk(id, result.value);
    return true;
  }

  /** The file is gone from disk: keep the text, and make saving recreate it. */
  markDeletedOnDisk(id: string, deleted: boolean): void {
    this.state.updateDocument(id, { deletedOnDisk: deleted });
    this.refreshDirty(id);
  }

  /**
   * A file or folder was renamed (in the Explorer): the documents at or under `from` now edit
   * the same files under `to`. Unsaved changes stay unsaved; the language follows the new name.
   */
  pathsMoved(from: string, to: string): void {
    let moved = false;
    for (const document of Object.values(this.state.documents)) {
      if (document.path === null) continue;
      const path = relocatePath(document.path, from, to, this.sep);
      if (path === null) continue;
      this.state.dismissNotificationsByKey(diskChangeKey(document.path));
      const name = baseName(path, this.sep);
      this.state.updateDocument(document.id, { path, name, deletedOnDisk: false });
      this.setLanguage(document.id, languageForFileName(name, monaco.languages.getLanguages()));
      this.refreshDirty(document.id);
      moved = true;
    }
    if (moved) this.deps.onFilesChanged();
  }

  /** The file or folder at `path` was deleted: tabs on it (or in it) stay open, marked deleted. */
  pathsDeleted(path: string): void {
    for (const document of Object.values(this.state.documents)) {
      if (document.path !== null && !document.deletedOnDisk && isSameOrInside(document.path, path, this.sep)) {
        this.markDeletedOnDisk(document.id, true);
      }
    }
  }

  toggleEol(id: string): void {
    const model = this.deps.models.model(id);
    if (!model) return;
    // Undoable, and it changes the version id, so the document turns dirty (and clean on undo).
    model.pushEOL(toMonacoEol(eolOfModel(model) === 'LF' ? 'CRLF' : 'LF'));
  }

  toggleBom(id: string): void {
    const document = this.state.documents[id];
    if (!document) return;
    this.state.updateDocument(id, { bom: !document.bom });
    this.refreshDirty(id);
  }

  setLanguage(id: string, languageId: string): void {
    const model = this.deps.models.model(id);
    if (model) monaco.editor.setModelLanguage(model, languageId);
  }

  /** Open files in tab order, the ones with unsaved changes. */
  dirtyDocuments(): DocumentState[] {
    return documentsInTabOrder(this.state).filter((document) => document.dirty);
  }

  private async writeTo(id: string, path: string): Promise<boolean> {
    const model = this.deps.models.model(id);
    const document = this.state.documents[id];
    if (!model || !document) return false;
    await this.deps.beforeSave(document, model);
    if (model.isDisposed()) return false;
    // Typing after a save starts a new undo step, so undo can return exactly to the saved text.
    model.pushStackElement();
    const versionId = model.getAlternativeVersionId();
    const bom = this.state.documents[id]?.bom ?? document.bom;
    const result = await this.deps.api.request('file.write', {
      path,
      text: model.getValue(),
      format: { bom, eol: eolOfModel(model) },
    });
    if (!result.ok) {
      this.notifyError(result.error);
      return false;
    }
    const current = this.state.documents[id];
    if (!current) return true;
    // Whatever was typed while the write was under way is not on disk: it stays dirty.
    this.deps.models.markSaved(id, versionId, bom, result.value);
    if (current.path !== path) this.moveTo(id, path);
    this.state.dismissNotificationsByKey(diskChangeKey(path));
    this.state.updateDocument(id, { deletedOnDisk: false });
    this.refreshDirty(id);
    this.deps.onFilesChanged();
    return true;
  }

  /** After Save As: the document now stands for `path`, and any other tab on that file is obsolete. */
  private moveTo(id: string, path: string): void {
    const other = this.findByPath(path);
    if (other && other.id !== id) this.discard(other.id);
    const name = baseName(path, this.sep);
    this.state.updateDocument(id, { path, name });
    const detected = languageForFileName(name, monaco.languages.getLanguages());
    // A language the user picked for an untitled text stays unless the new name says better.
    if (detected !== PLAIN_TEXT) this.setLanguage(id, detected);
  }

  private replaceWithDisk(id: string, file: OpenedFile): void {
    const model = this.deps.models.model(id);
    if (!model) return;
    const eol = file.format.eol;
    this.deps.host.preserveView(id, () => {
      model.pushStackElement();
      if (eolOfModel(model) !== eol) model.pushEOL(toMonacoEol(eol));
      if (model.getValue() !== withLineEndings(file.text, eol)) {
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text: file.text }], () => null);
      }
      model.pushStackElement();
    });
    this.deps.models.markSaved(id, model.getAlternativeVersionId(), file.format.bom, file.stamp);
    this.state.dismissNotificationsByKey(diskChangeKey(file.path));
    this.state.updateDocument(id, { bom: file.format.bom, deletedOnDisk: false });
    this.refreshDirty(id);
  }

  /** Keeps the store's view of a model (dirty, line ending, language) in step with it. */
  private track(id: string, model: monaco.editor.ITextModel): void {
    model.onDidChangeContent(() => {
      const eol = eolOfModel(model);
      if (this.state.documents[id]?.eol !== eol) this.state.updateDocument(id, { eol });
      this.refreshDirty(id);
    });
    model.onDidChangeLanguage((event) => this.state.updateDocument(id, { languageId: event.newLanguage }));
  }

  private refreshDirty(id: string): void {
    const document = this.state.documents[id];
    if (!document) return;
    const dirty = document.deletedOnDisk || this.deps.models.isModified(id, document.bom);
    if (dirty !== document.dirty) this.state.updateDocument(id, { dirty });
  }

  /**
   * The language a file opens in. settings.json is JSON with comments, checked against Quire's
   * own schema (settings/settings-json-language.ts): Monaco's JSON, never a plugin's JSON format,
   * whose linter would flag the comments Quire accepts.
   */
  private languageForPath(path: string, name: string): string {
    if (path === this.state.appInfo?.settingsFile) return 'json';
    return languageForFileName(name, monaco.languages.getLanguages());
  }

  private allocateId(): string {
    return `doc-${this.nextId++}`;
  }

  private notifyError(error: QuireError): void {
    this.state.notify({ severity: 'error', message: error.message });
  }
}
