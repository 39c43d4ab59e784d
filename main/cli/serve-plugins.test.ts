/**
 * `quire serve` as the main process with plugins: its plugin hosts end when it quits, and
 * when it is killed outright (SIGKILL: no chance to clean up), none survives it. A relative
 * --plugins-dir means what it means in the folder it was typed in, and --disable-plugins starts
 * no plugin at all (asked through the real WebSocket API, as the page asks).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WS_API_PATH, type ResponseMessage } from '../../app/contract.js';
import type { PluginFolderInfo, PluginStatus } from '../../app/plugin-contract.js';
import { decodeWireMessage } from '../../app/wire-frame.js';
import { requireBuild, ROOT, testPlugin } from '../plugins/test-support/host-fixtures.js';

let dirs: string[] = [];
let server: ChildProcess | null = null;

beforeAll(requireBuild);

afterEach(() => {
  server?.kill('SIGKILL');
  server = null;
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

function hostsOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === parent && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('plugin-host');
      } catch {
        return false;
      }
    })
    .map(Number);
}

const alive = (pid: number) => {
  try {
    return !readFileSync(`/proc/${pid}/status`, 'utf8').includes('State:\tZ');
  } catch {
    return false;
  }
};

async function serveWithPlugins(): Promise<{ child: ChildProcess; hosts: number[] }> {
  const plugins = mkdtempSync(path.join(os.tmpdir(), 'quire-serve-plugins-'));
  const config = mkdtempSync(path.join(os.tmpdir(), 'quire-serve-config-'));
  dirs.push(plugins, config);
  copyFileSync(testPlugin('ok-basic'), path.join(plugins, 'ok-basic.so'));
  copyFileSync(testPlugin('misbehave'), path.join(plugins, 'misbehave.so'));
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'quire.js'), 'serve', '--port', '0', '--config-dir', config, '--plugins-dir', plugins], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('Quire is running at') && resolve());
    child.once('exit', (code) => reject(new Error(`quire serve exited with ${code}`)));
  });
  // Both test plugins, the bundled ones and the warm pool's idle host.
  await expect.poll(() => hostsOf(child.pid as number).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
  return { child, hosts: hostsOf(child.pid as number) };
}

describe('quire serve with plugins', () => {
  it('stops every plugin host when it quits', async () => {
    const { child, hosts } = await serveWithPlugins();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(hosts.filter(alive)).toEqual([]);
  });

  it('leaves no plugin host behind when it is killed with SIGKILL', async () => {
    const { child, hosts } = await serveWithPlugins();
    child.kill('SIGKILL');
    await expect.poll(() => hosts.filter(alive), { timeout: 5_000 }).toEqual([]);
  });
});

/** `quire serve ARGS` started in `cwd`, once it printed its address. */
async function serveIn(cwd: string, args: string[]): Promise<{ child: ChildProcess; url: URL }> {
  const config = mkdtempSync(path.join(os.tmpdir(), 'quire-serve-config-'));
  dirs.push(config);
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'quire.js'), 'serve', '--port', '0', '--config-dir', config, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  const url = await new Promise<URL>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Quire is running at (\S+)/.exec(output);
      if (match) resolve(new URL(match[1] as string));
    });
    child.once('exit', (code) => reject(new Error(`quire serve exited with ${code}`)));
  });
  return { child, url };
}

/** Asks the server what the page would ask, over its WebSocket API, and returns the answer's value. */
async function ask<T>(url: URL, method: string): Promise<T> {
  const token = url.searchParams.get('token') ?? '';
  const ws = new WebSocket(`ws://${url.host}${WS_API_PATH}`, { headers: { Cookie: `quire-token-${url.port}=${token}`, Origin: url.origin } });
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const answer = new Promise<ResponseMessage>((resolve) =>
      ws.on('message', (data, isBinary) => {
        // Events (plugins.changed) come on the same socket; only the answer has the id.
        const decoded = decodeWireMessage(isBinary ? (data as Buffer) : data.toString());
        const message = decoded.ok ? (decoded.message as Partial<ResponseMessage>) : null;
        if (message?.id === 1) resolve(message as ResponseMessage);
      }),
    );
    ws.send(JSON.stringify({ id: 1, method, params: {} }));
    const message = await answer;
    if (!message.ok) throw new Error(`${method} failed: ${message.error.message}`);
    return message.value as T;
  } finally {
    ws.close();
  }
}

/** A plugin author's project folder with ok-basic built into build/, as `make` leaves it. */
function projectWithBuild(): string {
  const project = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'quire-serve-project-')));
  dirs.push(project);
  mkdirSync(path.join(project, 'build'));
  copyFileSync(testPlugin('ok-basic'), path.join(project, 'build', 'ok-basic.so'));
  return project;
}

describe('quire serve --plugins-dir, typed in a plugin\'s folder', () => {
  it('takes a relative folder from the current directory, not from Quire\'s install folder', async () => {
    const project = projectWithBuild();
    const { url } = await serveIn(project, ['--trust-plugins', 'all', '--plugins-dir', 'build']);
    const { folders, safeMode } = await ask<{ folders: PluginFolderInfo[]; safeMode: boolean }>(url, 'plugins.folders');
    expect(safeMode).toBe(false);
    expect(folders.filter((folder) => folder.origin === 'command-line')).toEqual([{ path: path.join(project, 'build'), origin: 'command-line', exists: true, writable: true }]);
    // Quire's own build/ (which exists in a checkout) is not what was meant.
    expect(folders.map((folder) => folder.path)).not.toContain(path.join(ROOT, 'build'));
    await expect
      .poll(async () => (await ask<{ plugins: PluginStatus[] }>(url, 'plugins.list')).plugins.find((p) => p.path === path.join(project, 'build', 'ok-basic.so'))?.state, {
        timeout: 20_000,
      })
      .toBe('ready');
  });

  it('refuses a folder that does not exist, naming it as typed and where it looked (exit 2)', () => {
    const project = projectWithBuild();
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'quire.js'), 'serve', '--plugins-dir', 'buidl'], {
      cwd: project,
      encoding: 'utf8',
      // A serve that wrongly starts would never exit; end it rather than hang the suite.
      timeout: 30_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`quire serve: --plugins-dir buidl: no such folder (${path.join(project, 'buidl')})\n`);
    expect(run.stdout).toBe('');
  });
});

describe('quire serve --disable-plugins', () => {
  it('lists the plugin files, loads none and starts no plugin host process', async () => {
    const project = projectWithBuild();
    const { child, url } = await serveIn(project, ['--trust-plugins', 'all', '--plugins-dir', 'build', '--disable-plugins']);
    expect(await ask<{ safeMode: boolean }>(url, 'plugins.folders')).toMatchObject({ safeMode: true });
    const { plugins } = await ask<{ plugins: PluginStatus[] }>(url, 'plugins.list');
    // The bundled plugins and the project's one, each held back.
    expect(plugins.map((p) => path.basename(p.path))).toEqual(expect.arrayContaining(['ok-basic.so', 'text-tools.so']));
    for (const plugin of plugins) expect(plugin).toMatchObject({ state: 'disabled', enabled: false, failure: { code: 'safe-mode' } });
    for (let look = 0; look < 10; look++) {
      expect(hostsOf(child.pid as number)).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
});
