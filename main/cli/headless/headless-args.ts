/**
 * The command lines of `quire format`, `quire lint` and `quire run`: files, the flag of each
 * command, and the plugin options they share with the editor.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { TRUST_MODES, type TrustMode } from '../../../app/plugin-contract.js';
import { pluginsDirProblem } from '../args.js';

export interface HeadlessArgs {
  /** As typed (relative to the working directory or absolute): how output names them. */
  files: string[];
  /** The command's own switch: `--check` (format), `--json` (lint) or `--list` (run). */
  flag: boolean;
  /** Absolute. */
  pluginsDirs: string[];
  /** Absolute; undefined for the default config folder. */
  configDir: string | undefined;
  trustMode: TrustMode | undefined;
  help: boolean;
}

export type HeadlessArgsOutcome = { ok: true; value: HeadlessArgs } | { ok: false; message: string };

const isTrustMode = (value: string): value is TrustMode => (TRUST_MODES as readonly string[]).includes(value);

/**
 * Parses `argv` (after the subcommand). `flag` names the command's own boolean option, if it
 * has one. A `--plugins-dir` is taken from the working directory, as for every quire command,
 * and must be an existing folder: a mistyped one would otherwise just load nothing.
 */
export function parseHeadlessArgs(argv: string[], flag: 'check' | 'json' | 'list' | null, cwd: string): HeadlessArgsOutcome {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        ...(flag ? { [flag]: { type: 'boolean' as const, default: false } } : {}),
        'plugins-dir': { type: 'string', multiple: true, default: [] },
        'config-dir': { type: 'string' },
        'trust-plugins': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (cause) {
    return { ok: false, message: cause instanceof Error ? cause.message : String(cause) };
  }
  const { values, positionals } = parsed;
  const trust = values['trust-plugins'];
  if (typeof trust === 'string' && !isTrustMode(trust)) {
    return { ok: false, message: `--trust-plugins must be one of ${TRUST_MODES.join(', ')}, not "${trust}".` };
  }
  const pluginsDirs: string[] = [];
  for (const dir of values['plugins-dir'] as string[]) {
    const absolute = path.resolve(cwd, dir);
    const problem = pluginsDirProblem(dir, absolute, isDirectory);
    if (problem) return { ok: false, message: `${problem}.` };
    pluginsDirs.push(absolute);
  }
  const configDir = values['config-dir'];
  return {
    ok: true,
    value: {
      files: positionals,
      flag: flag ? (values as Record<string, unknown>)[flag] === true : false,
      pluginsDirs,
      configDir: typeof configDir === 'string' ? path.resolve(cwd, configDir) : undefined,
      trustMode: typeof trust === 'string' && isTrustMode(trust) ? trust : undefined,
      help: values.help === true,
    },
  };
}

function isDirectory(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}
