import { describe, expect, it } from 'vitest';
import type { DocumentState } from '../state/documents-slice.js';
import { createQuireStore } from '../state/store.js';
import { sessionOf } from './session-sync.js';

function doc(id: string, path: string | null): DocumentState {
  return { id, path, name: id, dirty: false, deletedOnDisk: false, languageId: 'plaintext', eol: 'LF', bom: false };
}

describe('sessionOf', () => {
  it('lists files in tab order, leaving out untitled documents', () => {
    const store = createQuireStore();
    store.getState().addDocument(doc('a', '/a.txt'));
    store.getState().addDocument(doc('u', null));
    store.getState().addDocument(doc('b', '/b.txt'));
    store.getState().moveTab('b', 0);
    store.getState().activateDocument('a');
    expect(sessionOf(store.getState())).toEqual({ openFiles: ['/b.txt', '/a.txt'], activeFile: '/a.txt' });
  });

  it('has no active file while an untitled document or nothing is active', () => {
    const store = createQuireStore();
    expect(sessionOf(store.getState())).toEqual({ openFiles: [], activeFile: null });
    store.getState().addDocument(doc('u', null));
    expect(sessionOf(store.getState()).activeFile).toBeNull();
  });
});
