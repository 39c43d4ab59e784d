import type { Eol } from '../../../app/contract.js';

export function eolString(eol: Eol): string {
  return eol === 'CRLF' ? '\r\n' : '\n';
}

/** The text with every line ending made `eol`, as a Monaco model holds it. */
export function withLineEndings(text: string, eol: Eol): string {
  return text.replace(/\r\n|\r|\n/g, eolString(eol));
}

/** The line ending new documents get: the platform's own. */
export function defaultEol(platform: string | undefined): Eol {
  return platform === 'win32' ? 'CRLF' : 'LF';
}
