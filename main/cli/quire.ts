import { isDesktopOption } from './args.js';
import { runDesktop } from './desktop-command.js';
import { runDoctor } from './doctor-command.js';
import { packageVersion } from './install-paths.js';
import { runServe } from './serve-command.js';

interface Subcommand {
  usage: string;
  summary: string;
  run(argv: string[]): Promise<number>;
}

/** Every subcommand, in the order `quire --help` lists them. */
const SUBCOMMANDS: Record<string, Subcommand> = {
  serve: {
    usage: 'quire serve [--host H] [--port N] [--plugins-dir DIR]... [FILE|DIR ...]',
    summary: 'Serve the browser edition on loopback and print its URL',
    run: runServe,
  },
  doctor: {
    usage: 'quire doctor [--json | --watch] PATH...',
    summary: 'Trial-load plugins and explain every failure; --watch shows live state and accounting',
    run: runDoctor,
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
    ['quire [--plugins-dir DIR]... [FILE ...]', 'Open files in the desktop app (the browser edition where Electron is unavailable)'],
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
