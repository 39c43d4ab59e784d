/**
 * The engine for machines without ripgrep: walks the folder in Node and matches each file's
 * lines with a JavaScript RegExp. Slower than ripgrep, but the same files, lines and columns
 * for plain text: binary files (a NUL byte) and files over the size limit are skipped, a
 * UTF-8 or UTF-16 byte-order mark is read as ripgrep reads it, CRLF line ends are not part of
 * a line.
 */
import { readFile, stat } from 'node:fs/promises';
import type { SearchLineMatch } from '../../app/workspace-contract.js';
import { previewLine, type Range } from './line-preview.js';
import { MAX_FILE_BYTES } from './ripgrep-args.js';
import type { SearchEngineRun } from './search-engine.js';
import { searchRegExp } from './search-regexp.js';
import { workspaceFiles } from './workspace-files.js';

/** Files read at once: enough to keep the disk busy while lines are matched. */
const CONCURRENCY = 4;

/** The file's text, or null when it is binary. */
function decodeFile(bytes: Buffer): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.toString('utf8', 3);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le', 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    return body.swap16().toString('utf16le');
  }
  return bytes.includes(0) ? null : bytes.toString('utf8');
}

/** Text matched between two turns of the event loop: a 50 MB file must not stall main for a second. */
const CHARS_PER_TURN = 1 << 20;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The lines of `text` that `regexp` (global) matches, with every match's range. Between
 * lines it lets the event loop run now and then, and stops early (with what it found) once
 * `signal` aborts.
 */
async function matchingLines(text: string, regexp: RegExp, signal: AbortSignal): Promise<SearchLineMatch[]> {
  const found: SearchLineMatch[] = [];
  let lineStart = 0;
  let lineNumber = 1;
  let nextPause = CHARS_PER_TURN;
  while (lineStart < text.length) {
    if (lineStart >= nextPause) {
      await nextTurn();
      if (signal.aborted) break;
      nextPause = lineStart + CHARS_PER_TURN;
    }
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const cut = lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    const line = text.slice(lineStart, cut);
    const ranges: Range[] = [];
    // The RegExp is shared by the files searched at once: each line is matched in one go.
    regexp.lastIndex = 0;
    for (let match = regexp.exec(line); match !== null; match = regexp.exec(line)) {
      ranges.push([match.index, match.index + match[0].length]);
      if (match[0].length === 0) regexp.lastIndex++;
    }
    if (ranges.length > 0) found.push(previewLine(lineNumber, line, ranges));
    lineStart = lineEnd + 1;
    lineNumber++;
  }
  return found;
}

async function readSearchable(file: string): Promise<string | null> {
  try {
    if ((await stat(file)).size > MAX_FILE_BYTES) return null;
    return decodeFile(await readFile(file));
  } catch {
    // Gone or unreadable since the walk saw it: ripgrep skips such a file too.
    return null;
  }
}

export const builtinSearch: SearchEngineRun = async (request, sink, signal) => {
  const compiled = searchRegExp(request.query);
  if (!compiled.ok) return { error: compiled.error };
  const { regexp } = compiled;
  // A plain-text query cannot span lines, so one pass over the whole file rules most files out.
  const wholeFileCheck = !request.query.isRegex;
  const files = workspaceFiles(request.folder, request.filter, signal);
  const worker = async () => {
    for (let next = await files.next(); !next.done && !signal.aborted; next = await files.next()) {
      const text = await readSearchable(next.value);
      if (text === null || signal.aborted) continue;
      regexp.lastIndex = 0;
      if (wholeFileCheck && !regexp.test(text)) continue;
      const lines = await matchingLines(text, regexp, signal);
      if (lines.length > 0 && !signal.aborted && !sink.add(next.value, lines)) return;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { error: null };
};
