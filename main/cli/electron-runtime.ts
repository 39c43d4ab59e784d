import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type RuntimeLookup = { ok: true; executable: string } | { ok: false; reason: string };

/**
 * Finds the Electron runtime the `electron` package downloads at install time. The package
 * records the binary's path in `path.txt` once the download succeeded; without it only the
 * type definitions are there (this project denies the download so installs work offline).
 */
export function findElectronRuntime(root: string): RuntimeLookup {
  const packageDir = path.join(root, 'node_modules', 'electron');
  if (!existsSync(path.join(packageDir, 'package.json'))) {
    return { ok: false, reason: 'the electron package is not installed (run `npm install`)' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { ok: false, reason: 'the Electron runtime has not been downloaded' };
  const executable = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable)
    ? { ok: true, executable }
    : { ok: false, reason: `the Electron runtime is missing (${executable})` };
}

/** Tries the electron package's own installer once; fails fast where its server is unreachable. */
export function fetchElectronRuntime(root: string, timeoutMs = 120_000): { ok: boolean; detail: string } {
  const installer = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return { ok: false, detail: 'the electron package is not installed' };
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const run = spawnSync(process.execPath, [installer], { cwd: path.dirname(installer), env, timeout: timeoutMs, encoding: 'utf8' });
  const output = `${run.stderr ?? ''}${run.stdout ?? ''}`;
  const firstError = output.split('\n').find((line) => /error|ENOTFOUND|EAI_AGAIN|ECONN/i.test(line))?.trim();
  if (run.error) return { ok: false, detail: run.error.message };
  return run.status === 0 ? { ok: true, detail: '' } : { ok: false, detail: firstError ?? `installer exited with ${run.status}` };
}

/** Electron on Linux needs an X11 or Wayland display to open a window. */
export function hasDisplay(env: NodeJS.ProcessEnv = process.env, platform = process.platform): boolean {
  if (platform !== 'linux' && platform !== 'freebsd') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}
