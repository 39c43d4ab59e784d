import { describe, expect, it } from 'vitest';
import type { DocumentState } from '../state/documents-slice.js';
import { backupKey, backupMetaOf, newPageKeyPrefix, sameDiskStamp } from './backup-meta.js';
import { BackupMeta } from '../../../app/workspace-contract.js';

const document: DocumentState = { id: 'doc-3', path: '/w/notes.md', name: 'notes.md', dirty: true, deletedOnDisk: false, languageId: 'markdown', eol: 'CRLF', bom: true };

describe('backup meta', () => {
  it('gives each page its own keys, valid for the contract', () => {
    const a = newPageKeyPrefix();
    const b = newPageKeyPrefix();
    expect(a).not.toBe(b);
    const meta = backupMetaOf({ key: backupKey(a, 'doc-3'), document, eol: 'CRLF', cursor: { lineNumber: 4, column: 2 }, diskStamp: { mtimeMs: 1.5, size: 9 }, tabIndex: 2, now: 10 });
    expect(BackupMeta.parse(meta)).toEqual(meta);
    expect(meta).toMatchObject({ path: '/w/notes.md', name: 'notes.md', languageId: 'markdown', eol: 'CRLF', bom: true, cursor: { lineNumber: 4, column: 2 }, diskStamp: { mtimeMs: 1.5, size: 9 }, tabIndex: 2 });
  });

  it('records no disk stamp for untitled text or a file deleted on disk, and a cursor at the start when none is known', () => {
    const untitled = backupMetaOf({ key: 'k', document: { ...document, path: null, name: 'Untitled-1' }, eol: 'LF', cursor: null, diskStamp: { mtimeMs: 1, size: 1 }, tabIndex: -1, now: 1 });
    expect(untitled).toMatchObject({ path: null, diskStamp: null, cursor: { lineNumber: 1, column: 1 }, tabIndex: 0 });
    const deleted = backupMetaOf({ key: 'k', document: { ...document, deletedOnDisk: true }, eol: 'LF', cursor: null, diskStamp: { mtimeMs: 1, size: 1 }, tabIndex: 0, now: 1 });
    expect(deleted.diskStamp).toBeNull();
  });

  it('calls a file unchanged only when both its time and size match', () => {
    expect(sameDiskStamp({ mtimeMs: 5, size: 3 }, { mtimeMs: 5, size: 3 })).toBe(true);
    expect(sameDiskStamp({ mtimeMs: 5, size: 4 }, { mtimeMs: 5, size: 3 })).toBe(false);
    expect(sameDiskStamp({ mtimeMs: 6, size: 3 }, { mtimeMs: 5, size: 3 })).toBe(false);
    expect(sameDiskStamp(null, { mtimeMs: 5, size: 3 })).toBe(false);
    expect(sameDiskStamp({ mtimeMs: 5, size: 3 }, null)).toBe(false);
  });
});
