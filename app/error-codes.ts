/** Stable error codes of the renderer↔main API. Callers branch on the code; people read the message. */
export const ERROR_CODES = [
  'permission-denied',
  'not-found',
  'is-directory',
  'not-a-directory',
  'disk-full',
  'read-only-fs',
  'not-utf8',
  'binary',
  'too-large',
  'unsupported',
  'outside-workspace',
  'already-exists',
  'bad-request',
  'unknown-method',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
