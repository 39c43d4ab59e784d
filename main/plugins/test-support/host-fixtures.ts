/**
 * Shared setup for tests that start real plugin host processes on the real test plugins the
 * build compiles (dist/test-plugins). Every host launched through `launcher` is recorded, so a
 * test can prove none is left running afterwards.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { PluginDocument } from '../../../app/plugin-contract.js';
import type { HostSandbox } from '../host/host-command.js';
import { childProcessLauncher, type HostLauncher } from '../host/host-launcher.js';
import type { HostHandleOptions } from '../host/host-handle.js';
import { hostSandbox } from '../sandbox/host-sandbox.js';

export const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
export const HOST_ENTRY = path.join(ROOT, 'dist', 'main', 'plugin-host.cjs');
export const TEST_PLUGINS = path.join(ROOT, 'dist', 'test-plugins');
export const BUNDLED_PLUGINS = path.join(ROOT, 'dist', 'plugins');

export const testPlugin = (name: string) => path.join(TEST_PLUGINS, `${name}.so`);

/** Fails loudly when the build has not run, instead of every test failing obscurely. */
export function requireBuild(): void {
  if (!existsSync(HOST_ENTRY) || !existsSync(testPlugin('ok-basic'))) {
    throw new Error('The plugin host and test plugins are not built: run `npm run build` first (npm test does).');
  }
}

/** Process ids of live processes whose parent is this process and that run the host entry. */
export function liveHostPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may contain spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== process.pid) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('plugin-host')) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/** Waits (up to 5 s) for every host process of this runner to be gone; usable in any hook. */
export async function expectNoHostsLeft(): Promise<void> {
  const deadline = Date.now() + 5_000;
  let left = liveHostPids();
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    left = liveHostPids();
  }
  expect(left, 'plugin host processes still running').toEqual([]);
}

/**
 * The sandbox the editor gives its hosts, with `readable` folders (where a test keeps the
 * plugin files it loads directly) in place of the plugin store.
 */
export function testSandbox(readable: string = TEST_PLUGINS, memoryLimitBytes: number | null = 1024 * 1024 * 1024): HostSandbox | null {
  return hostSandbox('on', { hostEntry: HOST_ENTRY, storeDir: readable, memoryLimitBytes, requireSandbox: false });
}

export function hostOptions(overrides: Partial<HostHandleOptions> = {}, launcher: HostLauncher = childProcessLauncher): HostHandleOptions {
  return { launcher, hostEntry: HOST_ENTRY, sandbox: testSandbox(), ...overrides };
}

export function document(text: string, overrides: Partial<PluginDocument> = {}): PluginDocument {
  return { text, languageId: 'plaintext', path: '/tmp/doc.txt', selections: [{ start: 0, end: 0, active: 0 }], ...overrides };
}
