import type { EditorSettings } from '../../../app/workspace-contract.js';
import { monaco } from '../monaco/setup-monaco.js';
import type { QuireStore } from '../state/store.js';

/** The editor's own options the settings decide. */
export function editorOptionsOf(settings: EditorSettings): monaco.editor.IEditorOptions {
  return { fontSize: settings.fontSize, wordWrap: settings.wordWrap };
}

/**
 * A text's indentation: its own where its lines show one (as VS Code's default
 * `editor.detectIndentation` does), otherwise `editor.tabSize` and `editor.insertSpaces`. A
 * tab-indented text takes the tab width from the settings too.
 */
function applyIndentation(model: monaco.editor.ITextModel, settings: EditorSettings): void {
  if (!model.isDisposed()) model.detectIndentation(settings.insertSpaces, settings.tabSize);
}

/**
 * Applies the settings to Monaco as they change: font size and word wrap to the editor, the
 * indentation to every text (open ones and those opened later). Returns the unsubscribe.
 */
export function followEditorSettings(store: QuireStore, editor: () => monaco.editor.IStandaloneCodeEditor | null): () => void {
  const created = monaco.editor.onDidCreateModel((model) => applyIndentation(model, store.getState().settings));
  const unsubscribe = store.subscribe((state, previous) => {
    const settings = state.settings;
    const before = previous.settings;
    if (settings === before) return;
    if (settings.fontSize !== before.fontSize || settings.wordWrap !== before.wordWrap) editor()?.updateOptions(editorOptionsOf(settings));
    if (settings.tabSize !== before.tabSize || settings.insertSpaces !== before.insertSpaces) {
      for (const model of monaco.editor.getModels()) applyIndentation(model, settings);
    }
  });
  return () => {
    created.dispose();
    unsubscribe();
  };
}
