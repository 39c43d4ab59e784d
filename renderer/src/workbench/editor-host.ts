import type { DocumentModels } from '../documents/document-models.js';
import { monaco } from '../monaco/setup-monaco.js';
import { MAX_TOKENIZATION_LINE_LENGTH } from '../monaco/tokenization-limits.js';
import { editorOptionsOf } from '../settings/editor-settings.js';
import type { QuireStore } from '../state/store.js';

/**
 * The one Monaco editor, showing the active document's model.
 *
 * Switching tabs swaps models and keeps each tab's view state (cursor, selections, scroll,
 * folding), as VS Code does. The host follows the store's `activeId`; nothing else calls `show`.
 */
export class EditorHost {
  private editor: monaco.editor.IStandaloneCodeEditor | null = null;
  private shownId: string | null = null;
  private readonly viewStates = new Map<string, monaco.editor.ICodeEditorViewState>();
  /** Cursors to put in place when their document is next shown (restored by hot exit). */
  private readonly pendingCursors = new Map<string, monaco.IPosition>();

  constructor(
    private readonly store: QuireStore,
    private readonly models: DocumentModels,
  ) {}

  /** Creates the editor in `container`; the returned function tears it down. */
  mount(container: HTMLElement): () => void {
    const editor = monaco.editor.create(container, {
      model: null,
      automaticLayout: true,
      ...editorOptionsOf(this.store.getState().settings),
      renderWhitespace: 'selection',
      smoothScrolling: true,
      // Bounds the main-thread cost of highlighting one line: see tokenization-limits.ts.
      maxTokenizationLineLength: MAX_TOKENIZATION_LINE_LENGTH,
    });
    this.editor = editor;
    const subscriptions = [
      editor.onDidChangeCursorSelection(() => this.publishCursor()),
      editor.onDidChangeModel(() => this.publishCursor()),
    ];
    const unsubscribe = this.store.subscribe((state, previous) => {
      if (state.activeId !== previous.activeId) this.show(state.activeId);
      if (state.documents !== previous.documents) this.forgetClosed(state.documents);
    });
    this.show(this.store.getState().activeId);
    return () => {
      unsubscribe();
      for (const subscription of subscriptions) subscription.dispose();
      editor.dispose();
      this.editor = null;
      this.shownId = null;
    };
  }

  get codeEditor(): monaco.editor.IStandaloneCodeEditor | null {
    return this.editor;
  }

  focus(): void {
    this.editor?.focus();
  }

  /** Runs a Monaco action (find, command palette…) in the editor, focusing it first. */
  runAction(actionId: string): void {
    const editor = this.editor;
    if (!editor) return;
    editor.focus();
    void editor.getAction(actionId)?.run();
  }

  /**
   * Runs `change` on a document's model keeping what the user sees in place: cursor and scroll
   * for the shown document (a whole-text replacement would otherwise move them), nothing to do
   * for others, whose saved view state is validated when they are shown again.
   */
  preserveView(id: string, change: () => void): void {
    const editor = this.editor;
    const viewState = editor && this.shownId === id ? editor.saveViewState() : null;
    change();
    if (editor && viewState) editor.restoreViewState(viewState);
  }

  /** Where the cursor of a document is: live for the shown one, as last seen for the others. */
  cursorOf(id: string): monaco.IPosition | null {
    if (this.editor && this.shownId === id) return this.editor.getPosition();
    return this.pendingCursors.get(id) ?? this.viewStates.get(id)?.cursorState[0]?.position ?? null;
  }

  /** Puts a document's cursor at `position` (and in view), now if it is shown, else when it is. */
  placeCursor(id: string, position: monaco.IPosition): void {
    if (this.editor && this.shownId === id) {
      this.editor.setPosition(position);
      this.editor.revealPositionInCenterIfOutsideViewport(position);
      return;
    }
    this.viewStates.delete(id);
    this.pendingCursors.set(id, position);
  }

  private show(id: string | null): void {
    const editor = this.editor;
    if (!editor) return;
    if (this.shownId !== null && this.shownId !== id) {
      const viewState = editor.saveViewState();
      if (viewState) this.viewStates.set(this.shownId, viewState);
    }
    this.shownId = id;
    const model = id === null ? null : (this.models.model(id) ?? null);
    editor.setModel(model);
    const document = id === null ? undefined : this.store.getState().documents[id];
    editor.updateOptions({ ariaLabel: document ? `${document.name}, editor` : 'Editor' });
    const viewState = id === null ? undefined : this.viewStates.get(id);
    if (viewState) editor.restoreViewState(viewState);
    const cursor = id === null ? undefined : this.pendingCursors.get(id);
    if (id !== null && cursor && model) {
      this.pendingCursors.delete(id);
      editor.setPosition(cursor);
      editor.revealPositionInCenterIfOutsideViewport(cursor);
    }
    if (model) editor.focus();
  }

  private forgetClosed(documents: Record<string, unknown>): void {
    for (const id of this.viewStates.keys()) {
      if (!(id in documents)) this.viewStates.delete(id);
    }
    for (const id of this.pendingCursors.keys()) {
      if (!(id in documents)) this.pendingCursors.delete(id);
    }
  }

  private publishCursor(): void {
    const editor = this.editor;
    const model = editor?.getModel();
    const position = editor?.getPosition();
    if (!editor || !model || !position) return;
    const selections = editor.getSelections() ?? [];
    const selectedChars = selections.reduce((sum, selection) => sum + model.getCharacterCountInRange(selection), 0);
    this.store.getState().setCursor({
      line: position.lineNumber,
      column: position.column,
      selectedChars,
      selections: selections.length,
    });
  }
}
