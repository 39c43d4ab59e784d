import { useEffect, useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { useStore } from 'zustand';
import { useQuire, useWorkbench } from '../components/workbench-context.js';
import type { SearchController } from './search-controller.js';
import type { SearchForm, SearchState } from './search-store.js';
import { SearchResultsTree } from './SearchResultsTree.js';
import './search-view.css';

/** The option toggles and their keys (taken from the global keys while the view has focus). */
const TOGGLES = [
  { field: 'matchCase', key: 'c', chord: 'Alt+C', icon: 'case-sensitive', title: 'Match Case' },
  { field: 'wholeWord', key: 'w', chord: 'Alt+W', icon: 'whole-word', title: 'Match Whole Word' },
  { field: 'isRegex', key: 'r', chord: 'Alt+R', icon: 'regex', title: 'Use Regular Expression' },
] as const;

/**
 * The side bar's Search view (Ctrl+Shift+F), laid out as VS Code's: the query with its option
 * toggles, the replace box behind a chevron, the include/exclude globs behind "…", a summary
 * line, and the results tree. Searches start as one types (after a pause) and on Enter.
 */
export function SearchView() {
  const controller = useWorkbench().search;
  const form = useStore(controller.state, (state) => state.form);
  const focusPending = useStore(controller.state, (state) => state.focusPending);
  const hasFolder = useQuire((state) => state.workspace?.folder != null);
  const queryInput = useRef<HTMLInputElement>(null);
  const tree = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!focusPending) return;
    queryInput.current?.focus();
    queryInput.current?.select();
    controller.focusHandled();
  }, [focusPending, controller]);

  const update = (patch: Partial<SearchForm>) => controller.updateForm(patch);

  const onViewKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const toggle = TOGGLES.find((candidate) => candidate.key === event.key.toLowerCase() || `Key${candidate.key.toUpperCase()}` === event.code);
    if (!toggle) return;
    event.preventDefault();
    update({ [toggle.field]: !form[toggle.field] });
  };

  const onQueryKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      controller.searchNow();
    } else if (event.key === 'ArrowDown') {
      const results = tree.current?.querySelector<HTMLElement>('[role="tree"]');
      if (results && results.tabIndex >= 0) {
        event.preventDefault();
        results.focus();
      }
    } else if (event.key === 'Escape' && controller.state.getState().status.kind === 'running') {
      event.preventDefault();
      controller.stop();
    }
  };

  return (
    <div className="q-search-view" aria-label="Search" data-claims-keys={TOGGLES.map((toggle) => toggle.chord).join(' ')} onKeyDown={onViewKeyDown}>
      <div className="q-search-form" role="search">
        <button
          type="button"
          className="q-search-replace-toggle"
          aria-label="Toggle Replace"
          title="Toggle Replace"
          aria-expanded={form.replaceOpen}
          onClick={() => update({ replaceOpen: !form.replaceOpen })}
        >
          <span className={`codicon codicon-chevron-${form.replaceOpen ? 'down' : 'right'}`} aria-hidden="true" />
        </button>
        <div className="q-search-inputs">
          <div className="q-search-input-row">
            <InputBox>
              <input
                ref={queryInput}
                className="q-search-input"
                type="text"
                aria-label="Search"
                placeholder="Search"
                spellCheck={false}
                autoComplete="off"
                value={form.pattern}
                onChange={(event) => update({ pattern: event.target.value })}
                onKeyDown={onQueryKeyDown}
              />
              {TOGGLES.map((toggle) => (
                <button
                  key={toggle.field}
                  type="button"
                  className="q-search-toggle"
                  title={`${toggle.title} (${toggle.chord})`}
                  aria-label={toggle.title}
                  aria-pressed={form[toggle.field]}
                  onClick={() => update({ [toggle.field]: !form[toggle.field] })}
                >
                  <span className={`codicon codicon-${toggle.icon}`} aria-hidden="true" />
                </button>
              ))}
            </InputBox>
          </div>
          {form.replaceOpen && <ReplaceRow controller={controller} form={form} />}
          <QueryError controller={controller} />
          <div className="q-search-details-toggle-row">
            <button
              type="button"
              className="q-search-icon-button"
              title="Toggle Search Details"
              aria-label="Toggle Search Details"
              aria-expanded={form.detailsOpen}
              onClick={() => update({ detailsOpen: !form.detailsOpen })}
            >
              <span className="codicon codicon-ellipsis" aria-hidden="true" />
            </button>
          </div>
          {form.detailsOpen && (
            <>
              <GlobInput label="files to include" value={form.include} placeholder="e.g. *.ts, src/**/include" onChange={(include) => update({ include })} onEnter={() => controller.searchNow()} />
              <GlobInput label="files to exclude" value={form.exclude} placeholder="e.g. *.ts, src/**/exclude" onChange={(exclude) => update({ exclude })} onEnter={() => controller.searchNow()} />
            </>
          )}
        </div>
      </div>
      <EngineNotice controller={controller} />
      <SearchSummaryLine controller={controller} hasFolder={hasFolder} />
      <div ref={tree} className="q-search-tree-host">
        <SearchResultsTree controller={controller} />
      </div>
    </div>
  );
}

function InputBox({ children }: { children: ReactNode }) {
  return <div className="q-search-input-box">{children}</div>;
}

