/**
 * The sentences people read when a file operation fails. Each names the file, says what is
 * wrong and what to do next; the code beside it is what callers branch on.
 */
import type { ErrorCode, QuireError } from '../../app/contract.js';
import type { TextRefusal } from './text-encoding.js';

const TEXT_KEPT = 'Your text is still open in the editor.';

/** `cause` is the system error behind the code, quoted when the code alone explains nothing. */
export function openError(path: string, code: ErrorCode, cause?: unknown): QuireError {
  return { code, message: openMessage(path, code, cause) };
}

function openMessage(path: string, code: ErrorCode, cause: unknown): string {
  switch (code) {
    case 'not-found':
      return `Cannot open ${path}: the file does not exist. It may have been moved or deleted.`;
    case 'permission-denied':
      return `Cannot open ${path}: permission denied. Check that you are allowed to read this file.`;
    case 'is-directory':
      return `Cannot open ${path}: it is a folder, not a file. Choose a file inside it.`;
    case 'not-a-directory':
      return `Cannot open ${path}: part of the path is a file, not a folder. Check the path.`;
    case 'unsupported':
      return `Cannot open ${path}: it is not a regular file (it is a device, pipe or socket), and Quire opens text files only.`;
    default:
      return `Cannot open ${path}: ${systemDetail(cause)}.`;
  }
}

export function openRefusal(path: string, refusal: TextRefusal): QuireError {
  switch (refusal) {
    case 'nul-bytes':
      return {
        code: 'binary',
        message: `Cannot open ${path}: it looks like a binary file (it contains NUL bytes), and Quire edits text only.`,
      };
    case 'utf16':
    case 'utf32': {
      const encoding = refusal === 'utf16' ? 'UTF-16' : 'UTF-32';
      return {
        code: 'binary',
        message: `Cannot open ${path}: it is encoded as ${encoding}, and Quire opens UTF-8 text only. Convert it to UTF-8 (for example with iconv) and open it again.`,
      };
    }
    case 'not-utf8':
      return {
        code: 'not-utf8',
        message: `Cannot open ${path}: it is not valid UTF-8 text. Convert it to UTF-8 (for example with iconv) and open it again.`,
      };
  }
}

export function openTooLarge(path: string, size: number, limit: number): QuireError {
  return {
    code: 'too-large',
    message: `Cannot open ${path}: it is ${formatSize(size)}, and Quire opens text files of at most ${formatSize(limit)}.`,
  };
}

/** `folder` is where the save was going: the directory that must exist and be writable. */
export function saveError(path: string, folder: string, code: ErrorCode, cause?: unknown): QuireError {
  return { code, message: saveMessage(path, folder, code, cause) };
}

function saveMessage(path: string, folder: string, code: ErrorCode, cause: unknown): string {
  switch (code) {
    case 'permission-denied':
      return `Cannot save ${path}: permission denied. Check that you can write to ${folder}, or use Save As to save elsewhere. ${TEXT_KEPT}`;
    case 'not-found':
      return `Cannot save ${path}: the folder ${folder} no longer exists. Use Save As to choose another place. ${TEXT_KEPT}`;
    case 'is-directory':
      return `Cannot save ${path}: it is a folder. Use Save As to choose a file name. ${TEXT_KEPT}`;
    case 'not-a-directory':
      return `Cannot save ${path}: part of the path is a file, not a folder. Use Save As to choose another place. ${TEXT_KEPT}`;
    case 'disk-full':
      return `Cannot save ${path}: the disk is full. Free some space and save again, or use Save As to save elsewhere. The file on disk is unchanged. ${TEXT_KEPT}`;
    case 'read-only-fs':
      return `Cannot save ${path}: the file system is read-only. Use Save As to save elsewhere. ${TEXT_KEPT}`;
    case 'unsupported':
      return `Cannot save ${path}: it is not a regular file (it is a device, pipe or socket), so Quire does not replace it. Use Save As to save elsewhere. ${TEXT_KEPT}`;
    default:
      return `Cannot save ${path}: ${systemDetail(cause)}. The file on disk is unchanged. ${TEXT_KEPT}`;
  }
}

export function saveTooLarge(path: string, size: number, limit: number): QuireError {
  return {
    code: 'too-large',
    message: `Cannot save ${path}: the text is ${formatSize(size)}, and Quire saves files of at most ${formatSize(limit)}. ${TEXT_KEPT}`,
  };
}

export function listError(path: string, code: ErrorCode, cause?: unknown): QuireError {
  return { code, message: listMessage(path, code, cause) };
}

function listMessage(path: string, code: ErrorCode, cause: unknown): string {
  switch (code) {
    case 'not-found':
      return `Cannot list ${path}: the folder does not exist. Check the path.`;
    case 'permission-denied':
      return `Cannot list ${path}: permission denied. Check that you are allowed to read this folder.`;
    case 'not-a-directory':
      return `Cannot list ${path}: it is a file, not a folder. Open it instead, or list the folder that contains it.`;
    default:
      return `Cannot list ${path}: ${systemDetail(cause)}.`;
  }
}

const KIB = 1024;
const MIB = 1024 * KIB;

/** "50 MiB", "1.5 MiB", "12 KiB", "10 bytes". */
export function formatSize(bytes: number): string {
  if (bytes >= MIB) return `${trimmed(bytes / MIB)} MiB`;
  if (bytes >= KIB) return `${trimmed(bytes / KIB)} KiB`;
  return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
}

function trimmed(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function systemDetail(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return `the system reported "${text}"`;
}
