import path from 'node:path';
import { parseArgs } from 'node:util';
import { TRUST_MODES, type TrustMode } from '../../app/plugin-contract.js';

export interface DesktopArgs {
  files: string[];
  /** As given: relative ones resolve against Quire's install root (see pluginFolders). */
  pluginsDirs: string[];
  /** `--trust-plugins MODE`: overrides settings.json's plugins.trust for this run. */
  trustMode: TrustMode | undefined;
}

const isTrustMode = (value: string): value is TrustMode => (TRUST_MODES as readonly string[]).includes(value);

export interface ServeArgs {
  /** Loopback unless the user asked otherwise. */
  host: string;
  port: number;
  files: string[];
  /** The folder the quick-open box starts in: the first DIR given, else the working directory. */
  workspaceDir: string;
  configDir: string | undefined;
  /** As given: relative ones resolve against Quire's install root (see pluginFolders). */
  pluginsDirs: string[];
  trustMode: TrustMode | undefined;
}

export type ArgsOutcome<T> = { ok: true; value: T } | { ok: false; message: string };

function resolveAll(paths: string[], cwd: string): string[] {
  return paths.map((p) => path.resolve(cwd, p));
}

/**
 * The desktop app's command line: `quire [--plugins-dir DIR]... [FILE ...]`. Electron adds its
 * own switches (`--inspect`, `--no-sandbox`...), so other options are skipped, not fatal.
 */
export function parseDesktopArgs(argv: string[], cwd = process.cwd()): DesktopArgs {
  const files: string[] = [];
  const pluginsDirs: string[] = [];
  let trustMode: TrustMode | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--plugins-dir' && i + 1 < argv.length) pluginsDirs.push(argv[++i] as string);
    else if (arg.startsWith('--plugins-dir=')) pluginsDirs.push(arg.slice('--plugins-dir='.length));
    else if (arg === '--trust-plugins' && i + 1 < argv.length) trustMode = trustModeOf(argv[++i] as string) ?? trustMode;
    else if (arg.startsWith('--trust-plugins=')) trustMode = trustModeOf(arg.slice('--trust-plugins='.length)) ?? trustMode;
    else if (!arg.startsWith('-')) files.push(arg);
  }
  return { files: resolveAll(files, cwd), pluginsDirs, trustMode };
}

/** A desktop shortcut with a mistyped mode must still start: an unknown mode is ignored (settings.json's applies). */
function trustModeOf(value: string): TrustMode | undefined {
  return isTrustMode(value) ? value : undefined;
}

/** Whether `arg` is one of the desktop command line's own options. */
export function isDesktopOption(arg: string): boolean {
  return arg === '--plugins-dir' || arg.startsWith('--plugins-dir=') || arg === '--trust-plugins' || arg.startsWith('--trust-plugins=');
}

/**
 * The desktop command line again, for whatever runs instead (the Electron app, or the browser
 * edition when it cannot): each plugins folder, then the files after `--`.
 */
export function desktopArgv(args: DesktopArgs): string[] {
  const trust = args.trustMode ? ['--trust-plugins', args.trustMode] : [];
  return [...args.pluginsDirs.flatMap((dir) => ['--plugins-dir', dir]), ...trust, '--', ...args.files];
}

/** `quire serve [--host H] [--port N] [--config-dir DIR] [--plugins-dir DIR]... [--trust-plugins MODE] [FILE|DIR ...]` */
export function parseServeArgs(
  argv: string[],
  isDirectory: (p: string) => boolean,
  cwd = process.cwd(),
): ArgsOutcome<ServeArgs> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '0' },
        'config-dir': { type: 'string' },
        'plugins-dir': { type: 'string', multiple: true, default: [] },
        'trust-plugins': { type: 'string' },
      },
    });
  } catch (cause) {
    return { ok: false, message: cause instanceof Error ? cause.message : String(cause) };
  }
  const { values, positionals } = parsed;
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return { ok: false, message: `--port must be a number from 0 to 65535 (0 picks a free port), not "${String(values.port)}".` };
  }
  const trust = values['trust-plugins'];
  if (trust !== undefined && !isTrustMode(trust)) {
    return { ok: false, message: `--trust-plugins must be one of ${TRUST_MODES.join(', ')}, not "${trust}".` };
  }
  const host = values.host;
  const targets = resolveAll(positionals, cwd);
  const dirs = targets.filter(isDirectory);
  return {
    ok: true,
    value: {
      host,
      port,
      files: targets.filter((t) => !dirs.includes(t)),
      workspaceDir: dirs[0] ?? cwd,
      configDir: values['config-dir'] === undefined ? undefined : path.resolve(cwd, values['config-dir']),
      pluginsDirs: values['plugins-dir'],
      trustMode: trust,
    },
  };
}

