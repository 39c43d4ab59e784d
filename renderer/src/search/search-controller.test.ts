import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload, Method, Params, QuireApi } from '../../../app/contract.js';
import type { SearchFileResult, SearchSummary } from '../../../app/workspace-contract.js';
import { createQuireStore } from '../state/store.js';
import type { DocumentService } from '../workbench/document-service.js';
import type { EditorHost } from '../workbench/editor-host.js';
import type { DocumentModels } from '../documents/document-models.js';
import { MAX_SEARCH_RESULTS, SEARCH_DEBOUNCE_MS, SearchController } from './search-controller.js';

interface SentRequest {
  method: Method;
  params: unknown;
}

/**
 * Main as the controller sees it over the contract: requests are recorded and answered as the
 * test says (search.start starts, search.cancel is acknowledged), events are sent by the test.
 */
function fakeMain(answerStart: (params: Params<'search.start'>) => unknown = () => ({ ok: true, value: { engine: 'ripgrep', notice: null } })) {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const sent: SentRequest[] = [];
  const api = {
    request: (method: Method, params: unknown) => {
      sent.push({ method, params });
      if (method === 'search.start') return Promise.resolve(answerStart(params as Params<'search.start'>));
      return Promise.resolve({ ok: true, value: {} });
    },
    on: (event: EventName, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  } as unknown as QuireApi;
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  const starts = () => sent.filter((request) => request.method === 'search.start').map((request) => request.params as Params<'search.start'>);
  const cancels = () => sent.filter((request) => request.method === 'search.cancel').map((request) => (request.params as { searchId: number }).searchId);
  return { api, emit, starts, cancels };
}

function controllerWith(main: ReturnType<typeof fakeMain>) {
  // Searching never touches documents or the editor; only opening and replacing do.
  const controller = new SearchController({
    api: main.api,
    store: createQuireStore(),
    documents: {} as DocumentService,
    host: {} as EditorHost,
    models: {} as DocumentModels,
  });
  controller.start();
  return controller;
}

const file = (path: string, lines: number[]): SearchFileResult => ({
  path,
  matches: lines.map((line) => ({ line, text: `zebra ${line}`, textOffset: 0, ranges: [[0, 5]] })),
});
const summary = (more: Partial<SearchSummary> = {}): SearchSummary => ({ files: 0, matches: 0, limitHit: false, cancelled: false, elapsedMs: 1, ...more });
const flushPromises = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SearchController', () => {
  it('searches once typing pauses, with the form as the query', async () => {
    const main = fakeMain();
    const controller = controllerWith(main);
    controller.updateForm({ pattern: 'z' });
    controller.updateForm({ pattern: 'ze' });
    controller.updateForm({ pattern: 'zebra', matchCase: true, include: 'src/**' });
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS - 1);
    expect(main.starts()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(main.starts()).toEqual([
      {
        searchId: 1,
        maxResults: MAX_SEARCH_RESULTS,
        query: { pattern: 'zebra', isRegex: false, matchCase: true, wholeWord: false, include: 'src/**', exclude: '' },
      },
    ]);
    expect(controller.state.getState().status.kind).toBe('running');
    // The replace box is no part of the query.
    controller.updateForm({ replace: 'okapi', replaceOpen: true });
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    expect(main.starts()).toHaveLength(1);
  });

  it('shows the first batch at once, gathers later ones, lists files by path, and finishes with main’s summary', async () => {
    const main = fakeMain();
    const controller = controllerWith(main);
    controller.updateForm({ pattern: 'zebra' });
    controller.searchNow();
    await flushPromises();
    main.emit('search.results', { searchId: 1, files: [file('/w/src/b.ts', [1])] });
    expect(controller.state.getState().files.map((f) => f.path)).toEqual(['/w/src/b.ts']);
    main.emit('search.results', { searchId: 1, files: [file('/w/src/a.ts', [3, 4]), file('/w/docs/x.md', [2])] });
    main.emit('search.results', { searchId: 1, files: [file('/w/src/b.ts', [7])] });
    expect(controller.state.getState().files).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    const state = controller.state.getState();
    expect(state.files.map((f) => f.path)).toEqual(['/w/docs/x.md', '/w/src/a.ts', '/w/src/b.ts']);
    expect(state.files[2]?.matches.map((match) => match.line)).toEqual([1, 7]);
    expect(state.matchCount).toBe(5);
    main.emit('search.done', { searchId: 1, summary: summary({ files: 3, matches: 5, limitHit: true }), error: null });
    expect(controller.state.getState().status).toEqual({ kind: 'done', summary: summary({ files: 3, matches: 5, limitHit: true }) });
  });

  it('a new query cancels the running search and drops anything it still sends', async () => {
    const main = fakeMain();
    const controller = controllerWith(main);
    controller.updateForm({ pattern: 'zebra' });
    controller.searchNow();
    await flushPromises();
    controller.updateForm({ pattern: 'okapi' });
    controller.searchNow();
    await flushPromises();
    expect(main.cancels()).toEqual([1]);
    expect(main.starts().map((start) => [start.searchId, start.query.pattern])).toEqual([
      [1, 'zebra'],
      [2, 'okapi'],
    ]);
    main.emit('search.results', { searchId: 1, files: [file('/w/old.ts', [1])] });
    main.emit('search.done', { searchId: 1, summary: summary({ cancelled: true }), error: null });
    expect(controller.state.getState().files).toEqual([]);
    expect(controller.state.getState().status.kind).toBe('running');
    main.emit('search.results', { searchId: 2, files: [file('/w/new.ts', [1])] });
    expect(controller.state.getState().files.map((f) => f.path)).toEqual(['/w/new.ts']);
  });

  it('Stop keeps what was found, says cancelled, and takes nothing more from main', async () => {
    const main = fakeMain();
    const controller = controllerWith(main);
    controller.updateForm({ pattern: 'zebra' });
    controller.searchNow();
    await flushPromises();
    main.emit('search.results', { searchId: 1, files: [file('/w/a.ts', [1])] });
    main.emit('search.results', { searchId: 1, files: [file('/w/b.ts', [1])] });
    controller.stop();
    expect(main.cancels()).toEqual([1]);
    const stopped = controller.state.getState();
    expect(stopped.files.map((f) => f.path)).toEqual(['/w/a.ts', '/w/b.ts']);
    expect(stopped.status).toMatchObject({ kind: 'done', summary: { cancelled: true, files: 2, matches: 2 } });
    main.emit('search.results', { searchId: 1, files: [file('/w/c.ts', [1])] });
    main.emit('search.done', { searchId: 1, summary: summary({ files: 3, matches: 3, cancelled: true }), error: null });
    await vi.advanceTimersByTimeAsync(200);
    expect(controller.state.getState().files).toHaveLength(2);
    expect(controller.state.getState().status).toBe(stopped.status);
  });

  it('shows why a search could not start or failed, and the engine’s notice', async () => {
    const main = fakeMain((params) =>
      params.query.pattern === '('
        ? { ok: false, error: { code: 'bad-request', message: 'The regular expression "(" is not valid.' } }
        : { ok: true, value: { engine: 'built-in', notice: 'rg is not installed, so search uses the built-in search.' } },
    );
    const controller = controllerWith(main);
    controller.updateForm({ pattern: '(', isRegex: true });
    controller.searchNow();
    await flushPromises();
    expect(controller.state.getState().status).toEqual({ kind: 'failed', message: 'The regular expression "(" is not valid.' });
    controller.updateForm({ pattern: 'ok' });
    controller.searchNow();
    await flushPromises();
    expect(controller.state.getState().notice).toBe('rg is not installed, so search uses the built-in search.');
    main.emit('search.done', { searchId: 2, summary: summary(), error: { code: 'internal', message: 'ripgrep crashed' } });
    expect(controller.state.getState().status).toEqual({ kind: 'failed', message: 'ripgrep crashed' });
  });

  it('an emptied box cancels and clears; Clear keeps the options', async () => {
    const main = fakeMain();
    const controller = controllerWith(main);
    controller.updateForm({ pattern: 'zebra', wholeWord: true, exclude: '*.md' });
    controller.searchNow();
    await flushPromises();
    main.emit('search.results', { searchId: 1, files: [file('/w/a.ts', [1])] });
    controller.updateForm({ pattern: '' });
    expect(main.cancels()).toEqual([1]);
    expect(controller.state.getState()).toMatchObject({ files: [], matchCount: 0, status: { kind: 'idle' } });
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    expect(main.starts()).toHaveLength(1);
    controller.updateForm({ pattern: 'zebra' });
    controller.clear();
    expect(controller.state.getState().form).toMatchObject({ pattern: '', wholeWord: true, exclude: '*.md' });
    expect(controller.state.getState().focusPending).toBe(true);
  });

  it('collapses and expands files', async () => {
    const main = fakeMain();
    const controller = controllerWith(main);
    controller.updateForm({ pattern: 'zebra' });
    controller.searchNow();
    await flushPromises();
    main.emit('search.results', { searchId: 1, files: [file('/w/a.ts', [1]), file('/w/b.ts', [1])] });
    controller.toggleCollapsed('/w/a.ts');
    expect([...controller.state.getState().collapsed]).toEqual(['/w/a.ts']);
    controller.setAllCollapsed(true);
    expect(controller.state.getState().collapsed.size).toBe(2);
    controller.setAllCollapsed(false);
    expect(controller.state.getState().collapsed.size).toBe(0);
  });
});
