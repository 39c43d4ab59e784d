/**
 * `quire serve` as the main process with plugins: its plugin hosts end when it quits, and
 * when it is killed outright (SIGKILL: no chance to clean up), none survives it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
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
