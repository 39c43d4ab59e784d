/**
 * For the headless commands' tests: a scratch folder to work in (files, a config folder, a
 * folder of test plugins), and an Io that records what a command printed.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { expectNoHostsLeft, requireBuild, testPlugin } from '../../plugins/test-support/host-fixtures.js';
import type { HeadlessIo } from './headless-session.js';

export interface RecordedIo extends HeadlessIo {
  stdout: string[];
  stderr: string[];
}

export function recordingIo(cwd: string): RecordedIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { cwd, stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
}

export class Scratch {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'quire-headless-'));
  /** A config folder of its own: no settings, no answers, no user plugins but the test's. */
  readonly configDir = path.join(this.dir, 'config');

  constructor() {
    mkdirSync(this.configDir);
  }

  /** Writes `contents` to `name` (relative to the scratch folder) and returns its absolute path. */
  file(name: string, contents: string | Uint8Array): string {
    const target = path.join(this.dir, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, contents);
    return target;
  }

  bytes(name: string): Buffer {
    return readFileSync(path.join(this.dir, name));
  }

  mtimeMs(name: string): number {
    return statSync(path.join(this.dir, name)).mtimeMs;
  }

  /**
   * A folder holding copies of the named test plugins (dist/test-plugins/NAME.so), for
   * --plugins-dir. The copies are fresh, like a plugin built just before `quire lint` runs in
   * CI: the folder watcher waits until they are completely written, and so must the commands.
   */
  pluginFolder(folder: string, names: string[]): string {
    const target = path.join(this.dir, folder);
    mkdirSync(target, { recursive: true });
    for (const name of names) copyFileSync(testPlugin(name), path.join(target, `${name}.so`));
    return target;
  }

  /** settings.json in the config folder. */
  settings(values: Record<string, unknown>): void {
    writeFileSync(path.join(this.configDir, 'settings.json'), JSON.stringify(values));
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** What a headless command did: its exit code and what it printed. */
export interface CommandRun {
  code: number;
  stdout: string[];
  stderr: string;
}

/**
 * The hooks every headless command's test file needs (a built Quire, a fresh scratch folder per
 * test, no plugin host left after one) and `run`, which runs `command` in the scratch folder with
 * the scratch config folder.
 */
export function headlessCommandTest(command: (argv: string[], io: HeadlessIo) => Promise<number>): {
  scratch: () => Scratch;
  run: (...argv: string[]) => Promise<CommandRun>;
} {
  let current: Scratch | null = null;
  const scratch = (): Scratch => {
    if (!current) throw new Error('the scratch folder exists only while a test runs');
    return current;
  };
  beforeAll(() => requireBuild());
  beforeEach(() => {
    current = new Scratch();
  });
  afterEach(async () => {
    await expectNoHostsLeft();
    current?.remove();
    current = null;
  });
  const run = async (...argv: string[]): Promise<CommandRun> => {
    const io = recordingIo(scratch().dir);
    const code = await command([...argv, '--config-dir', scratch().configDir], io);
    return { code, stdout: io.stdout, stderr: io.stderr.join('\n') };
  };
  return { scratch, run };
}
