import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { TRUST_MODES, type TrustMode } from '../../app/plugin-contract.js';

export interface DesktopArgs {
  files: string[];
  /** The first folder named (opened as the workspace); null when none was. */
  folder: string | null;
  /** Absolute: a relative one is resolved against the folder the command was typed in. */
  pluginsDirs: string[];
  /** `--trust-plugins MODE`: overrides settings.json's plugins.trust for this run. */
  trustMode: TrustMode | undefined;
  /** `--disable-plugins`: safe mode, no plugin loads unless the user enables it in the Plugins panel. */
  disablePlugins: boolean;
  /** Each `--plugins-dir` that is not a folder, as a message naming it (see pluginsDirProblem). */
  problems: string[];
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
  /** Absolute: a relative one is resolved against the folder the command was typed in. */
  pluginsDirs: string[];
  trustMode: TrustMode | undefined;
  disablePlugins: boolean;
}

/** `usage`: the command line is malformed, so the usage text helps; otherwise the message says it all. */
export type ArgsOutcome<T> = { ok: true; value: T } | { ok: false; message: string; usage: boolean };

function resolveAll(paths: string[], cwd: string): string[] {
  return paths.map((p) => path.resolve(cwd, p));
}

function isDirectoryOnDisk(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The folder the user typed the command in. `npm start -- …` and `npm run serve -- …` run Quire
 * in the package root and keep the user's folder in INIT_CWD. Only those two scripts' Quire
 * trusts it: INIT_CWD is inherited by everything npm starts (a test run's children included),
 * where it does not name the working directory of the command at hand.
 */
export function userDirectory(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const viaNpmScript = env.npm_lifecycle_event === 'start' || env.npm_lifecycle_event === 'serve';
  return viaNpmScript && env.INIT_CWD ? path.resolve(env.INIT_CWD) : cwd;
}

/** `--plugins-dir ./build: no such folder (/home/ann/p/build)` when `typed` does not name a folder; null when it does. */
export function pluginsDirProblem(typed: string, resolved: string, isDirectory: (p: string) => boolean): string | null {
  return isDirectory(resolved) ? null : `--plugins-dir ${typed}: no such folder (${resolved})`;
}

/**
 * The desktop app's command line: `quire [--plugins-dir DIR]... [--disable-plugins] [DIR] [FILE ...]`.
 * Electron adds its own switches (`--inspect`, `--no-sandbox`...), so other options are skipped,
 * not fatal. Paths are resolved against `cwd`, the folder the command was typed in.
 */
export function parseDesktopArgs(argv: string[], cwd = process.cwd(), isDirectory = isDirectoryOnDisk): DesktopArgs {
  const files: string[] = [];
  const pluginsDirs: string[] = [];
  let trustMode: TrustMode | undefined;
  let disablePlugins = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--disable-plugins') disablePlugins = true;
    else if (arg === '--plugins-dir' && i + 1 < argv.length) pluginsDirs.push(argv[++i] as string);
    else if (arg.startsWith('--plugins-dir=')) pluginsDirs.push(arg.slice('--plugins-dir='.length));
    else if (arg === '--trust-plugins' && i + 1 < argv.length) trustMode = trustModeOf(argv[++i] as string) ?? trustMode;
    else if (arg.startsWith('--trust-plugins=')) trustMode = trustModeOf(arg.slice('--trust-plugins='.length)) ?? trustMode;
    else if (!arg.startsWith('-')) files.push(arg);
  }
  const resolvedDirs = resolveAll(pluginsDirs, cwd);
  const problems = pluginsDirs.flatMap((typed, i) => pluginsDirProblem(typed, resolvedDirs[i] as string, isDirectory) ?? []);
  // As with `quire serve`: the first folder named is the workspace, the files open in tabs.
  const targets = resolveAll(files, cwd);
  const folders = targets.filter(isDirectory);
  return {
    files: targets.filter((target) => !folders.includes(target)),
    folder: folders[0] ?? null,
    pluginsDirs: resolvedDirs,
    trustMode,
    disablePlugins,
    problems,
  };
}

/** A desktop shortcut with a mistyped mode must still start: an unknown mode is ignored (settings.json's applies). */
function trustModeOf(value: string): TrustMode | undefined {
  return isTrustMode(value) ? value : undefined;
}

/** Whether `arg` is one of the desktop command line's own options. */
export function isDesktopOption(arg: string): boolean {
  return (
    arg === '--plugins-dir' ||
    arg.startsWith('--plugins-dir=') ||
    arg === '--trust-plugins' ||
    arg.startsWith('--trust-plugins=') ||
    arg === '--disable-plugins'
  );
}

/**
 * The desktop command line again, for whatever runs instead (the Electron app, or the browser
 * edition when it cannot): each plugins folder, then the files after `--`.
 */
export function desktopArgv(args: DesktopArgs): string[] {
  const trust = args.trustMode ? ['--trust-plugins', args.trustMode] : [];
  const safeMode = args.disablePlugins ? ['--disable-plugins'] : [];
  const folder = args.folder === null ? [] : [args.folder];
  return [...args.pluginsDirs.flatMap((dir) => ['--plugins-dir', dir]), ...trust, ...safeMode, '--', ...folder, ...args.files];
}

/** `quire serve [--host H] [--port N] [--config-dir DIR] [--plugins-dir DIR]... [--trust-plugins MODE] [--disable-plugins] [FILE|DIR ...]` */
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
        'disable-plugins': { type: 'boolean', default: false },
      },
    });
  } catch (cause) {
    return { ok: false, message: cause instanceof Error ? cause.message : String(cause), usage: true };
  }
  const { values, positionals } = parsed;
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return { ok: false, message: `--port must be a number from 0 to 65535 (0 picks a free port), not "${String(values.port)}".`, usage: true };
  }
  const trust = values['trust-plugins'];
  if (trust !== undefined && !isTrustMode(trust)) {
    return { ok: false, message: `--trust-plugins must be one of ${TRUST_MODES.join(', ')}, not "${trust}".`, usage: true };
  }
  const pluginsDirs = resolveAll(values['plugins-dir'], cwd);
  const missing = values['plugins-dir'].map((typed, i) => pluginsDirProblem(typed, pluginsDirs[i] as string, isDirectory)).find((problem) => problem !== null);
  if (missing) return { ok: false, message: missing, usage: false };
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
      pluginsDirs,
      trustMode: trust,
      disablePlugins: values['disable-plugins'],
    },
  };
}

