import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PluginStatus } from '../../app/plugin-contract.js';
import { childProcessLauncher } from '../plugins/host/host-launcher.js';
import { PluginService } from '../plugins/plugin-service.js';
import { hostEntryPath } from './install-paths.js';

const MB = 1024 * 1024;

function cell(value: number | null, format: (n: number) => string): string {
  return value === null ? '—' : format(value);
}

/** The live table: one row per file with its state and accounting, failures and recent log lines beneath. */
export function formatWatchTable(statuses: PluginStatus[]): string {
  const header = ['FILE', 'STATE', 'PLUGIN', 'PID', 'RSS', 'CPU', 'CALLS', 'FAILED', 'P50', 'P95'];
  const rows = statuses.map((s) => [
    path.basename(s.path),
    s.failure && s.state !== 'ready' ? `${s.state} (${s.failure.code})` : s.state,
    s.descriptor ? `${s.descriptor.id} ${s.descriptor.version}` : '',
    cell(s.stats.pid, String),
    cell(s.stats.rssBytes, (n) => `${(n / MB).toFixed(1)} MB`),
    cell(s.stats.cpuMs, (n) => `${(n / 1000).toFixed(2)} s`),
    String(s.stats.calls),
    String(s.stats.failures),
    cell(s.stats.medianCallMs, (n) => `${n.toFixed(1)} ms`),
    cell(s.stats.p95CallMs, (n) => `${n.toFixed(1)} ms`),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd();
  const out = [line(header)];
  statuses.forEach((status, i) => {
    out.push(line(rows[i] as string[]));
    if (status.failure && status.state !== 'ready') out.push(`    ${status.failure.message}`);
    for (const entry of status.log.slice(-3)) out.push(`    [${entry.source}] ${entry.text}`);
  });
  return out.join('\n');
}

/**
 * `quire doctor --watch FOLDER...`: runs the plugins in these folders under a real supervisor
 * and keeps a live table of their states and accounting, reloading as files change — for a
 * plugin author rebuilding in a loop. Settings go to a throwaway folder, so disabling or
 * quarantining here never touches the editor's own settings. Runs until Ctrl+C.
 */
export async function runDoctorWatch(folders: string[], log: (text: string) => void = console.log): Promise<number> {
  const resolved = folders.map((f) => path.resolve(f));
  const notFolder = resolved.find((f) => {
    try {
      return !statSync(f).isDirectory();
    } catch {
      return true;
    }
  });
  if (notFolder) {
    console.error(`quire doctor --watch: ${notFolder} is not a folder. --watch takes the folders to watch.`);
    return 2;
  }
  const configDir = mkdtempSync(path.join(os.tmpdir(), 'quire-doctor-watch-'));
  const service = await PluginService.start({
    folders: resolved.map((folder) => ({ path: folder, origin: 'command-line' as const })),
    configDir,
    launcher: childProcessLauncher,
    hostEntry: hostEntryPath(),
    // The author named these folders to run them: asking would only get in the way.
    trustMode: 'all',
  });
  const interactive = process.stdout.isTTY === true;
  let last = '';
  const render = () => {
    const table = formatWatchTable(service.statuses());
    if (table === last && !interactive) return;
    last = table;
    log(interactive ? `\x1b[2J\x1b[H${table}\n\nWatching ${resolved.join(', ')} — Ctrl+C to stop.` : `${table}\n`);
  };
  service.onChange(render);
  // Accounting (memory, CPU) changes without events: refresh it once a second.
  const timer = setInterval(render, 1000);
  render();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  clearInterval(timer);
  await service.stop();
  rmSync(configDir, { recursive: true, force: true });
  return 0;
}
