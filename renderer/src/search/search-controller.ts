import type { QuireApi } from '../../../app/contract.js';
import type { SearchFileResult, SearchQuery } from '../../../app/workspace-contract.js';
import type { DocumentModels } from '../documents/document-models.js';
import type { QuireStore } from '../state/store.js';
import type { DocumentService } from '../workbench/document-service.js';
import type { EditorHost } from '../workbench/editor-host.js';
import { applyReplaceAll } from './replace-all.js';
import { matchCountOf, mergeFileResults, sortedIndexOf } from './result-rows.js';
import { createSearchStore, EMPTY_FORM } from './search-store.js';
import type { SearchForm, SearchStore } from './search-store.js';

/** Typing pauses this long before the search starts (Enter starts it at once). */
export const SEARCH_DEBOUNCE_MS = 300;
/** Results stop here, as VS Code's `search.maxResults`. */
export const MAX_SEARCH_RESULTS = 20_000;
/** Batches arriving after the first are shown together at most this often, so streaming stays smooth. */
const RESULTS_FLUSH_MS = 100;

export interface SearchControllerDeps {
  api: QuireApi;
  store: QuireStore;
  documents: DocumentService;
  host: EditorHost;
  models: DocumentModels;
}

/** The form's fields that make up the query (the replace box does not). */
function queryOf(form: SearchForm): SearchQuery | null {
  if (form.pattern === '') return null;
  const { pattern, isRegex, matchCase, wholeWord, include, exclude } = form;
  return { pattern, isRegex, matchCase, wholeWord, include, exclude };
}