function ReplaceRow({ controller, form }: { controller: SearchController; form: SearchForm }) {
  const canReplace = useStore(controller.state, (state) => state.files.length > 0 && state.status.kind !== 'running' && !state.replacing);
  const input = useRef<HTMLInputElement>(null);
  // Opening the files moves focus to the editor; the keyboard comes back here, as in VS Code.
  const replaceAll = () => void controller.replaceAll().then(() => input.current?.focus());
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    // Ctrl+Alt+Enter replaces all, as in VS Code; Enter alone searches.
    if (event.ctrlKey && event.altKey) replaceAll();
    else controller.searchNow();
  };
  return (
    <div className="q-search-input-row">
      <InputBox>
        <input
          ref={input}
          className="q-search-input"
          type="text"
          aria-label="Replace"
          placeholder="Replace"
          spellCheck={false}
          autoComplete="off"
          value={form.replace}
          onChange={(event) => controller.updateForm({ replace: event.target.value })}
          onKeyDown={onKeyDown}
        />
      </InputBox>
      <button
        type="button"
        className="q-search-icon-button q-search-replace-all"
        title="Replace All (Ctrl+Alt+Enter)"
        aria-label="Replace All"
        disabled={!canReplace}
        onClick={replaceAll}
      >
        <span className="codicon codicon-replace-all" aria-hidden="true" />
      </button>
    </div>
  );
}

function GlobInput(props: { label: string; value: string; placeholder: string; onChange(value: string): void; onEnter(): void }) {
  return (
    <label className="q-search-glob">
      <span className="q-search-glob-label">{props.label}</span>
      <InputBox>
        <input
          className="q-search-input"
          type="text"
          placeholder={props.placeholder}
          spellCheck={false}
          autoComplete="off"
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            props.onEnter();
          }}
        />
      </InputBox>
    </label>
  );
}

/** A search that failed (a bad regex, a bad glob) says why under the inputs. */
function QueryError({ controller }: { controller: SearchController }) {
  const message = useStore(controller.state, (state) => (state.status.kind === 'failed' ? state.status.message : null));
  if (message === null) return null;
  return (
    <div className="q-search-error" role="alert">
      {message}
    </div>
  );
}

function EngineNotice({ controller }: { controller: SearchController }) {
  const notice = useStore(controller.state, (state) => state.notice);
  if (notice === null) return null;
  return (
    <div className="q-search-notice" role="note" data-testid="search-notice">
      <span className="codicon codicon-info" aria-hidden="true" />
      <span>{notice}</span>
    </div>
  );
}

function SearchSummaryLine({ controller, hasFolder }: { controller: SearchController; hasFolder: boolean }) {
  const status = useStore(controller.state, (state) => state.status);
  const counts = useStore(controller.state, (state) => summaryCounts(state));
  const hasResults = useStore(controller.state, (state) => state.files.length > 0);
  const allCollapsed = useStore(controller.state, (state) => state.files.length > 0 && state.collapsed.size >= state.files.length);
  const running = status.kind === 'running';
  let text: string | null = null;
  if (!hasFolder) text = 'Open a folder to search its files.';
  else if (running) text = counts === '' ? 'Searching…' : counts;
  else if (status.kind === 'done') {
    const { summary } = status;
    if (counts === '') text = summary.cancelled ? 'Search cancelled. No results found.' : 'No results found. Review the files to include and exclude, files.exclude and search.exclude in the settings, and ignore files.';
    else text = counts + (summary.limitHit ? ' — search limit reached; narrow the search to see every result' : '') + (summary.cancelled ? ' — cancelled' : '');
  }
  return (
    <div className="q-search-summary-row">
      {running && <div className="q-search-progress" role="progressbar" aria-label="Searching" />}
      <div className="q-search-summary" aria-live="polite" data-testid="search-summary">
        {text}
      </div>
      <div className="q-search-actions">
        {running && <ActionButton icon="search-stop" title="Stop Search (Escape)" onClick={() => controller.stop()} />}
        {!running && status.kind !== 'idle' && <ActionButton icon="refresh" title="Refresh" onClick={() => controller.searchNow()} />}
        {(hasResults || status.kind !== 'idle') && <ActionButton icon="clear-all" title="Clear Search Results" onClick={() => controller.clear()} />}
        {hasResults && (
          <ActionButton
            icon={allCollapsed ? 'expand-all' : 'collapse-all'}
            title={allCollapsed ? 'Expand All' : 'Collapse All'}
            onClick={() => controller.setAllCollapsed(!allCollapsed)}
          />
        )}
      </div>
    </div>
  );
}

function ActionButton({ icon, title, onClick }: { icon: string; title: string; onClick(): void }) {
  return (
    <button type="button" className="q-search-icon-button" title={title} aria-label={title} onClick={onClick}>
      <span className={`codicon codicon-${icon}`} aria-hidden="true" />
    </button>
  );
}

/** "12 results in 3 files", or '' before any result. */
function summaryCounts(state: Pick<SearchState, 'files' | 'matchCount'>): string {
  if (state.matchCount === 0) return '';
  const results = `${state.matchCount.toLocaleString('en-US')} ${state.matchCount === 1 ? 'result' : 'results'}`;
  const files = `${state.files.length.toLocaleString('en-US')} ${state.files.length === 1 ? 'file' : 'files'}`;
  return `${results} in ${files}`;
}
