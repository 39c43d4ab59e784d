import { describe, expect, it } from 'vitest';
import { createQuireStore } from '../state/store.js';
import { fileLabel } from './file-label.js';
import { LatestQuery } from './latest-query.js';
import { answerMessage } from './quick-open-answer.js';
import { loadRecentFiles, MAX_REMEMBERED_FILES, mergeRecent, rememberRecentFile } from './recent-files.js';
import { RecentFilesTracker } from './recent-files-tracker.js';

/** localStorage's behaviour, in memory. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('fileLabel', () => {
  it('splits name from folder and moves each matched position to its part', () => {
    expect(fileLabel({ relativePath: 'src/util/format-csv.ts', positions: [0, 9, 12, 16] })).toEqual({
      name: 'format-csv.ts',
      namePositions: [0, 3, 7],
      folder: 'src/util',
      folderPositions: [0],
    });
    expect(fileLabel({ relativePath: 'README.md', positions: [0, 1] })).toEqual({ name: 'README.md', namePositions: [0, 1], folder: '', folderPositions: [] });
    expect(fileLabel({ relativePath: 'a\\b/c.txt', positions: [2] })).toEqual({ name: 'c.txt', namePositions: [], folder: 'a\\b', folderPositions: [2] });
  });
});

describe('LatestQuery', () => {
  /** A fake main whose answers come when the test says. */
  function manual() {
    const sent: { query: string; answer(value: string): void }[] = [];
    const delivered: string[] = [];
    const latest = new LatestQuery<string, string>(
      (query) => new Promise((resolve) => sent.push({ query, answer: resolve })),
      (query, answer) => delivered.push(`${query}=${answer}`),
    );
    return { sent, delivered, latest };
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('sends one query at a time, then only the newest of those typed meanwhile', async () => {
    const { sent, delivered, latest } = manual();
    latest.ask('f');
    latest.ask('fo');
    latest.ask('foo');
    expect(sent.map((request) => request.query)).toEqual(['f']);
    sent[0]?.answer('1');
    await settle();
    expect(delivered).toEqual(['f=1']);
    expect(sent.map((request) => request.query)).toEqual(['f', 'foo']);
    sent[1]?.answer('2');
    await settle();
    expect(delivered).toEqual(['f=1', 'foo=2']);
    latest.ask('foo');
    expect(sent).toHaveLength(3);
  });

  it('delivers nothing once closed', async () => {
    const { sent, delivered, latest } = manual();
    latest.ask('a');
    latest.ask('ab');
    latest.close();
    sent[0]?.answer('1');
    await settle();
    latest.ask('abc');
    expect(delivered).toEqual([]);
    expect(sent).toHaveLength(1);
  });
});

describe('recent files', () => {
  it('remembers per workspace, most recent first, each once, up to a limit', () => {
    const storage = memoryStorage();
    rememberRecentFile(storage, '/ws', '/ws/a');
    rememberRecentFile(storage, '/ws', '/ws/b');
    rememberRecentFile(storage, '/ws', '/ws/a');
    rememberRecentFile(storage, '/other', '/other/x');
    expect(loadRecentFiles(storage, '/ws')).toEqual(['/ws/a', '/ws/b']);
    for (let i = 0; i < MAX_REMEMBERED_FILES + 5; i++) rememberRecentFile(storage, '/ws', `/ws/${i}`);
    expect(loadRecentFiles(storage, '/ws')).toHaveLength(MAX_REMEMBERED_FILES);
    expect(loadRecentFiles(storage, '/ws')[0]).toBe(`/ws/${MAX_REMEMBERED_FILES + 4}`);
  });

  it('reads unreadable storage as nothing remembered', () => {
    const storage = memoryStorage();
    storage.setItem('quire.recentFiles:/ws', '{not json');
    expect(loadRecentFiles(storage, '/ws')).toEqual([]);
    storage.setItem('quire.recentFiles:/ws', JSON.stringify(['/ws/a', 7, null, '']));
    expect(loadRecentFiles(storage, '/ws')).toEqual(['/ws/a']);
  });

  it('merges lists in order without repeats, up to a limit', () => {
    expect(mergeRecent(['a', 'b'], ['b', 'c', 'a', 'd'], 3)).toEqual(['a', 'b', 'c']);
  });

  it('lists open tabs by last activation, then files remembered from before', () => {
    const storage = memoryStorage();
    rememberRecentFile(storage, '/ws', '/ws/closed-long-ago.txt');
    const store = createQuireStore();
    store.getState().setWorkspace({ folder: '/ws', name: 'ws', confined: true, openableRoot: '/ws' });
    const tracker = new RecentFilesTracker(store, storage);
    const stop = tracker.start();
    const doc = (id: string, path: string | null) => ({ id, path, name: id, dirty: false, deletedOnDisk: false, languageId: 'plaintext', eol: 'LF' as const, bom: false });
    store.getState().addDocument(doc('a', '/ws/a.txt'));
    store.getState().addDocument(doc('b', '/ws/b.txt'));
    store.getState().addDocument(doc('u', null));
    store.getState().activateDocument('a');
    expect(tracker.recent()).toEqual(['/ws/a.txt', '/ws/b.txt', '/ws/closed-long-ago.txt']);
    store.getState().removeDocument('a');
    expect(tracker.recent()).toEqual(['/ws/b.txt', '/ws/a.txt', '/ws/closed-long-ago.txt']);
    stop();
  });
});

describe('answerMessage', () => {
  const match = { path: '/w/a.ts', relativePath: 'a.ts', score: 1, positions: [] };
  it('says main is still indexing, with how many files so far', () => {
    expect(answerMessage({ status: 'ok', query: 'a', matches: [match], total: 12_345, indexing: true })).toBe('Indexing… 12,345 files');
  });

  it('says nothing matches, or that the folder is empty, and nothing when there are rows', () => {
    expect(answerMessage({ status: 'ok', query: 'zz', matches: [], total: 3, indexing: false })).toBe('No matching files');
    expect(answerMessage({ status: 'ok', query: '', matches: [], total: 0, indexing: false })).toBe('This folder has no files.');
    expect(answerMessage({ status: 'ok', query: 'a', matches: [match], total: 3, indexing: false })).toBeUndefined();
    expect(answerMessage({ status: 'waiting' })).toBeUndefined();
  });

  it('shows main’s error', () => {
    expect(answerMessage({ status: 'error', query: '', message: 'No folder is open.' })).toBe('No folder is open.');
  });
});
