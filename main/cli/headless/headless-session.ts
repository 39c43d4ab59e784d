/**
 * What `quire format`, `quire lint` and `quire run` share: their output, exit codes, reading
 * and writing files through the editor's file service, and explaining a plugin that did not run.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { OpenedFile, TextFormat } from '../../../app/contract.js';
import type { PluginFailure, PluginStatus } from '../../../app/plugin-contract.js';
import { readTextFile, writeTextFile } from '../../services/file-service.js';
import { userDirectory } from '../args.js';
import { parseHeadlessArgs, type HeadlessArgs } from './headless-args.js';
import { HeadlessPlugins } from './headless-plugins.js';

/** Everything went as asked. */
export const EXIT_OK = 0;
/** A file would change (`--check`), has lint errors, or a plugin or the file system failed on it. */
export const EXIT_PROBLEMS = 1;
/** Bad usage, or nothing handles a file: no plugin for its format, no such command. */
export const EXIT_USAGE = 2;

/** Where a command writes, and the working directory its arguments are relative to. */
export interface HeadlessIo {
  cwd: string;
  out(line: string): void;
  err(line: string): void;
}

export const processIo = (): HeadlessIo => ({
  cwd: userDirectory(),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});

/** A file named on the command line: as typed (for output) and absolute (for reading). */
export interface NamedFile {
  shown: string;
  absolute: string;
}

export interface HeadlessCommandSpec {
  name: 'format' | 'lint' | 'run';
  usage: string;
  flag: 'check' | 'json' | 'list' | null;
}

/**
 * Parses the command line, starts the plugins, runs `body`, and stops every plugin whatever
 * happens. Usage errors exit 2 before any plugin starts.
 */
export async function runHeadless(
  spec: HeadlessCommandSpec,
  argv: string[],
  io: HeadlessIo,
  body: (args: HeadlessArgs, plugins: HeadlessPlugins, report: Reporter) => Promise<number>,
  checkArgs: (args: HeadlessArgs) => string | null,
): Promise<number> {
  const parsed = parseHeadlessArgs(argv, spec.flag, io.cwd);
  if (parsed.ok && parsed.value.help) {
    io.out(spec.usage);
    return EXIT_OK;
  }
  const problem = parsed.ok ? checkArgs(parsed.value) : parsed.message;
  if (!parsed.ok || problem) {
    io.err(`quire ${spec.name}: ${problem}\n\n${spec.usage}`);
    return EXIT_USAGE;
  }
  let plugins: HeadlessPlugins;
  try {
    plugins = await HeadlessPlugins.start(parsed.value);
  } catch (cause) {
    io.err(`quire ${spec.name}: the plugins could not be started: ${cause instanceof Error ? cause.message : String(cause)}`);
    return EXIT_PROBLEMS;
  }
  const report = new Reporter(spec.name, io, plugins);
  try {
    const code = await body(parsed.value, plugins, report);
    report.explainMissingPlugins();
    return code;
  } finally {
    await plugins.stop();
  }
}

export function namedFile(shown: string, cwd: string): NamedFile {
  return { shown, absolute: path.resolve(cwd, shown) };
}

/** Error lines prefixed with the command, and the one note about plugins that did not run. */
export class Reporter {
  private missing = false;

  constructor(
    private readonly command: string,
    private readonly io: HeadlessIo,
    private readonly plugins: HeadlessPlugins,
  ) {}

  error(message: string): void {
    this.io.err(`quire ${this.command}: ${message}`);
  }

  /** A file nothing handles: said now, and the plugins that did not run are listed at the end. */
  nothingHandles(message: string): void {
    this.error(message);
    this.missing = true;
  }

  /** A plugin's failure: which handler, its failure code and its message. */
  pluginFailed(file: NamedFile, what: string, failure: PluginFailure): void {
    this.error(`${file.shown}: ${what} failed [${failure.code}]: ${failure.message}`);
  }

  explainMissingPlugins(): void {
    if (!this.missing) return;
    for (const status of this.plugins.notRunning()) this.error(whyNotRunning(status, this.plugins.configDir));
  }
}

/** Why a plugin file is not running, and what makes it run without the editor. */
export function whyNotRunning(status: PluginStatus, configDir: string): string {
  const file = status.path;
  switch (status.state) {
    case 'awaiting-consent':
      return (
        `the plugin ${file} did not run: it waits for your consent, which a command without the editor cannot ask for. ` +
        'To run it here, pass --trust-plugins all (for this run), allow it once in the editor\'s Plugins panel (remembered for this exact file), ' +
        `or sign it with a key listed in ${path.join(configDir, 'trusted-keys')}. \`quire doctor ${file}\` checks that it loads.`
      );
    case 'denied':
      return `the plugin ${file} did not run: it was denied in the editor's Plugins panel. Allow it there to use it here.`;
    case 'disabled':
      return `the plugin ${file} did not run: it is disabled (settings.json's disabledPlugins). Enable it in the Plugins panel.`;
    default:
      return `the plugin ${file} did not run${status.failure ? ` [${status.failure.code}]: ${status.failure.message}` : ` (${status.state}).`}`;
  }
}

/** The file's text, or null after reporting why it cannot be read as text. */
export async function readFile(file: NamedFile, report: Reporter): Promise<OpenedFile | null> {
  const read = await readTextFile(file.absolute);
  if (read.ok) return read.value;
  report.error(read.error.message);
  return null;
}

/**
 * Writes `text` over the file atomically (the editor's save: a temporary file renamed over it),
 * unless the file changed on disk since it was read. True when written; false after reporting.
 */
export async function writeFile(file: NamedFile, opened: OpenedFile, text: string, report: Reporter): Promise<boolean> {
  const now = await stat(file.absolute).catch(() => null);
  if (!now || now.mtimeMs !== opened.stamp.mtimeMs || now.size !== opened.stamp.size) {
    report.error(`${file.shown} changed on disk while the plugin ran, so it was left as it is now. Run the command again.`);
    return false;
  }
  const format: TextFormat = opened.format;
  const written = await writeTextFile(file.absolute, text, format);
  if (written.ok) return true;
  // The file service words its messages for the editor (Save As, the text kept open); here only
  // what went wrong applies, and that the file is untouched.
  const reason = written.error.message.split(/(?<=\.) /)[0] ?? written.error.message;
  report.error(`${reason} The file is unchanged.`);
  return false;
}

/** ".csv files", or "files named Makefile" for a name without an extension. */
export function kindOfFile(file: NamedFile, languageId: string): string {
  const name = path.basename(file.absolute);
  const extension = path.extname(name);
  const kind = extension && extension !== name ? `${extension} files` : `files named ${name}`;
  return languageId === 'plaintext' ? kind : `${kind} (language "${languageId}")`;
}
