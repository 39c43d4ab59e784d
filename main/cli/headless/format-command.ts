import { applyEdits, editsOfResult } from '../../../app/plugin-edits.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, kindOfFile, namedFile, processIo, readFile, runHeadless, writeFile, type HeadlessIo } from './headless-session.js';

export const FORMAT_USAGE = `Usage: quire format [--check] [options] FILE...

Formats each file in place with the formatter of the plugin that provides its format, chosen
by the file's name exactly as the editor chooses it. A file is rewritten atomically, and only
when formatting changes it; its encoding, byte order mark and line endings are kept.

With --check, nothing is written: each file that would change is printed, and the exit
status is 1 if there is any.

Exit status: 0 when every file is formatted (or, with --check, already was); 1 when a file
would change (--check), a plugin failed on a file, or a file could not be read or written;
2 for bad usage, or when no plugin formats a file's format.

Options:
  --check               change nothing; list the files that are not formatted
  --plugins-dir DIR     also load plugins from DIR (repeatable; relative to the current folder)
  --config-dir DIR      Quire's config folder (default ~/.config/Quire): settings.json, the
                        user's plugins folder, trusted keys and the answers given in the editor
  --trust-plugins MODE  ask, signed-only or all: overrides settings.json's plugins.trust for
                        this run. A plugin waiting for consent cannot be asked here: it does not
                        run unless allowed in the editor, signed, or run with --trust-plugins all.
  -h, --help            show this help`;

const SPEC = { name: 'format', usage: FORMAT_USAGE, flag: 'check' } as const;

export async function runFormat(argv: string[], io: HeadlessIo = processIo()): Promise<number> {
  return runHeadless(
    SPEC,
    argv,
    io,
    async (args, plugins, report) => {
      const check = args.flag;
      let code = EXIT_OK;
      const fail = (next: number) => (code = Math.max(code, next));
      let changed = 0;
      let unchanged = 0;
      for (const shown of args.files) {
        const file = namedFile(shown, io.cwd);
        const opened = await readFile(file, report);
        if (!opened) {
          fail(EXIT_PROBLEMS);
          continue;
        }
        const { languageId, formatter } = plugins.choose(file.absolute);
        if (!formatter) {
          report.nothingHandles(`${file.shown}: no plugin formats ${kindOfFile(file, languageId)}.`);
          fail(EXIT_USAGE);
          continue;
        }
        const outcome = await plugins.call(formatter.pluginId, 'format', formatter.format.id, { text: opened.text, languageId, path: file.absolute });
        if (!outcome.ok) {
          report.pluginFailed(file, `the ${formatter.format.name} formatter of ${formatter.pluginName} (${formatter.pluginId})`, outcome.failure);
          fail(EXIT_PROBLEMS);
          continue;
        }
        const edits = editsOfResult(outcome.value, opened.text);
        if (edits.length === 0) {
          unchanged++;
          continue;
        }
        if (check) {
          io.out(`would reformat ${file.shown}`);
          changed++;
          fail(EXIT_PROBLEMS);
        } else if (await writeFile(file, opened, applyEdits(opened.text, edits), report)) {
          io.out(`reformatted ${file.shown}`);
          changed++;
        } else {
          fail(EXIT_PROBLEMS);
        }
      }
      io.err(summary(check, changed, unchanged));
      return code;
    },
    (args) => (args.files.length === 0 ? 'name at least one file to format.' : null),
  );
}

function summary(check: boolean, changed: number, unchanged: number): string {
  const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
  const done = check ? `${files(changed)} would be reformatted` : `${files(changed)} reformatted`;
  return `quire format: ${done}, ${files(unchanged)} already formatted.`;
}
