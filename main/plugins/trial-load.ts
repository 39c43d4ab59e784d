/**
 * Trial-loads plugin files the way Quire would, then stops them: what `quire doctor`
 * reports, and what a plugin author's CI runs. Files are first inspected here in main (no
 * code runs), so a folder of a thousand unrelated libraries costs no process starts; only
 * files that look like plugins get a real host process, with init.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { PluginDescriptor, PluginFailureCode, PluginSigner, SandboxReport } from '../../app/plugin-contract.js';
import { HostHandle, type HostHandleOptions } from './host/host-handle.js';
import type { PluginAdmission } from './supervisor/plugin-admission.js';

export type TrialStatus = 'loaded' | 'refused' | 'failed';

export interface TrialReport {
  path: string;
  status: TrialStatus;
  code: PluginFailureCode | null;
  message: string;
  plugin: { id: string; name: string; version: string } | null;
  contributions: { commands: number; formats: number; linters: number } | null;
  /** Launch to ready, for loaded plugins; inspection time for refused files. */
  loadMs: number;
  /** SHA-256 of the bytes checked; null when the file could not be read. */
  sha256: string | null;
  /** Who signed it (NAME.so.minisig), if anyone. */
  signer: PluginSigner | null;
  /** How its host was confined, for loaded plugins. */
  sandbox: SandboxReport | null;
}

/** Expands files and directories (one level, sorted) into the files to check. */
export async function expandPluginPaths(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const given of paths) {
    const absolute = path.resolve(given);
    let isDirectory = false;
    try {
      isDirectory = (await stat(absolute)).isDirectory();
    } catch {
      // A missing or unreadable path is still reported, by inspection, as `unreadable`.
    }
    if (!isDirectory) {
      files.push(absolute);
      continue;
    }
    const entries = await readdir(absolute, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (!entry.isDirectory()) files.push(path.join(absolute, entry.name));
    }
  }
  return files;
}

function summary(descriptor: PluginDescriptor): Pick<TrialReport, 'plugin' | 'contributions'> {
  return {
    plugin: { id: descriptor.id, name: descriptor.name, version: descriptor.version },
    contributions: { commands: descriptor.commands.length, formats: descriptor.formats.length, linters: descriptor.linters.length },
  };
}

/**
 * Loads one file as Quire would: through the admission gate (private copy, inspection without
 * running it, signature) and then in a sandboxed host with exactly the capabilities its
 * manifest asks for. The caller's admission decides trust (`quire doctor` trusts what it is
 * pointed at, but still refuses a bad signature).
 */
export async function trialLoad(file: string, options: HostHandleOptions, admission: PluginAdmission): Promise<TrialReport> {
  const started = performance.now();
  const target = await realpath(file).catch(() => file);
  const unloaded = { plugin: null, contributions: null, sandbox: null };
  const admitted = await admission.admit(target, 'command-line');
  if (!admitted.ok) {
    const { code, message } = admitted.failure;
    return { path: file, status: 'refused', code, message, ...unloaded, loadMs: Math.round(performance.now() - started), sha256: null, signer: null };
  }
  const { sha256, privatePath, trust, runs, failure, capabilities } = admitted.value;
  const judged = { sha256, signer: trust.signer };
  if (!runs) {
    return { path: file, status: 'refused', code: failure?.code ?? 'untrusted', message: failure?.message ?? 'Quire may not run it.', ...unloaded, loadMs: Math.round(performance.now() - started), ...judged };
  }
  const launched = performance.now();
  const host = await HostHandle.start(privatePath, { ...options, grants: { capabilities, readFolders: [] } });
  const loadMs = Math.round(performance.now() - launched);
  if (!host.ok) {
    const message = host.failure.message.replaceAll(privatePath, file);
    return { path: file, status: 'failed', code: host.failure.code, message, ...unloaded, loadMs, ...judged };
  }
  const descriptor = host.value.descriptor as PluginDescriptor;
  const sandbox = host.value.sandbox;
  await host.value.stop();
  return { path: file, status: 'loaded', code: null, message: 'Loaded and initialised; stopped cleanly.', ...summary(descriptor), loadMs, ...judged, sandbox };
}
