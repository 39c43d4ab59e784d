import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { TrustMode } from '../app/plugin-contract.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const STARTUP_DEADLINE_MS = 20_000;

export interface QuireServer {
  /** The printed URL, token included. */
  url: string;
  /** The origin without the token. */
  origin: string;
  process: ChildProcess;
  /** The config folder it was started with (settings, trusted keys, consent decisions). */
  configDir: string;
}

export interface StartOptions {
  files?: string[];
  pluginsDir?: string;
  /**
   * `--trust-plugins` for this run. `all` unless told, so tests about something else load
   * their test plugins without waiting for consent; null passes no flag, leaving it to the
   * config folder's settings.json (and Quire's default, `ask`).
   */
  trustPlugins?: TrustMode | null;
  /**
   * Files to write into the config folder before Quire starts, by path relative to it:
   * `{ 'trusted-keys/test.pub': key, 'settings.json': '{...}' }`.
   */
  configFiles?: Record<string, string | Uint8Array>;
  /** Environment variables for the server on top of this process's (`QUIRE_RIPGREP` to hide ripgrep). */
  env?: Record<string, string>;
  /** More options for `quire serve`, before the workspace and files (`['--disable-plugins']`). */
  args?: string[];
}

export interface QuireFixtures {
  /** A fresh temporary folder: the workspace the server starts in. */
  workspace: string;
  /**
   * Starts `quire serve` (the real CLI) on the workspace, opening `files` on start, loading
   * plugins from `pluginsDir` too (besides the bundled ones).
   */
  startQuire(options?: StartOptions): Promise<QuireServer>;
  /** Starts Quire, opens the page and waits until the editor UI is up. */
  openQuire(options?: StartOptions): Promise<QuireServer>;
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`quire serve printed no URL within ${STARTUP_DEADLINE_MS} ms:\n${output}`)), STARTUP_DEADLINE_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Quire is running at (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`quire serve exited with ${code}:\n${output}`));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function writeConfigFiles(configDir: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [relative, contents] of Object.entries(files)) {
    const target = path.resolve(configDir, relative);
    if (!target.startsWith(configDir + path.sep)) throw new Error(`configFiles: ${relative} is outside the config folder`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, contents);
  }
}

/** Fails the test on any console error or uncaught page error (Monaco's workers included). */
function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('worker', (worker) => {
    worker.on('console', (message) => {
      if (message.type() === 'error') errors.push(`worker console.error: ${message.text()}`);
    });
  });
  return errors;
}

export const test = base.extend<QuireFixtures & { pageErrors: string[] }>({
  workspace: async ({}, use) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'quire-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },

  pageErrors: async ({ page }, use) => {
    const errors = watchForErrors(page);
    await use(errors);
    expect(errors, 'the page logged errors').toEqual([]);
  },

  startQuire: async ({ workspace }, use) => {
    const children: ChildProcess[] = [];
    await use(async ({ files = [], pluginsDir, trustPlugins = 'all', configFiles = {}, env = {}, args: extraArgs = [] }: StartOptions = {}) => {
      const configDir = path.join(workspace, '.quire-config');
      await writeConfigFiles(configDir, configFiles);
      const plugins = pluginsDir ? ['--plugins-dir', pluginsDir] : [];
      const trust = trustPlugins === null ? [] : ['--trust-plugins', trustPlugins];
      const args = ['serve', '--port', '0', '--config-dir', configDir, ...trust, ...plugins, ...extraArgs, workspace, ...files];
      const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'quire.js'), ...args], {
        cwd: workspace,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      const url = await waitForUrl(child);
      return { url, origin: new URL(url).origin, process: child, configDir };
    });
    await Promise.all(children.map(stop));
  },

  openQuire: async ({ page, pageErrors, startQuire }, use) => {
    void pageErrors;
    await use(async (options) => {
      const server = await startQuire(options);
      await page.goto(server.url);
      await expect(page.getByRole('status')).toBeVisible();
      return server;
    });
    // Leave the page before the servers stop (this fixture is torn down first), so the
    // browser does not log the failed reconnect of a page whose server went away.
    await page.goto('about:blank');
  },
});

export { expect };

/** Focuses the editor and moves the cursor to the end of the document. */
export async function focusEditorAtEnd(page: Page): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+End');
}
