/**
 * The sentences people read when a workspace operation fails (create, rename, delete, open a
 * folder), in the style of the file service's: the path, what is wrong, what to do next.
 */
import { dirname } from 'node:path';
import type { ErrorCode, QuireError } from '../../app/contract.js';

export function createError(path: string, code: ErrorCode, cause?: unknown): QuireError {
  const folder = dirname(path);
  const why = (() => {
    switch (code) {
      case 'already-exists':
        return 'a file or folder with that name already exists. Choose another name.';
      case 'permission-denied':
        return `permission denied. Check that you can write to ${folder}.`;
      case 'not-found':
        return `the folder ${folder} no longer exists.`;
      case 'not-a-directory':
        return 'part of the path is a file, not a folder. Check the path.';
      case 'disk-full':
        return 'the disk is full. Free some space and try again.';
      case 'read-only-fs':
        return 'the file system is read-only.';
      default:
        return `${systemDetail(cause)}.`;
    }
  })();
  return { code, message: `Cannot create ${path}: ${why}` };
}

export function renameError(from: string, to: string, code: ErrorCode, cause?: unknown): QuireError {
  const why = (() => {
    switch (code) {
      case 'already-exists':
        return `${to} already exists, and Quire does not replace it. Choose another name, or delete ${to} first.`;
      case 'not-found':
        return `${from} no longer exists, or the folder ${dirname(to)} does not.`;
      case 'permission-denied':
        return `permission denied. Check that you can write to ${dirname(from)} and ${dirname(to)}.`;
      case 'not-a-directory':
        return 'part of the path is a file, not a folder. Check the new name.';
      case 'read-only-fs':
        return 'the file system is read-only.';
      case 'bad-request':
        return 'a folder cannot be moved into itself.';
      default:
        return `${systemDetail(cause)}.`;
    }
  })();
  return { code, message: `Cannot rename ${from} to ${to}: ${why}` };
}

export function deleteError(path: string, code: ErrorCode, cause?: unknown): QuireError {
  const why = (() => {
    switch (code) {
      case 'not-found':
        return 'it no longer exists.';
      case 'permission-denied':
        return `permission denied. Check that you can write to ${dirname(path)}.`;
      case 'read-only-fs':
        return 'the file system is read-only.';
      default:
        return `${systemDetail(cause)}.`;
    }
  })();
  return { code, message: `Cannot delete ${path}: ${why}` };
}

/** `unsupported`: the renderer offers to delete permanently instead. */
export function trashUnavailable(path: string, reason: string): QuireError {
  return {
    code: 'unsupported',
    message: `Cannot move ${path} to the trash: ${reason}. It can be deleted permanently instead, which cannot be undone.`,
  };
}

export function openFolderError(path: string, code: ErrorCode, cause?: unknown): QuireError {
  const why = (() => {
    switch (code) {
      case 'not-found':
        return 'the folder does not exist. It may have been moved or deleted.';
      case 'not-a-directory':
        return 'it is a file, not a folder. Open the folder that holds it.';
      case 'permission-denied':
        return 'permission denied. Check that you are allowed to read this folder.';
      default:
        return `${systemDetail(cause)}.`;
    }
  })();
  return { code, message: `Cannot open the folder ${path}: ${why}` };
}

export function systemDetail(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return `the system reported "${text}"`;
}
