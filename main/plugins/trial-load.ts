/**
 * Trial-loads plugin files the way Quire would, then stops them: what `quire doctor`
 * reports, and what a plugin author's CI runs. Files are first inspected here in main (no
 * code runs), so a folder of a thousand unrelated libraries costs no process starts; only
 * files that look like plugins get a real host process, with init.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { PluginDescriptor, PluginFailureCode } from '../../app/plugin-contract.js';
import { inspectFile } from '../plugin-host/inspect/index.js';
import { PluginHost, type PluginHostOptions } from './plugin-host.js';

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

export async function trialLoad(file: string, options: PluginHostOptions): Promise<TrialReport> {
  const started = performance.now();
  const target = await realpath(file).catch(() => file);
  const inspection = await inspectFile(target);
  if (!inspection.ok) {
    return { path: file, status: 'refused', code: inspection.code, message: inspection.message, plugin: null, contributions: null, loadMs: Math.round(performance.now() - started) };
  }
  const started2 = performance.now();
  const host = await PluginHost.start(target, options);
  const loadMs = Math.round(performance.now() - started2);
  if (!host.ok) {
    return { path: file, status: 'failed', code: host.failure.code, message: host.failure.message, plugin: null, contributions: null, loadMs };
  }
  const descriptor = host.value.descriptor as PluginDescriptor;
  await host.value.stop();
  return { path: file, status: 'loaded', code: null, message: 'Loaded and initialised; stopped cleanly.', ...summary(descriptor), loadMs };
}
