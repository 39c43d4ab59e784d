import path from 'node:path';
import { parseArgs } from 'node:util';
import { childProcessLauncher } from '../plugins/host/host-launcher.js';
import { hostSandbox } from '../plugins/sandbox/host-sandbox.js';
import { PluginAdmission } from '../plugins/supervisor/plugin-admission.js';
import { expandPluginPaths, trialLoad, type TrialReport } from '../plugins/trial-load.js';
import { PluginStore } from '../plugins/trust/plugin-store.js';
import { resolveConfigDir } from '../services/config-dir.js';
import { runDoctorFolders } from './doctor-folders.js';
import { runDoctorWatch } from './doctor-watch.js';
import { hostEntryPath } from './install-paths.js';

export const DOCTOR_USAGE = `Usage: quire doctor [--json] PATH...
       quire doctor --watch FOLDER...
       quire doctor --folders [--json] [--plugins-dir DIR]...

Checks plugin files the way Quire loads them: inspects each file (refusing anything that is not
a plugin for this machine without running it), checks its signature (NAME.so.minisig) against
the keys in Quire's config folder, then loads it in a real, sandboxed plugin host process,
calls its init, and stops it. PATH is a plugin file or a folder of them. Naming a file is
consent to run it: doctor does not ask, but it still refuses a bad signature.

Exit status: 0 when every file loaded, 1 otherwise, 2 for bad usage.

With --watch, runs the plugins in the folders under Quire's real supervisor and keeps a live
table of each one's state, process, memory, CPU, calls and recent log, reloading as files
change, until Ctrl+C.

Options:
  --json       print an array of {path, status, code, message, plugin, contributions, loadMs,
               sha256, signer, sandbox}
  --watch      watch folders live (see above)
  --folders    list the folders Quire loads plugins from (bundled, yours in the config
               folder, --plugins-dir), whether each exists, and whether it is writable: an
               installed app's own folder is read-only, so your plugins go in yours
  -h, --help   show this help`;

function contributions(report: TrialReport): string {
  if (!report.contributions) return '';
  const { commands, formats, linters } = report.contributions;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return [plural(commands, 'command'), plural(formats, 'format'), plural(linters, 'linter')].join(', ');
}

/** Relative to the working directory when inside it; absolute otherwise. */
function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** A readable table: one row per file, its message wrapped beneath it. */
export function formatDoctorTable(reports: TrialReport[], cwd = process.cwd()): string {
  const rows = reports.map((r) => [
    displayPath(r.path, cwd),
    r.status,
    r.code ?? '',
    r.plugin ? `${r.plugin.id} ${r.plugin.version}` : '',
    contributions(r),
    `${r.loadMs} ms`,
  ]);
  const header = ['FILE', 'STATUS', 'CODE', 'PLUGIN', 'CONTRIBUTIONS', 'LOAD'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] as number)).join('  ').trimEnd();
  const out = [line(header)];
  reports.forEach((report, i) => {
    out.push(line(rows[i] as string[]));
    if (report.sha256) out.push(`    ${provenance(report)}`);
    if (report.status !== 'loaded') out.push(...wrap(report.message, 96).map((text) => `    ${text}`));
  });
  const loaded = reports.filter((r) => r.status === 'loaded').length;
  out.push('', `${loaded} of ${reports.length} file${reports.length === 1 ? '' : 's'} loaded.`);
  return out.join('\n');
}

/** "sha256 3f2a…  signed by 1A2B… (trusted)  sandboxed: Landlock 7, seccomp". */
function provenance(report: TrialReport): string {
  const signer = report.signer ? `signed by ${report.signer.keyId}${report.signer.trusted ? ' (trusted)' : ' (not a trusted key)'}` : 'unsigned';
  const { sandbox } = report;
  const confined = !sandbox
    ? ''
    : sandbox.state === 'sandboxed'
      ? `  sandboxed: Landlock ${sandbox.landlockAbi}, seccomp`
      : `  ${sandbox.state === 'off' ? 'not' : 'partly'} sandboxed: ${sandbox.reason ?? ''}`;
  return `sha256 ${report.sha256}  ${signer}${confined}`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines;
}

/** The editor's default limit, so a plugin that passes doctor fits in Quire. */
const DOCTOR_MEMORY_LIMIT = 1024 * 1024 * 1024;

export async function runDoctor(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        watch: { type: 'boolean', default: false },
        folders: { type: 'boolean', default: false },
        'plugins-dir': { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (cause) {
    console.error(`quire doctor: ${(cause as Error).message}\n\n${DOCTOR_USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(DOCTOR_USAGE);
    return 0;
  }
  if (parsed.values.folders) return runDoctorFolders(parsed.values['plugins-dir'], parsed.values.json);
  if (parsed.values['plugins-dir'].length > 0) {
    console.error(`quire doctor: --plugins-dir goes with --folders; to check the plugins in a folder, name the folder.\n\n${DOCTOR_USAGE}`);
    return 2;
  }
  if (parsed.positionals.length === 0) {
    console.error(`quire doctor: name at least one plugin file or folder.\n\n${DOCTOR_USAGE}`);
    return 2;
  }
  if (parsed.values.watch) return runDoctorWatch(parsed.positionals);
  const files = await expandPluginPaths(parsed.positionals);
  const store = await PluginStore.open();
  const configDir = resolveConfigDir();
  const admission = new PluginAdmission({ store, configDir, trustMode: async () => 'all' });
  const hostEntry = hostEntryPath();
  const sandbox = hostSandbox('on', { hostEntry, storeDir: store.dir, memoryLimitBytes: DOCTOR_MEMORY_LIMIT, requireSandbox: false });
  const reports: TrialReport[] = [];
  try {
    for (const file of files) {
      reports.push(await trialLoad(file, { launcher: childProcessLauncher, hostEntry, sandbox }, admission));
    }
  } finally {
    await store.close();
  }
  console.log(parsed.values.json ? JSON.stringify(reports, null, 2) : formatDoctorTable(reports));
  return reports.length > 0 && reports.every((r) => r.status === 'loaded') ? 0 : 1;
}
