import type { ErrorCode } from '../../app/contract.js';

/** The `code` of a Node system error ("ENOENT"), or undefined for anything else. */
export function errnoOf(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') {
    return err.code;
  }
  return undefined;
}

/** Maps a Node system error to the contract's error code; anything unexpected is `internal`. */
export function errorCodeOf(err: unknown): ErrorCode {
  switch (errnoOf(err)) {
    case 'ENOENT':
      return 'not-found';
    case 'EACCES':
    case 'EPERM':
      return 'permission-denied';
    case 'EISDIR':
      return 'is-directory';
    case 'ENOTDIR':
      return 'not-a-directory';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'disk-full';
    case 'EROFS':
      return 'read-only-fs';
    case 'EFBIG':
      return 'too-large';
    default:
      return 'internal';
  }
}
