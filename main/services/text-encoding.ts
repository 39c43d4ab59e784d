import type { Eol, TextFormat } from '../../app/contract.js';

const UTF8_BOM = Uint8Array.of(0xef, 0xbb, 0xbf);
/** How far into a file a NUL byte marks it as binary; the same window git and grep use. */
const BINARY_SNIFF_BYTES = 8 * 1024;

/** Why bytes were not opened as text. */
export type TextRefusal = 'nul-bytes' | 'utf16' | 'utf32' | 'not-utf8';

export type DecodedText =
  | { ok: true; text: string; format: TextFormat }
  | { ok: false; refusal: TextRefusal };

/**
 * Turns a file's bytes into editor text, or says why they are not UTF-8 text.
 * The text keeps its line endings exactly; only a leading UTF-8 BOM is removed (and reported
 * in the format so saving writes it back).
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const foreignBom = foreignByteOrderMark(bytes);
  if (foreignBom) return { ok: false, refusal: foreignBom };
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { ok: false, refusal: 'nul-bytes' };

  const bom = startsWith(bytes, UTF8_BOM);
  // ignoreBOM keeps a second BOM (EF BB BF EF BB BF) in the text, so it survives a save.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let text: string;
  try {
    text = decoder.decode(bom ? bytes.subarray(UTF8_BOM.length) : bytes);
  } catch {
    return { ok: false, refusal: 'not-utf8' };
  }
  return { ok: true, text, format: { bom, eol: detectEol(text) } };
}

/** The bytes to write for editor text: the BOM if the format has one, then the UTF-8 text as is. */
export function encodeText(text: string, format: TextFormat): Buffer {
  const body = Buffer.from(text, 'utf8');
  return format.bom ? Buffer.concat([UTF8_BOM, body]) : body;
}

/** CRLF when "\r\n" occurs at least as often as a lone "\n"; LF otherwise, and for text without line breaks. */
export function detectEol(text: string): Eol {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 0x0d) crlf++;
    else lf++;
  }
  return crlf > 0 && crlf >= lf ? 'CRLF' : 'LF';
}

function foreignByteOrderMark(bytes: Uint8Array): 'utf16' | 'utf32' | undefined {
  // UTF-32 LE starts like UTF-16 LE (FF FE), so it is checked first.
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    return 'utf32';
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return 'utf16';
  return undefined;
}

function startsWith(bytes: Uint8Array, prefix: ArrayLike<number>): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    if (bytes[i] !== prefix[i]) return false;
  }
  return true;
}
