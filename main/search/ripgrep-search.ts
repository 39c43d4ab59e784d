/**
 * The fast engine: ripgrep with `--json`, read as it streams. A file's lines are reported
 * when ripgrep says the file is done (it prints each file's messages together), or earlier
 * when they alone would pass the result limit. Aborting kills ripgrep; the run ends only once
 * the process has exited.
 */
import { spawn } from 'node:child_process';
import type { SearchLineMatch } from '../../app/workspace-contract.js';
import type { Ripgrep } from './find-ripgrep.js';
import { ripgrepArgs } from './ripgrep-args.js';
import { dataText, lineMatch, refusalMessage, type RipgrepMessage } from './ripgrep-messages.js';
import type { EngineEnd, SearchEngineRun } from './search-engine.js';

/** Enough of stderr to explain a refusal. */
const STDERR_LIMIT = 16 * 1024;

/** Calls `onLine` for each complete line of a stream of text chunks. */
function lineSplitter(onLine: (line: string) => void) {
  let parts: string[] = [];
  return {
    push(chunk: string) {
      let from = 0;
      let newline = chunk.indexOf('\n');
      while (newline !== -1) {
        const piece = chunk.slice(from, newline);
        onLine(parts.length > 0 ? parts.join('') + piece : piece);
        parts = [];
        from = newline + 1;
        newline = chunk.indexOf('\n', from);
      }
      if (from < chunk.length) parts.push(chunk.slice(from));
    },
    end() {
      if (parts.length > 0) onLine(parts.join(''));
      parts = [];
    },
  };
}

export function ripgrepSearch(ripgrep: Ripgrep): SearchEngineRun {
  return (request, sink, signal) =>
    new Promise<EngineEnd>((resolve) => {
      if (signal.aborted) return resolve({ error: null });
      // ripgrep anchors `/`-led globs to its working directory, not to the folder searched.
      const child = spawn(ripgrep.path, ripgrepArgs(request.folder, request.query, request.filter), {
        cwd: request.folder,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const kill = () => child.kill();
      signal.addEventListener('abort', kill, { once: true });
      let file: { path: string; lines: SearchLineMatch[]; count: number } | null = null;
      let summarized = false;
      let stderr = '';
      let spawnError: Error | null = null;

      const onMessage = (message: RipgrepMessage) => {
        if (message.type === 'match') {
          const line = lineMatch(message.data);
          if (!line) return;
          const path = dataText(message.data.path);
          if (file?.path !== path) file = { path, lines: [], count: 0 };
          file.lines.push(line);
          file.count += line.ranges.length;
          // Past the limit already: report now (the run keeps what fits and stops the search).
          if (file.count > sink.remaining()) sink.add(file.path, file.lines);
        } else if (message.type === 'end') {
          // A file with a NUL byte is binary: ripgrep reports the lines before it; Quire skips it whole.
          if (file && message.data.binary_offset === null) sink.add(file.path, file.lines);
          file = null;
        } else if (message.type === 'summary') {
          summarized = true;
        }
      };
      let unreadable: string | null = null;
      const lines = lineSplitter((text) => {
        if (signal.aborted || unreadable !== null || text.length === 0) return;
        try {
          onMessage(JSON.parse(text) as RipgrepMessage);
        } catch (cause) {
          // Not the JSON this ripgrep is known to print: stop rather than show wrong results.
          unreadable = `${cause instanceof Error ? cause.message : String(cause)} in "${text.slice(0, 120)}"`;
          kill();
        }
      });
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => lines.push(chunk));
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        if (stderr.length < STDERR_LIMIT) stderr += chunk;
      });
      child.on('error', (error) => {
        spawnError = error;
      });
      child.on('close', (code) => {
        signal.removeEventListener('abort', kill);
        lines.end();
        if (signal.aborted) return resolve({ error: null });
        if (unreadable !== null) {
          return resolve({ error: { code: 'internal', message: `Quire could not read ripgrep ${ripgrep.version}'s output (${unreadable}). Please report this.` } });
        }
        if (spawnError) {
          return resolve({ error: { code: 'internal', message: `ripgrep (${ripgrep.path}) could not be started: ${spawnError.message}.` } });
        }
        // 1 is "no match"; 2 after a summary means some files could not be read, and the rest was searched.
        if (code === 0 || code === 1 || (code === 2 && summarized)) return resolve({ error: null });
        if (code === 2) return resolve({ error: refusalMessage(stderr, request.query.pattern, request.query.isRegex) });
        const how = code === null ? 'killed by a signal' : `exit code ${code}`;
        resolve({ error: { code: 'internal', message: `ripgrep stopped unexpectedly (${how}): ${stderr.trim() || 'it said nothing'}.` } });
      });
    });
}
