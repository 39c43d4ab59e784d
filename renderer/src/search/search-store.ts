import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { SearchEngine, SearchFileResult, SearchQuery, SearchSummary } from '../../../app/workspace-contract.js';

/** What the Search view's inputs hold; kept while the view is hidden, like VS Code's. */
export interface SearchForm {
  pattern: string;
  isRegex: boolean;
  matchCase: boolean;
  wholeWord: boolean;
  /** Comma-separated globs. */
  include: string;
  exclude: string;
  replace: string;
  /** The replace box is shown. */
  replaceOpen: boolean;
  /** The include/exclude boxes are shown. */
  detailsOpen: boolean;
}

export const EMPTY_FORM: SearchForm = {
  pattern: '',
  isRegex: false,
  matchCase: false,
  wholeWord: false,
  include: '',
  exclude: '',
  replace: '',
  replaceOpen: false,
  detailsOpen: false,
};

/** Where the current search stands. */
export type SearchStatus =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; summary: SearchSummary }
  | { kind: 'failed'; message: string };

export interface SearchState {
  form: SearchForm;
  /** The query the results below answer (the form may have changed since). */
  query: SearchQuery | null;
  status: SearchStatus;
  files: SearchFileResult[];
  /** Matches in `files` (every range of every line). */
  matchCount: number;
  engine: SearchEngine | null;
  /** One line to show about the engine (ripgrep missing), or null. */
  notice: string | null;
  /** Files whose matches are hidden in the tree, by path. */
  collapsed: ReadonlySet<string>;
  /** The query box should take focus (and select its text) once the view shows. */
  focusPending: boolean;
  /** A replace under way: the view disables Replace All meanwhile. */
  replacing: boolean;
}

export type SearchStore = StoreApi<SearchState>;

export function createSearchStore(): SearchStore {
  return createStore<SearchState>()(() => ({
    form: EMPTY_FORM,
    query: null,
    status: { kind: 'idle' },
    files: [],
    matchCount: 0,
    engine: null,
    notice: null,
    collapsed: new Set(),
    focusPending: false,
    replacing: false,
  }));
}
