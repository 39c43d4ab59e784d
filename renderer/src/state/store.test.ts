import { describe, expect, it } from 'vitest';
import { documentsInTabOrder, nextUntitledName } from './documents-slice.js';
import type { DocumentState } from './documents-slice.js';
import { createQuireStore } from './store.js';
import { MAX_VISIBLE_NOTIFICATIONS, visibleNotifications } from './ui-slice.js';

function doc(id: string, path: string | null = `/tmp/${id}.txt`): DocumentState {
  return {
    id,
    path,
    name: path ? `${id}.txt` : id,
    dirty: false,
    deletedOnDisk: false,
    languageId: 'plaintext',
    eol: 'LF',
    bom: false,
  };
}

describe('documents', () => {
  it('adds tabs at the end and activates them', () => {
    const store = createQuireStore();
    store.getState().addDocument(doc('a'));
    store.getState().addDocument(doc('b'));
    expect(store.getState().tabOrder).toEqual(['a', 'b']);
    expect(store.getState().activeId).toBe('b');
  });

  it('activates the most recently used tab when the active one closes', () => {
    const store = createQuireStore();
    for (const id of ['a', 'b', 'c']) store.getState().addDocument(doc(id));
    store.getState().activateDocument('a');
    store.getState().activateDocument('c');
    store.getState().removeDocument('c');
    expect(store.getState().activeId).toBe('a');
    store.getState().removeDocument('b');
    expect(store.getState().activeId).toBe('a');
    store.getState().removeDocument('a');
    expect(store.getState().activeId).toBeNull();
    expect(store.getState().tabOrder).toEqual([]);
  });

  it('keeps the active tab when another one closes', () => {
    const store = createQuireStore();
    for (const id of ['a', 'b']) store.getState().addDocument(doc(id));
    store.getState().removeDocument('a');
    expect(store.getState().activeId).toBe('b');
  });

  it('updates one document and ignores unknown ids', () => {
    const store = createQuireStore();
    store.getState().addDocument(doc('a'));
    store.getState().updateDocument('a', { dirty: true });
    store.getState().updateDocument('zzz', { dirty: true });
    expect(store.getState().documents.a?.dirty).toBe(true);
    expect(Object.keys(store.getState().documents)).toEqual(['a']);
  });

  it('moves tabs within bounds', () => {
    const store = createQuireStore();
    for (const id of ['a', 'b', 'c']) store.getState().addDocument(doc(id));
    store.getState().moveTab('c', 0);
    expect(store.getState().tabOrder).toEqual(['c', 'a', 'b']);
    store.getState().moveTab('c', 99);
    expect(store.getState().tabOrder).toEqual(['a', 'b', 'c']);
    expect(documentsInTabOrder(store.getState()).map((d) => d.id)).toEqual(['a', 'b', 'c']);
  });

  it('numbers untitled documents with the lowest free number', () => {
    expect(nextUntitledName([])).toBe('Untitled-1');
    expect(nextUntitledName([doc('Untitled-1', null), doc('Untitled-3', null)])).toBe('Untitled-2');
    // A saved file that happens to be called Untitled-1 does not take the number.
    expect(nextUntitledName([{ path: '/x/Untitled-1', name: 'Untitled-1' }])).toBe('Untitled-1');
  });
});

describe('notifications', () => {
  it('replaces a notification with the same key instead of stacking', () => {
    const store = createQuireStore();
    store.getState().notify({ severity: 'info', message: 'one', key: 'k' });
    store.getState().notify({ severity: 'error', message: 'other' });
    store.getState().notify({ severity: 'warning', message: 'two', key: 'k' });
    expect(store.getState().notifications.map((n) => n.message)).toEqual(['other', 'two']);
  });

  it('keeps an error showing when a notice that yields to it arrives with the same key', () => {
    const store = createQuireStore();
    const failed = store.getState().notify({ severity: 'error', message: 'Sort failed: the plugin crashed', key: 'p' });
    expect(store.getState().notify({ severity: 'warning', message: 'crashed — restarting', key: 'p', yieldsToError: true })).toBe(failed);
    expect(store.getState().notify({ severity: 'warning', message: 'elsewhere', key: 'q', yieldsToError: true })).not.toBe(failed);
    expect(store.getState().notifications.map((n) => n.message)).toEqual(['Sort failed: the plugin crashed', 'elsewhere']);
    store.getState().notify({ severity: 'info', message: 'reloaded', key: 'p' });
    expect(store.getState().notifications.map((n) => n.message)).toEqual(['elsewhere', 'reloaded']);
  });

  it('dismisses by id', () => {
    const store = createQuireStore();
    const id = store.getState().notify({ severity: 'info', message: 'x' });
    store.getState().dismissNotification(id);
    expect(store.getState().notifications).toEqual([]);
  });

  it('shows only the newest few', () => {
    const store = createQuireStore();
    for (let i = 0; i < MAX_VISIBLE_NOTIFICATIONS + 2; i++) store.getState().notify({ severity: 'error', message: `m${i}` });
    const shown = visibleNotifications(store.getState().notifications).map((n) => n.message);
    expect(shown).toHaveLength(MAX_VISIBLE_NOTIFICATIONS);
    expect(shown[shown.length - 1]).toBe(`m${MAX_VISIBLE_NOTIFICATIONS + 1}`);
  });
});

describe('questions', () => {
  it('queues modal choices and resolves each with its answer', async () => {
    const store = createQuireStore();
    const request = { message: 'q', choices: [{ id: 'yes', label: 'Yes' }], defaultId: 'yes', cancelId: 'yes' };
    const first = store.getState().askChoice({ ...request, message: 'first' });
    const second = store.getState().askChoice({ ...request, message: 'second' });
    expect(store.getState().choices.map((c) => c.message)).toEqual(['first', 'second']);
    store.getState().choices[0]?.answer('yes');
    expect(await first).toBe('yes');
    expect(store.getState().choices.map((c) => c.message)).toEqual(['second']);
    store.getState().choices[0]?.answer('no');
    expect(await second).toBe('no');
  });

  it('cancels an open quick input when another is asked for', async () => {
    const store = createQuireStore();
    const first = store.getState().askQuickInput({ kind: 'path', mode: 'open', initialValue: '/' });
    const second = store.getState().askQuickInput({ kind: 'language', currentId: 'plaintext' });
    expect(await first).toBeNull();
    expect(store.getState().quickInput?.kind).toBe('language');
    store.getState().quickInput?.finish('markdown');
    expect(await second).toBe('markdown');
    expect(store.getState().quickInput).toBeNull();
  });
});

describe('panel', () => {
  it('opens the Plugins panel on a plugin until its row has been shown', () => {
    const store = createQuireStore();
    store.getState().revealPlugin('/plugins/ok.so');
    expect(store.getState().panel).toEqual({ open: true, tab: 'plugins' });
    expect(store.getState().pluginsPanelTarget).toBe('/plugins/ok.so');
    store.getState().pluginRevealed();
    expect(store.getState().pluginsPanelTarget).toBeNull();
  });
});
