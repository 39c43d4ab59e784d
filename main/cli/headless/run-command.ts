import type { CommandContribution, PluginDescriptor } from '../../../app/plugin-contract.js';
import { applyEdits, editsOfResult } from '../../../app/plugin-edits.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, namedFile, processIo, readFile, runHeadless, writeFile, type HeadlessIo, type Reporter } from './headless-session.js';

export const RUN_USAGE = `Usage: quire run [options] COMMAND-ID FILE...

Runs a plugin command on each file, as the editor's command palette runs it on a whole
document (no selection), and writes the result back atomically when it changes the file.
A message the command gives (a word count...) is printed.

COMMAND-ID is PLUGIN-ID/COMMAND (dev.quire.text-tools/sort-lines), or just COMMAND when
one plugin alone has it. \`quire run --list\` lists the commands of the plugins that run.

Exit status: 0 when the command ran on every file; 1 when a plugin failed on a file (its
failure code and message are printed; the file is untouched) or a file could not be read or
written; 2 for bad usage, or when no running plugin has the command.

Options:
  --list                list the commands (no COMMAND-ID or FILE then)
  --plugins-dir DIR     also load plugins from DIR (repeatable; relative to the current folder)
  --config-dir DIR      Quire's config folder (default ~/.config/Quire)
  --trust-plugins MODE  ask, signed-only or all, for this run (see quire format --help)
  -h, --help            show this help`;

const SPEC = { name: 'run', usage: RUN_USAGE, flag: 'list' } as const;

interface FoundCommand {
  plugin: PluginDescriptor;
  command: CommandContribution;
}

export async function runRun(argv: string[], io: HeadlessIo = processIo()): Promise<number> {
  return runHeadless(
    SPEC,
    argv,
    io,
    async (args, plugins, report) => {
      const ready = plugins.ready();
      if (args.flag) {
        for (const plugin of ready) for (const command of plugin.commands) io.out(`${plugin.id}/${command.id}  ${command.title}`);
        return EXIT_OK;
      }
      const [commandId, ...files] = args.files as [string, ...string[]];
      const found = findCommand(commandId, ready, report);
      if (!found) return EXIT_USAGE;
      const title = `"${found.command.title}" (${found.plugin.id}/${found.command.id})`;
      let code = EXIT_OK;
      for (const shown of files) {
        const file = namedFile(shown, io.cwd);
        const opened = await readFile(file, report);
        if (!opened) {
          code = EXIT_PROBLEMS;
          continue;
        }
        const { languageId } = plugins.choose(file.absolute);
        const outcome = await plugins.call(found.plugin.id, 'command', found.command.id, { text: opened.text, languageId, path: file.absolute });
        if (!outcome.ok) {
          report.pluginFailed(file, `the command ${title}`, outcome.failure);
          code = EXIT_PROBLEMS;
          continue;
        }
        if (outcome.value.message !== null) io.out(files.length > 1 ? `${file.shown}: ${outcome.value.message}` : outcome.value.message);
        const edits = editsOfResult(outcome.value, opened.text);
        if (edits.length > 0 && !(await writeFile(file, opened, applyEdits(opened.text, edits), report))) code = EXIT_PROBLEMS;
      }
      return code;
    },
    (args) => {
      if (args.flag) return args.files.length === 0 ? null : '--list takes no COMMAND-ID or FILE.';
      return args.files.length < 2 ? 'name a command and at least one file: quire run COMMAND-ID FILE...' : null;
    },
  );
}

/** The command `id` names among the running plugins; null after saying why there is none. */
function findCommand(id: string, ready: PluginDescriptor[], report: Reporter): FoundCommand | null {
  const slash = id.lastIndexOf('/');
  const pluginId = slash >= 0 ? id.slice(0, slash) : null;
  const commandId = id.slice(slash + 1);
  const matches = ready.flatMap((plugin) =>
    pluginId !== null && plugin.id !== pluginId ? [] : plugin.commands.filter((command) => command.id === commandId).map((command) => ({ plugin, command })),
  );
  if (matches.length === 1) return matches[0] as FoundCommand;
  if (matches.length > 1) {
    report.error(`several plugins have a command "${commandId}": ${matches.map((m) => `${m.plugin.id}/${m.command.id}`).join(', ')}. Name one of them.`);
    return null;
  }
  report.nothingHandles(`no running plugin has the command "${id}". \`quire run --list\` lists the commands there are.`);
  return null;
}
