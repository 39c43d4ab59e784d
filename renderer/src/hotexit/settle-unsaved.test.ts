import { describe, expect, it } from 'vitest';
import type { DocumentState } from '../state/documents-slice.js';
import { DEFAULT_EDITOR_SETTINGS } from '../state/workspace-slice.js';
import { createQuireStore } from '../state/store.js';
import type { DocumentService } from '../workbench/document-service.js';
import { settleUnsavedChanges } from '../workbench/quit.js';
import type { BackupSync } from './backup-sync.js';

const dirty = (id: string): DocumentState => ({ id, path: `/w/${id}.txt`, name: `${id}.txt`, dirty: true, deletedOnDisk: false, languageId: 'plaintext', eol: 'LF', bom: false });

/** What the quit flow uses of the documents and the backups, recording what was done to them. */
function setup(hotExit: boolean, backupsLand: boolean) {
  const store = createQuireStore();
  store.getState().setSettings({ ...DEFAULT_EDITOR_SETTINGS, hotExit }, []);
  const log: string[] = [];
  const documents = {
    dirtyDocuments: () => [dirty('a'), dirty('b')],
    save: async (id: string) => {
      log.push(`save ${id}`);
      return true;
    },
  } as unknown as DocumentService;
  const backups = {
    hold: () => log.push('hold'),
    release: () => log.push('release'),
    flushAll: async () => {
      log.push('flush');
      return backupsLand;
    },
    drop: async (ids: string[]) => {
      log.push(`drop ${ids.join(',')}`);
    },
  } as unknown as BackupSync;
  return { store, documents, backups, log };
}

/** Answers the quit question with `answer` once it is asked; resolves to the question's detail. */
function answerWith(store: ReturnType<typeof createQuireStore>, answer: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const unsubscribe = store.subscribe((state) => {
      const [question] = state.choices;
      if (!question) return;
      unsubscribe();
      resolve(question.detail);
      question.answer(answer);
    });
  });
}

describe('settleUnsavedChanges', () => {
  it('with hot exit on, backs the changes up and lets go without asking', async () => {
    const { store, documents, backups, log } = setup(true, true);
    expect(await settleUnsavedChanges(store, documents, backups)).toBe(true);
    expect(log).toEqual(['hold', 'flush']);
    expect(store.getState().choices).toEqual([]);
  });

  it('asks after all when the backups could not be written, saying so; Don\'t Save drops them', async () => {
    const { store, documents, backups, log } = setup(true, false);
    const asked = answerWith(store, 'discard');
    expect(await settleUnsavedChanges(store, documents, backups)).toBe(true);
    expect(await asked).toContain('could not back them up');
    expect(log).toEqual(['hold', 'flush', 'release', 'hold', 'drop a,b']);
  });

  it('with hot exit off, asks: Cancel keeps everything, Save All saves each', async () => {
    const cancelled = setup(false, true);
    void answerWith(cancelled.store, 'cancel');
    expect(await settleUnsavedChanges(cancelled.store, cancelled.documents, cancelled.backups)).toBe(false);
    expect(cancelled.log).toEqual([]);

    const saved = setup(false, true);
    void answerWith(saved.store, 'save');
    expect(await settleUnsavedChanges(saved.store, saved.documents, saved.backups)).toBe(true);
    expect(saved.log).toEqual(['save a', 'save b', 'hold']);
  });
});
