/**
 * One matching line as the renderer gets it: without its line terminator, cut around the
 * first match when it is long (a minified file's single line must not flood the results
 * list), with match ranges in UTF-16 columns of the text sent.
 */
import type { SearchLineMatch } from '../../app/workspace-contract.js';

/** Lines longer than this many UTF-16 units are cut to this length. */
export const PREVIEW_LENGTH = 1000;
/** How much of a cut line is kept before its first match, for context. */
export const PREVIEW_LEAD = 100;

export type Range = [number, number];

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Drops a trailing `\n` or `\r\n`. */
export function withoutTerminator(line: string): string {
  if (line.endsWith('\r\n')) return line.slice(0, -2);
  if (line.endsWith('\n')) return line.slice(0, -1);
  return line;
}

/**
 * The line's preview. `ranges` are UTF-16 columns of the whole line, ascending; those that
 * start past a cut line's end are left out, and one running past it is clipped.
 */
export function previewLine(lineNumber: number, line: string, ranges: readonly Range[]): SearchLineMatch {
  if (line.length <= PREVIEW_LENGTH) return { line: lineNumber, text: line, textOffset: 0, ranges: ranges.map(([s, e]) => [s, e]) };
  let start = Math.max(0, (ranges[0]?.[0] ?? 0) - PREVIEW_LEAD);
  if (start > 0 && isLowSurrogate(line.charCodeAt(start))) start--;
  let end = Math.min(line.length, start + PREVIEW_LENGTH);
  if (end < line.length && isHighSurrogate(line.charCodeAt(end - 1))) end--;
  const kept: Range[] = [];
  for (const [s, e] of ranges) {
    if (s >= end) break;
    kept.push([s - start, Math.min(e, end) - start]);
  }
  return { line: lineNumber, text: line.slice(start, end), textOffset: start, ranges: kept };
}

/**
 * Converts UTF-8 byte offsets within `text` to UTF-16 offsets. The offsets must not go
 * down (ripgrep's submatch starts and ends, in order); the text is walked once, and only as
 * far as the last offset.
 */
export function utf8ToUtf16(text: string, byteOffsets: readonly number[]): number[] {
  const out: number[] = new Array(byteOffsets.length);
  let bytes = 0;
  let units = 0;
  for (let i = 0; i < byteOffsets.length; i++) {
    const target = byteOffsets[i] as number;
    while (bytes < target && units < text.length) {
      const code = text.charCodeAt(units);
      if (code < 0x80) {
        bytes += 1;
        units += 1;
      } else if (code < 0x800) {
        bytes += 2;
        units += 1;
      } else if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(units + 1))) {
        bytes += 4;
        units += 2;
      } else {
        bytes += 3;
        units += 1;
      }
    }
    out[i] = units;
  }
  return out;
}
