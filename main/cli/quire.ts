import { isDesktopOption } from './args.js';
import { runDesktop } from './desktop-command.js';
import { runDoctor } from './doctor-command.js';
import { runFormat } from './headless/format-command.js';
import { runLint } from './headless/lint-command.js';
import { runRun } from './headless/run-command.js';
import { packageVersion } from './install-paths.js';
import { runNewPlugin } from './new-plugin-command.js';
import { runServe } from './serve-command.js';

interface Subcommand {
  usage: string;
  summary: string;
  run(argv: string[]): Promise<number>;
}

/** Every subcommand, in the order `quire --help` lists them. */
const SUBCOMMANDS: Record<string, Subcommand> = {
  serve: {
    usage: 'quire serve [--host H] [--port N] [--plugins-dir DIR]... [--disable-plugins] [FILE|DIR ...]',
    summary: 'Serve the browser edition on loopback and print its URL',
    run: runServe,
  },
  format: {
    usage: 'quire format [--check] [--plugins-dir DIR]... FILE...',
    summary: 'Format files in place with their plugins, as the editor would; --check only lists what would change',
    run: (argv) => runFormat(argv),
  },
  lint: {
    usage: 'quire lint [--json] [--plugins-dir DIR]... FILE...',
    summary: 'Print the plugins\' diagnostics as path:line:col: severity code message; exit 1 on errors',
    run: (argv) => runLint(argv),
  },
  run: {
    usage: 'quire run [--plugins-dir DIR]... COMMAND-ID FILE...',
    summary: 'Apply a plugin command to files (quire run --list lists them)',
    run: (argv) => runRun(argv),
  },
  doctor: {
    usage: 'quire doctor [--json | --watch] PATH... | --folders',
    summary: 'Trial-load plugins and explain every failure; --watch shows live state and accounting; --folders lists the plugins folders',
    run: runDoctor,
  },
  'new-plugin': {
    usage: 'quire new-plugin NAME [--lang c|cpp|rust|go] [--dir DIR]',
    summary: 'Write a small plugin project that builds as it is (see "Writing a plugin" in the README)',
    run: (argv) => runNewPlugin(argv),
  },
  help: {
    usage: 'quire help',
    summary: 'Show this help',
    run: async () => {
      console.log(helpText());
      return 0;
    },
  },
};

function helpText(): string {
  const rows: [string, string][] = [
    ['quire [--plugins-dir DIR]... [--disable-plugins] [DIR] [FILE ...]', 'Open a folder and files in the desktop app (the browser edition where Electron is unavailable)'],
    ...Object.values(SUBCOMMANDS).map((c): [string, string] => [c.usage, c.summary]),
  ];
  const width = Math.max(...rows.map(([usage]) => usage.length)) + 2;
  return [
    `Quire ${packageVersion()} — a text editor whose features come from native plugins`,
    '',
    'Usage:',
    ...rows.map(([usage, summary]) => `  ${usage.padEnd(width)}${summary}`),
    '',
    'Options: -h, --help (also after a subcommand), -v, --version',
    'Safe mode: --disable-plugins starts Quire with no plugin loaded; enable them one at a time in the Plugins panel.',
    'Paths (FILE, DIR, --plugins-dir) are relative to the current directory.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h') return SUBCOMMANDS.help!.run(rest);
  if (first === '--version' || first === '-v') {
    console.log(packageVersion());
    return 0;
  }
  const subcommand = first === undefined ? undefined : SUBCOMMANDS[first];
  if (subcommand) return subcommand.run(rest);
  if (first?.startsWith('-') && first !== '--' && !isDesktopOption(first)) {
    console.error(`quire: unknown option ${first}\n\n${helpText()}`);
    return 2;
  }
  return runDesktop(argv);
}
