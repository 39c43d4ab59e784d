import { monaco } from '../monaco/setup-monaco.js';
import type { DocumentState } from '../state/documents-slice.js';
import type { PluginEditRunner } from './plugin-edit-runner.js';
import type { PluginFormats } from './plugin-formats.js';

export interface PluginFormattingDeps {
  runner: PluginEditRunner;
  formats: PluginFormats;
  editor(): monaco.editor.ICodeEditor | null;
  activeDocument(): DocumentState | null;
  inform(message: string): void;
}

/**
 * Format Document / Format Selection through the formatter of the plugin that provides the
 * document's language; Monaco's own formatter (JSON's) for languages no plugin formats.
 */
export class PluginFormatting {
  constructor(private readonly deps: PluginFormattingDeps) {}

  /**
   * Formats the active document. A plugin formatter sees the selections too, so one that can
   * format a part may; the bundled ones format the whole document either way.
   */
  async format(scope: 'document' | 'selection'): Promise<void> {
    const editor = this.deps.editor();
    const document = this.deps.activeDocument();
    if (!editor || !document) return;
    const provider = this.deps.formats.format(document.languageId);
    if (provider?.format.hasFormatter) {
      await this.deps.runner.runInEditor(
        { pluginId: provider.pluginId, kind: 'format', handler: provider.format.id, title: `Format ${provider.format.name}` },
        editor,
        document.languageId,
        document.path ?? '',
      );
      return;
    }
    const monacoAction = editor.getAction(scope === 'document' ? 'editor.action.formatDocument' : 'editor.action.formatSelection');
    if (monacoAction?.isSupported()) return monacoAction.run();
    this.deps.inform(`There is no formatter for ${languageLabel(document.languageId)} files.`);
  }

  /** Formats a document about to be saved when a plugin formats its language; failures leave it as it is. */
  async formatBeforeSave(document: DocumentState, model: monaco.editor.ITextModel): Promise<void> {
    const provider = this.deps.formats.format(document.languageId);
    if (!provider?.format.hasFormatter) return;
    const call = { pluginId: provider.pluginId, kind: 'format' as const, handler: provider.format.id, title: `Format ${provider.format.name}` };
    const editor = this.deps.editor();
    if (editor && editor.getModel() === model) await this.deps.runner.runInEditor(call, editor, document.languageId, document.path ?? '');
    else await this.deps.runner.runOnModel(call, model, document.languageId, document.path ?? '');
  }
}

function languageLabel(languageId: string): string {
  return monaco.languages.getLanguages().find((language) => language.id === languageId)?.aliases?.[0] ?? languageId;
}
