import type { QuireApi } from '../../../app/contract.js';
import type { PluginState } from '../../../app/plugin-contract.js';
import type { monaco as MonacoApi } from '../monaco/setup-monaco.js';
import { notificationKey } from '../plugin-status/plugin-notifications.js';
import { selectReadyPlugins } from '../state/ready-plugins.js';
import type { QuireStore } from '../state/store.js';
import { activeLinters, lintersForLanguage } from './active-linters.js';
import type { ActiveLinter } from './active-linters.js';
import { diagnosticToMarker } from './diagnostic-markers.js';
import { decideLintResult } from './lint-decision.js';

type Monaco = typeof MonacoApi;
type TextModel = MonacoApi.editor.ITextModel;

const RECOVERING = new Set<PluginState>(['crashed', 'restarting', 'hung']);
/** The selection a linter is given: the contract requires one, and a linter reads the whole text. */
const LINT_CARET = { start: 0, end: 0, active: 0 } as const;

/** Typing pauses this long before on-change linters run. */
export const LINT_DEBOUNCE_MS = 300;

interface Attachment {
  path: string | null;
  timer: ReturnType<typeof setTimeout> | undefined;
  listeners: { dispose(): void }[];
}

export interface LintServiceOptions {
  api: QuireApi;
  store: QuireStore;
  monaco: Monaco;
}

/**
 * Runs the ready plugins' linters on open models and keeps their results as Monaco markers,
 * one marker owner per linter. Nothing here blocks typing: calls are asynchronous, on-change
 * runs are debounced, and an answer for an outdated text is dropped.
 */
export class LintService {
  private readonly attached = new Map<TextModel, Attachment>();
  private linters: ActiveLinter[] = [];
  /** Linters that have set markers on some model, by owner: what to clear when they go away. */
  private readonly marked = new Map<string, ActiveLinter>();
  /** Plugins whose lint failure was already reported; cleared when the plugin is ready anew. */
  private readonly reported = new Set<string>();
  private readonly unsubscribe: () => void;

  constructor(private readonly options: LintServiceOptions) {
    this.linters = activeLinters(selectReadyPlugins(options.store.getState()));
    this.unsubscribe = options.store.subscribe((state, previous) => {
      if (state.plugins !== previous.plugins) this.pluginsChanged();
    });
  }

  /** Lints `model` now and whenever it changes; the returned function stops and clears its markers. */
  attach(model: TextModel, path: string | null): () => void {
    this.detach(model);
    const attachment: Attachment = { path, timer: undefined, listeners: [] };
    attachment.listeners.push(
      model.onDidChangeContent(() => this.scheduleOnChange(model, attachment)),
      model.onDidChangeLanguage(() => this.languageChanged(model)),
      model.onWillDispose(() => this.detach(model)),
    );
    this.attached.set(model, attachment);
    this.lint(model, this.applicable(model));
    return () => {
      if (this.attached.get(model) !== attachment) return;
      this.detach(model);
      if (!model.isDisposed()) this.clear(model, [...this.marked.values()]);
    };
  }

  /** Runs the on-save linters: the text on disk is now the model's. */
  saved(model: TextModel): void {
    if (!this.attached.has(model)) return;
    this.lint(
      model,
      this.applicable(model).filter((active) => active.linter.onSave),
    );
  }

  dispose(): void {
    this.unsubscribe();
    for (const model of [...this.attached.keys()]) this.detach(model);
  }

  private detach(model: TextModel): void {
    const attachment = this.attached.get(model);
    if (!attachment) return;
    clearTimeout(attachment.timer);
    for (const listener of attachment.listeners) listener.dispose();
    this.attached.delete(model);
  }

  private applicable(model: TextModel): ActiveLinter[] {
    return lintersForLanguage(this.linters, model.getLanguageId());
  }

  private scheduleOnChange(model: TextModel, attachment: Attachment): void {
    const onChange = this.applicable(model).filter((active) => active.linter.onChange);
    if (onChange.length === 0) return;
    clearTimeout(attachment.timer);
    attachment.timer = setTimeout(() => this.lint(model, this.applicable(model).filter((active) => active.linter.onChange)), LINT_DEBOUNCE_MS);
  }

  /** Results of linters for the old language no longer apply; the new language's linters run. */
  private languageChanged(model: TextModel): void {
    const applicable = this.applicable(model);
    const owners = new Set(applicable.map((active) => active.owner));
    this.clear(
      model,
      [...this.marked.values()].filter((active) => !owners.has(active.owner)),
    );
    this.lint(model, applicable);
  }

  private pluginsChanged(): void {
    const state = this.options.store.getState();
    const plugins = state.plugins;
    const previousOwners = new Set(this.linters.map((active) => active.owner));
    this.linters = activeLinters(selectReadyPlugins(state));
    const nextOwners = new Set(this.linters.map((active) => active.owner));
    // A plugin restarting after a crash or hang keeps its markers until it answers again.
    const recovering = new Set(plugins.filter((plugin) => RECOVERING.has(plugin.state)).flatMap((plugin) => plugin.descriptor?.id ?? []));
    const gone = [...this.marked.values()].filter((active) => !nextOwners.has(active.owner) && !recovering.has(active.pluginId));
    const added = this.linters.filter((active) => !previousOwners.has(active.owner));
    for (const active of gone) this.marked.delete(active.owner);
    for (const active of added) this.reported.delete(active.pluginId);
    for (const model of this.attached.keys()) {
      this.clear(model, gone);
      this.lint(model, lintersForLanguage(added, model.getLanguageId()));
    }
  }

  private clear(model: TextModel, linters: readonly ActiveLinter[]): void {
    for (const active of linters) this.options.monaco.editor.setModelMarkers(model, active.owner, []);
  }

  private lint(model: TextModel, linters: readonly ActiveLinter[]): void {
    for (const active of linters) void this.run(model, active);
  }

  private async run(model: TextModel, active: ActiveLinter): Promise<void> {
    const attachment = this.attached.get(model);
    if (!attachment || model.isDisposed()) return;
    const startVersion = model.getVersionId();
    const answer = await this.options.api.request('plugins.call', {
      pluginId: active.pluginId,
      kind: 'lint',
      handler: active.linter.id,
      document: { text: model.getValue(), languageId: model.getLanguageId(), path: attachment.path ?? '', selections: [LINT_CARET] },
      coalesceKey: `${active.owner}/${model.uri.toString()}`,
    });
    // The model may have closed, or the plugin gone, while the linter ran.
    if (model.isDisposed() || !this.attached.has(model) || !this.linters.some((current) => current.owner === active.owner)) return;
    const decision = decideLintResult(startVersion, model.getVersionId(), answer);
    if (decision.kind === 'apply') {
      const severities = this.options.monaco.MarkerSeverity;
      const markers = decision.result.diagnostics.map((diagnostic) =>
        diagnosticToMarker(diagnostic, active.linter.name, (offset) => model.getPositionAt(offset), severities),
      );
      this.options.monaco.editor.setModelMarkers(model, active.owner, markers);
      this.marked.set(active.owner, active);
    } else if (decision.kind === 'failed') {
      this.reportFailure(active, decision.message);
    }
  }

  private reportFailure(active: ActiveLinter, message: string): void {
    if (this.reported.has(active.pluginId)) return;
    this.reported.add(active.pluginId);
    const state = this.options.store.getState();
    const plugin = state.plugins.find((candidate) => candidate.descriptor?.id === active.pluginId);
    state.notify({
      severity: 'warning',
      message: `${active.pluginName}: linter "${active.linter.name}" failed. ${message}`,
      key: plugin ? notificationKey(plugin) : null,
    });
  }
}
