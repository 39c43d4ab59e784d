import type { FileStamp } from '../../../app/contract.js';
import type { BackupMeta, CursorPosition } from '../../../app/workspace-contract.js';
import type { DocumentState } from '../state/documents-slice.js';

/**
 * A page's own prefix for its backup keys. Document ids restart at doc-1 with every page, and
 * several pages may share a workspace, so the id alone would let one tab's backup replace another's.
 */
export function newPageKeyPrefix(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function backupKey(prefix: string, documentId: string): string {
  return `${prefix}-${documentId}`;
}

export interface MetaSource {
  key: string;
  document: DocumentState;
  eol: BackupMeta['eol'];
  cursor: CursorPosition | null;
  /** The file as last read or saved. */
  diskStamp: FileStamp | null;
  tabIndex: number;
  now: number;
}

/** What a document's backup says about it besides its text. */
export function backupMetaOf({ key, document, eol, cursor, diskStamp, tabIndex, now }: MetaSource): BackupMeta {
  return {
    key,
    path: document.path,
    name: document.name,
    languageId: document.languageId,
    eol,
    bom: document.bom,
    cursor: cursor ?? { lineNumber: 1, column: 1 },
    // The text was based on no file when untitled, and on none that exists when it was deleted.
    diskStamp: document.path === null || document.deletedOnDisk ? null : diskStamp,
    tabIndex: Math.max(0, tabIndex),
    backedUpAt: now,
  };
}

/** Same file on disk as when the text was backed up: neither changed nor replaced since. */
export function sameDiskStamp(now: FileStamp | null, then: FileStamp | null): boolean {
  return now !== null && then !== null && now.mtimeMs === then.mtimeMs && now.size === then.size;
}
