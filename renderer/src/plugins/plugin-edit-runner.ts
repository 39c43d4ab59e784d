import type { QuireApi } from '../../../app/contract.js';
import type { HandlerKind, PluginCallResult, PluginDocument } from '../../../app/plugin-contract.js';
import { monaco } from '../monaco/setup-monaco.js';
import { notificationKey } from '../plugin-status/plugin-notifications.js';
import type { QuireStore } from '../state/store.js';
import { editsOfResult, selectionAfterEdits } from './apply-result.js';
import type { OffsetSelection } from './apply-result.js';

/** How long a call runs before Quire shows it is waiting (and offers to stop waiting). */
export const PROGRESS_DELAY_MS = 500;

export interface PluginEditCall {
  pluginId: string;
  kind: Extract<HandlerKind, 'command' | 'format'>;
  handler: string;
  /** What the user ran, for progress and error messages ("Sort Lines"). */
  title: string;
}

/** What the document looked like when a call started. */
interface Snapshot {
  model: monaco.editor.ITextModel;
  versionId: number;
  document: PluginDocument;
}

/**
 * Runs a plugin's command or formatter on a document and applies its answer as one undoable
 * edit. The plugin's failure, a document changed meanwhile, or the user giving up waiting
 * all leave the text as it was and say so.
 */
export class PluginEditRunner {
  private nextCall = 1;

  constructor(
    private readonly api: QuireApi,
    private readonly store: QuireStore,
  ) {}

  /** Runs `call` on what `editor` shows; true when the document was changed. */
  async runInEditor(call: PluginEditCall, editor: monaco.editor.ICodeEditor, languageId: string, path: string): Promise<boolean> {
    const model = editor.getModel();
    if (!model) return false;
    const selections = primaryFirst(editor).map((selection) => offsetSelection(model, selection));
    return this.run(call, { model, versionId: model.getVersionId(), document: documentOf(model, languageId, path, selections) }, editor);
  }

  /** Runs `call` on a model no editor shows (e.g. formatting a background tab as it is saved). */
  async runOnModel(call: PluginEditCall, model: monaco.editor.ITextModel, languageId: string, path: string): Promise<boolean> {
    // Plugins are promised at least one selection: a caret at the start stands in.
    const caret = [{ start: 0, end: 0, active: 0 }];
    return this.run(call, { model, versionId: model.getVersionId(), document: documentOf(model, languageId, path, caret) }, null);
  }

  private async run(call: PluginEditCall, snapshot: Snapshot, editor: monaco.editor.ICodeEditor | null): Promise<boolean> {
    const result = await this.callWithProgress(call, snapshot.document);
    if (result === null) return false;
    const { model } = snapshot;
    if (model.isDisposed() || model.getVersionId() !== snapshot.versionId) {
      this.notify('warning', `${call.title} was not applied: the document changed while it ran.`);
      return false;
    }
    const changed = applyResult(model, snapshot.document, result, editor?.getModel() === model ? editor : null);
    if (result.message !== null) this.notify('info', result.message);
    return changed;
  }

  /** The plugin's result, or null when it failed (already reported) or the user stopped waiting. */
  private async callWithProgress(call: PluginEditCall, document: PluginDocument): Promise<PluginCallResult | null> {
    const state = () => this.store.getState();
    const progressKey = `plugin-call:${this.nextCall++}`;
    const request = this.api.request('plugins.call', {
      pluginId: call.pluginId,
      kind: call.kind,
      handler: call.handler,
      document,
      coalesceKey: null,
    });
    // After a moment, a notification says what is running and lets the user stop waiting; a
    // result arriving after Cancel is ignored (the plugin cannot be interrupted mid-call).
    let timer = 0;
    const cancelled = new Promise<null>((resolve) => {
      timer = window.setTimeout(() => {
        state().notify({
          severity: 'info',
          message: `Running ${call.title}…`,
          key: progressKey,
          actions: [{ label: 'Cancel', run: () => resolve(null) }],
        });
      }, PROGRESS_DELAY_MS);
    });
    const response = await Promise.race([request, cancelled]);
    window.clearTimeout(timer);
    state().dismissNotificationsByKey(progressKey);
    if (response === null) return null;
    if (!response.ok) {
      this.notify('error', `${call.title} failed: ${response.error.message}`, call.pluginId);
      return null;
    }
    const { outcome } = response.value;
    if (!outcome.ok) {
      this.notify('error', `${call.title} failed: ${outcome.failure.message}`, call.pluginId);
      return null;
    }
    return outcome.value;
  }

  /**
   * A failure is keyed by its plugin, so it replaces that plugin's crash or quarantine notice
   * instead of stacking beside it: one notification per plugin at a time.
   */
  private notify(severity: 'error' | 'warning' | 'info', message: string, pluginId?: string): void {
    const plugin = pluginId ? this.store.getState().plugins.find((p) => p.descriptor?.id === pluginId) : undefined;
    this.store.getState().notify({ severity, message, ...(plugin ? { key: notificationKey(plugin) } : {}) });
  }
}

/** Applies a result as one undo step; in `editor`, the selections follow the edits. */
function applyResult(
  model: monaco.editor.ITextModel,
  document: PluginDocument,
  result: PluginCallResult,
  editor: monaco.editor.ICodeEditor | null,
): boolean {
  const edits = editsOfResult(result, document.text);
  if (edits.length === 0) return false;
  const operations = edits.map((edit) => ({
    range: monaco.Range.fromPositions(model.getPositionAt(edit.start), model.getPositionAt(edit.end)),
    text: edit.text,
    forceMoveMarkers: true,
  }));
  const before = editor?.getSelections() ?? [];
  // Computed after the edits, against the new text: the selections Undo/Redo restore too.
  const after = () => document.selections.map((selection) => toMonacoSelection(model, selectionAfterEdits(selection, edits)));
  model.pushStackElement();
  model.pushEditOperations(before, operations, () => (document.selections.length === 0 ? null : after()));
  model.pushStackElement();
  if (editor && document.selections.length > 0) {
    const selections = after();
    editor.setSelections(selections);
    if (selections[0]) editor.revealRangeInCenterIfOutsideViewport(selections[0]);
  }
  return true;
}

/** The editor's selections with the primary one first, as plugins expect. */
function primaryFirst(editor: monaco.editor.ICodeEditor): monaco.Selection[] {
  const primary = editor.getSelection();
  const all = editor.getSelections() ?? [];
  if (!primary) return all;
  return [primary, ...all.filter((selection) => !selection.equalsSelection(primary))];
}

function offsetSelection(model: monaco.editor.ITextModel, selection: monaco.Selection): OffsetSelection {
  const start = model.getOffsetAt(selection.getStartPosition());
  const end = model.getOffsetAt(selection.getEndPosition());
  const active = model.getOffsetAt(selection.getPosition());
  return { start, end, active };
}

function toMonacoSelection(model: monaco.editor.ITextModel, selection: OffsetSelection): monaco.Selection {
  const anchor = model.getPositionAt(selection.active === selection.start ? selection.end : selection.start);
  const active = model.getPositionAt(selection.active);
  return new monaco.Selection(anchor.lineNumber, anchor.column, active.lineNumber, active.column);
}

function documentOf(model: monaco.editor.ITextModel, languageId: string, path: string, selections: OffsetSelection[]): PluginDocument {
  return { text: model.getValue(), languageId, path, selections };
}