function sameQuery(a: SearchQuery | null, b: SearchQuery | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Search across files (Ctrl+Shift+F): runs one search at a time in main (search.start), takes
 * its results as they stream in (search.results, then search.done) into the Search view's own
 * store, and opens or replaces what was found. Lives as long as the page, so the view keeps
 * its query and results while it is hidden.
 */
export class SearchController {
  readonly state: SearchStore = createSearchStore();
  private nextSearchId = 1;
  /** The search whose results the view shows (running or finished); null when none. */
  private shownId: number | null = null;
  private running = false;
  private pending: SearchFileResult[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private debounceTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly deps: SearchControllerDeps) {}

  /** Listens for results; once per page. */
  start(): void {
    const { api } = this.deps;
    // Only the running search is listened to: after Stop, what main had already sent is dropped,
    // so the results stay as they were when the user stopped.
    api.on('search.results', ({ searchId, files }) => {
      if (!this.running || searchId !== this.shownId) return;
      this.pending.push(...files);
      // The first results show at once; later ones are gathered for a moment.
      if (this.state.getState().files.length === 0) this.flush();
      else this.flushTimer ??= setTimeout(() => this.flush(), RESULTS_FLUSH_MS);
    });
    api.on('search.done', ({ searchId, summary, error }) => {
      if (!this.running || searchId !== this.shownId) return;
      this.flush();
      this.running = false;
      this.state.setState({ status: error === null ? { kind: 'done', summary } : { kind: 'failed', message: error.message } });
    });
    api.on('workspace.changed', () => {
      this.cancelRunning();
      this.clearResults();
    });
  }

  /**
   * Ctrl+Shift+F: shows the Search view with its query box focused, filled with the editor's
   * selection when that is part of one line (a longer selection is not what one searches for).
   */
  show(): void {
    const seed = this.selectedText();
    this.deps.store.getState().showSideBarView('search');
    this.state.setState({ focusPending: true });
    if (seed !== null && seed !== this.state.getState().form.pattern) {
      this.state.setState((state) => ({ form: { ...state.form, pattern: seed } }));
      this.searchNow();
    }
  }

  focusHandled(): void {
    this.state.setState({ focusPending: false });
  }

  /** Changes the form; a changed query searches again once typing pauses. */
  updateForm(patch: Partial<SearchForm>): void {
    const before = queryOf(this.state.getState().form);
    this.state.setState((state) => ({ form: { ...state.form, ...patch } }));
    const after = queryOf(this.state.getState().form);
    if (sameQuery(before, after)) return;
    this.clearDebounce();
    if (after === null) {
      this.cancelRunning();
      this.clearResults();
      return;
    }
    this.debounceTimer = setTimeout(() => this.searchNow(), SEARCH_DEBOUNCE_MS);
  }

  /** Starts a search for the form's query now (Enter, Refresh), cancelling the one running. */
  searchNow(): void {
    this.clearDebounce();
    this.cancelRunning();
    const query = queryOf(this.state.getState().form);
    this.clearResults();
    if (query === null) return;
    const searchId = this.nextSearchId++;
    this.shownId = searchId;
    this.running = true;
    this.state.setState({ query, status: { kind: 'running' } });
    void this.deps.api.request('search.start', { searchId, query, maxResults: MAX_SEARCH_RESULTS }).then((result) => {
      if (searchId !== this.shownId) return;
      if (result.ok) {
        this.state.setState({ engine: result.value.engine, notice: result.value.notice });
        return;
      }
      this.running = false;
      this.state.setState({ status: { kind: 'failed', message: result.error.message } });
    });
  }

  /** The Stop button: ends the running search; what was found stays. */
  stop(): void {
    this.clearDebounce();
    this.cancelRunning();
  }

  /** Clear Search Results: the query box and the results emptied. */
  clear(): void {
    this.clearDebounce();
    this.cancelRunning();
    this.clearResults();
    const { replaceOpen, detailsOpen, include, exclude, isRegex, matchCase, wholeWord } = this.state.getState().form;
    this.state.setState({ form: { ...EMPTY_FORM, replaceOpen, detailsOpen, include, exclude, isRegex, matchCase, wholeWord }, focusPending: true });
  }

  toggleCollapsed(path: string): void {
    this.state.setState((state) => {
      const collapsed = new Set(state.collapsed);
      if (!collapsed.delete(path)) collapsed.add(path);
      return { collapsed };
    });
  }

  setAllCollapsed(collapsed: boolean): void {
    this.state.setState((state) => ({ collapsed: collapsed ? new Set(state.files.map((file) => file.path)) : new Set<string>() }));
  }

  /** Opens the file of a match with the match selected, in the middle of the editor. */
  async openMatch(fileIndex: number, lineIndex: number, rangeIndex: number): Promise<void> {
    const file = this.state.getState().files[fileIndex];
    const line = file?.matches[lineIndex];
    const range = line?.ranges[rangeIndex];
    if (!file || !line || !range) return;
    if (!(await this.deps.documents.openAndReport(file.path))) return;
    const editor = this.deps.host.codeEditor;
    if (!editor) return;
    const selection = {
      startLineNumber: line.line,
      startColumn: line.textOffset + range[0] + 1,
      endLineNumber: line.line,
      endColumn: line.textOffset + range[1] + 1,
    };
    editor.setSelection(selection);
    editor.revealRangeInCenter(selection);
    editor.focus();
  }

  /** Replace All: asks first, then replaces in each file as one undo step; the replaced files leave the results. */
  async replaceAll(): Promise<void> {
    const { query, files, form, replacing } = this.state.getState();
    if (query === null || files.length === 0 || replacing) return;
    this.state.setState({ replacing: true });
    try {
      const replaced = await applyReplaceAll(this.deps, { files, query, replace: form.replace });
      if (replaced.size === 0) return;
      this.state.setState((state) => {
        const kept = state.files.filter((file) => !replaced.has(file.path));
        return { files: kept, matchCount: kept.reduce((sum, file) => sum + matchCountOf(file), 0) };
      });
    } finally {
      this.state.setState({ replacing: false });
    }
  }

  private selectedText(): string | null {
    const editor = this.deps.host.codeEditor;
    const selection = editor?.getSelection();
    const model = editor?.getModel();
    if (!selection || !model || selection.isEmpty() || selection.startLineNumber !== selection.endLineNumber) return null;
    return model.getValueInRange(selection);
  }

  private flush(): void {
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.state.setState((state) => {
      const files = [...state.files];
      let matchCount = state.matchCount;
      for (const file of batch) {
        // Listed by path, as VS Code does, in whatever order they stream in.
        const index = sortedIndexOf(files, file.path);
        const existing = files[index];
        if (existing?.path === file.path) {
          const merged = mergeFileResults(existing, file);
          matchCount += matchCountOf(merged) - matchCountOf(existing);
          files[index] = merged;
        } else {
          files.splice(index, 0, file);
          matchCount += matchCountOf(file);
        }
      }
      return { files, matchCount };
    });
  }

  private cancelRunning(): void {
    if (!this.running || this.shownId === null) return;
    this.running = false;
    const searchId = this.shownId;
    void this.deps.api.request('search.cancel', { searchId });
    // Main answers with a `search.done` (cancelled); until then the view says so itself.
    this.flush();
    this.state.setState((state) => ({
      status: { kind: 'done', summary: { files: state.files.length, matches: state.matchCount, limitHit: false, cancelled: true, elapsedMs: 0 } },
    }));
  }

  private clearResults(): void {
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.pending = [];
    this.shownId = null;
    this.state.setState({ query: null, status: { kind: 'idle' }, files: [], matchCount: 0, collapsed: new Set() });
  }

  private clearDebounce(): void {
    if (this.debounceTimer !== null) clearTimeout(this.debounceTimer);
    this.debounceTimer = null;
  }
}
