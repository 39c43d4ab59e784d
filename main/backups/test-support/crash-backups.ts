import type { Backup } from '../../../app/workspace-contract.js';

/** The key every backup of the kill test is written under. */
export const CRASH_KEY = 'crash';

/**
 * Backup number `n` of the kill test: a large text (so that a write takes long enough to be
 * killed in the middle) that differs from every other number's all the way through, with `n`
 * in the tab name so the text read back can be checked against the one written.
 */
export function crashBackup(n: number, megabytes: number): Backup {
  const line = `backup ${n}: unsaved text — ünïcödé ✓\r\n`;
  return {
    meta: {
      key: CRASH_KEY,
      path: null,
      name: `crash-${n}`,
      languageId: 'plaintext',
      eol: 'CRLF',
      bom: false,
      cursor: { lineNumber: 1, column: 1 },
      diskStamp: null,
      tabIndex: 0,
      backedUpAt: n,
    },
    text: line.repeat(Math.ceil((megabytes * 1024 * 1024) / line.length)),
  };
}
