/**
 * One regular expression judged by recheck (https://github.com/makenowjust-labs/recheck), a
 * maintained ReDoS checker: automata theory where the pattern allows it, fuzzing otherwise.
 *
 * recheck's `check` is asynchronous and runs off this thread: its fastest backend is a native
 * agent process (the `recheck-linux-x64` optional package, a few ms per pattern), and where that
 * binary is missing it falls back to a worker thread running its JavaScript build. Never
 * `checkSync`: in main that would stall every window while a pattern is analysed.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Diagnostics } from 'recheck';

export type RegexVerdict =
  | { kind: 'safe' }
  | { kind: 'exponential'; summary: string; attack: string }
  | { kind: 'polynomial'; degree: number; summary: string; attack: string }
  /** recheck could not decide in time, or does not support the pattern: not proven safe. */
  | { kind: 'unknown'; reason: string };

/** recheck's own budget per pattern; the patterns of real grammars take 1–20 ms. */
export const CHECK_TIMEOUT_MS = 2_000;
/**
 * Our hard stop, should the agent process itself stop answering. Generous, because it also
 * counts time queued behind other plugins' checks, which recheck's own timeout does not.
 */
const HARD_STOP_MS = 10_000;

let backendChosen = false;

/**
 * recheck is loaded on first use, not at startup: its JavaScript build is 2.8 MB, 100–200 ms
 * of compiling that would otherwise delay `quire serve`'s URL and the desktop window.
 */
let recheck: Promise<typeof import('recheck')> | undefined;
function loadRecheck(): Promise<typeof import('recheck')> {
  recheck ??= import('recheck');
  return recheck;
}

/**
 * In the packaged app node_modules sits inside app.asar, which processes cannot be spawned
 * from: point recheck at the unpacked copy of its native agent (electron-builder's asarUnpack
 * keeps one beside the archive). Elsewhere recheck finds the binary itself.
 */
function chooseBackend(): void {
  if (backendChosen) return;
  backendChosen = true;
  if (process.env['RECHECK_BIN']) return;
  try {
    const binary = createRequire(import.meta.url)
      .resolve(`recheck-${process.platform === 'darwin' ? 'macos' : process.platform === 'win32' ? 'windows' : 'linux'}-${process.arch}/package.json`)
      .replace(/package\.json$/, process.platform === 'win32' ? 'recheck.exe' : 'recheck');
    const unpacked = binary.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
    if (unpacked !== binary && existsSync(unpacked)) process.env['RECHECK_BIN'] = unpacked;
  } catch {
    // No native agent for this platform: recheck uses its worker-thread backend.
  }
}

/** A short, readable attack: recheck's JavaScript expression for it (`'a'.repeat(31) + '!'`). */
function attackOf(diagnostics: Diagnostics & { status: 'vulnerable' }): string {
  const pattern = diagnostics.attack.pattern;
  return pattern.length > 200 ? `${pattern.slice(0, 200)}…` : pattern;
}

function verdictOf(diagnostics: Diagnostics): RegexVerdict {
  switch (diagnostics.status) {
    case 'safe':
      return { kind: 'safe' };
    case 'vulnerable': {
      const { complexity } = diagnostics;
      return complexity.type === 'exponential'
        ? { kind: 'exponential', summary: complexity.summary, attack: attackOf(diagnostics) }
        : { kind: 'polynomial', degree: complexity.degree, summary: complexity.summary, attack: attackOf(diagnostics) };
    }
    case 'unknown': {
      const { error } = diagnostics;
      const reason =
        error.kind === 'timeout' || error.kind === 'cancel'
          ? `the ReDoS checker could not finish within ${CHECK_TIMEOUT_MS} ms`
          : `the ReDoS checker cannot analyse it (${error.kind}: ${error.message})`;
      return { kind: 'unknown', reason };
    }
  }
}

/** Judges `source` with `flags`; never throws, never takes much longer than CHECK_TIMEOUT_MS. */
export async function judgeRegex(source: string, flags: string): Promise<RegexVerdict> {
  chooseBackend();
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const hardStop = new Promise<RegexVerdict>((resolve) => {
    timer = setTimeout(() => {
      abort.abort();
      resolve({ kind: 'unknown', reason: `the ReDoS checker did not answer within ${HARD_STOP_MS} ms` });
    }, HARD_STOP_MS);
  });
  try {
    const checked = loadRecheck()
      .then(({ check }) => check(source, flags, { timeout: CHECK_TIMEOUT_MS, signal: abort.signal }))
      .then(verdictOf, (error: unknown) => ({
      kind: 'unknown' as const,
      reason: `the ReDoS checker failed (${error instanceof Error ? error.message : String(error)})`,
    }));
    return await Promise.race([checked, hardStop]);
  } finally {
    clearTimeout(timer);
  }
}
