import type { DiagnosticSeverity } from '../../../app/plugin-contract.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, kindOfFile, namedFile, processIo, readFile, runHeadless, type HeadlessIo } from './headless-session.js';
import { TextPositions } from './text-positions.js';

export const LINT_USAGE = `Usage: quire lint [--json] [options] FILE...

Runs the linters of the plugins that lint each file's language (chosen by the file's name
exactly as the editor chooses it) and prints their diagnostics, one per line:

  path:line:column: severity code message

with the path as given, line and column counted from 1 (columns in UTF-16 code units, as
the editor counts them), severity one of error, warning, info, hint, and "-" for a
diagnostic without a code. Nothing is changed.

Exit status: 0 when no linter reported an error (warnings and notes alone are fine); 1 when
one did, a linter failed on a file (crash, timeout, bad result: printed with its failure
code, apart from the diagnostics), or a file could not be read; 2 for bad usage, or when no
plugin lints a file's language.

Options:
  --json                print a JSON array of {path, line, column, endLine, endColumn,
                        severity, code, message, plugin, linter} instead
  --plugins-dir DIR     also load plugins from DIR (repeatable; relative to the current folder)
  --config-dir DIR      Quire's config folder (default ~/.config/Quire)
  --trust-plugins MODE  ask, signed-only or all, for this run (see quire format --help)
  -h, --help            show this help`;

const SPEC = { name: 'lint', usage: LINT_USAGE, flag: 'json' } as const;

export interface LintLine {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: DiagnosticSeverity;
  code: string | null;
  message: string;
  /** The plugin id. */
  plugin: string;
  /** The linter's id within its plugin. */
  linter: string;
}

export async function runLint(argv: string[], io: HeadlessIo = processIo()): Promise<number> {
  return runHeadless(
    SPEC,
    argv,
    io,
    async (args, plugins, report) => {
      let code = EXIT_OK;
      const fail = (next: number) => (code = Math.max(code, next));
      const all: LintLine[] = [];
      for (const shown of args.files) {
        const file = namedFile(shown, io.cwd);
        const opened = await readFile(file, report);
        if (!opened) {
          fail(EXIT_PROBLEMS);
          continue;
        }
        const { languageId, linters } = plugins.choose(file.absolute);
        if (linters.length === 0) {
          report.nothingHandles(`${file.shown}: no plugin lints ${kindOfFile(file, languageId)}.`);
          fail(EXIT_USAGE);
          continue;
        }
        const positions = new TextPositions(opened.text);
        const lines: LintLine[] = [];
        for (const active of linters) {
          const outcome = await plugins.call(active.pluginId, 'lint', active.linter.id, { text: opened.text, languageId, path: file.absolute });
          if (!outcome.ok) {
            report.pluginFailed(file, `the linter "${active.linter.name}" of ${active.pluginName} (${active.pluginId})`, outcome.failure);
            fail(EXIT_PROBLEMS);
            continue;
          }
          for (const diagnostic of outcome.value.diagnostics) {
            const start = positions.at(diagnostic.start);
            const end = positions.at(diagnostic.end);
            lines.push({
              path: file.shown,
              line: start.line,
              column: start.column,
              endLine: end.line,
              endColumn: end.column,
              severity: diagnostic.severity,
              code: diagnostic.code,
              message: diagnostic.message,
              plugin: active.pluginId,
              linter: active.linter.id,
            });
          }
        }
        // Stable: diagnostics at one place keep their linters' order.
        lines.sort((a, b) => a.line - b.line || a.column - b.column);
        all.push(...lines);
        if (lines.some((line) => line.severity === 'error')) fail(EXIT_PROBLEMS);
      }
      if (args.flag) io.out(JSON.stringify(all, null, 2));
      else {
        for (const line of all) io.out(textLine(line));
        if (all.length > 0) io.err(`quire lint: ${summary(all)}.`);
      }
      return code;
    },
    (args) => (args.files.length === 0 ? 'name at least one file to lint.' : null),
  );
}

/** `path:line:col: severity code message`, on one line whatever the message holds. */
export function textLine(line: LintLine): string {
  return `${line.path}:${line.line}:${line.column}: ${line.severity} ${line.code ?? '-'} ${line.message.replace(/\s*[\r\n]+\s*/g, ' ')}`;
}

function summary(lines: LintLine[]): string {
  const count = (severity: DiagnosticSeverity, word: string) => {
    const n = lines.filter((line) => line.severity === severity).length;
    return n === 0 ? [] : [`${n} ${word}${n === 1 ? '' : 's'}`];
  };
  const files = new Set(lines.map((line) => line.path)).size;
  const parts = [...count('error', 'error'), ...count('warning', 'warning'), ...count('info', 'note'), ...count('hint', 'hint')];
  return `${parts.join(', ')} in ${files} file${files === 1 ? '' : 's'}`;
}
