/**
 * `quire new-plugin` as a plugin author uses it: the command writes a project from the real
 * templates, the project builds with the real toolchain (make, cc, c++, cargo, go) and the
 * plugin it makes loads in `quire doctor` (the built CLI) and answers in a real, sandboxed host.
 * A toolchain that is not installed skips its language with the reason in the test's name.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { HostHandle } from '../plugins/host/host-handle.js';
import { document, expectNoHostsLeft, hostOptions, requireBuild, ROOT, testSandbox } from '../plugins/test-support/host-fixtures.js';
import { runNewPlugin, TEMPLATE_LANGUAGES, type TemplateLanguage } from './new-plugin-command.js';

const CLI = path.join(ROOT, 'bin', 'quire.js');
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'quire-new-plugin-'));
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** A fresh folder to stand in as the author's current directory. */
function workDir(label: string): string {
  const dir = path.join(scratch, `${label}-${Math.random().toString(36).slice(2, 8)}`);
  mkdirSync(dir);
  return dir;
}

/** Runs the command in-process as `quire new-plugin ARGS` typed in `cwd`; what it printed, and its exit code. */
async function newPlugin(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void err.push(parts.join(' ')));
  try {
    const code = await runNewPlugin(args, cwd);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('quire new-plugin', () => {
  it('writes a C project into ./NAME of the current directory by default, and says what to run next', async () => {
    const cwd = workDir('default');
    const run = await newPlugin(['word-stats'], cwd);
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(readdirSync(path.join(cwd, 'word-stats')).sort()).toEqual(['.gitignore', 'Makefile', 'README.md', 'word_stats.c']);
    expect(run.out).toContain('Wrote Word Stats (org.example.word-stats), a C plugin, into word-stats:');
    expect(run.out).toContain('  cd word-stats\n  make\n  quire doctor build/word-stats.so\n  quire serve --plugins-dir build');
    const source = readFileSync(path.join(cwd, 'word-stats', 'word_stats.c'), 'utf8');
    expect(source).toContain('#define PLUGIN_ID "org.example.word-stats"');
    expect(source).not.toMatch(/\{\{[a-z_]+\}\}/);
    expect(readFileSync(path.join(cwd, 'word-stats', 'Makefile'), 'utf8')).toContain(`QUIRE_INCLUDE ?= ${path.join(ROOT, 'native', 'include')}`);
  });

  it('takes --dir relative to the current directory', async () => {
    const cwd = workDir('dir');
    mkdirSync(path.join(cwd, 'src'));
    expect((await newPlugin(['tidy', '--lang', 'cpp', '--dir', 'src/../plugins/tidy'], cwd)).code).toBe(0);
    expect(readdirSync(path.join(cwd, 'plugins', 'tidy')).sort()).toEqual(['.gitignore', 'Makefile', 'README.md', 'tidy.cpp']);
  });

  it('refuses a folder that is not empty, leaving it as it was (exit 2)', async () => {
    const cwd = workDir('busy');
    mkdirSync(path.join(cwd, 'word-stats'));
    writeFileSync(path.join(cwd, 'word-stats', 'keep.txt'), 'mine');
    const run = await newPlugin(['word-stats'], cwd);
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      `quire new-plugin: ${path.join(cwd, 'word-stats')} already exists and is not empty (it holds keep.txt); name a new folder with --dir, or remove it first.`,
    );
    expect(readdirSync(path.join(cwd, 'word-stats'))).toEqual(['keep.txt']);
  });

  it.each([
    [['My_Plugin'], 'the plugin name "My_Plugin" is not lowercase letters, digits and single hyphens starting with a letter (e.g. "word-stats"); try "my-plugin".'],
    [['fn'], 'the plugin name "fn" gives the identifier "fn", a keyword or reserved name in C, C++, Rust or Go; choose another name (e.g. "fn-plugin").'],
    [['x', '--lang', 'zig'], '--lang must be one of c, cpp, rust, go, not "zig".'],
    [['a', 'b'], 'give one NAME, not 2 (a b).'],
    [[], 'name the plugin.'],
  ])('refuses %j with a message naming the rule (exit 2), writing nothing', async (args, message) => {
    const cwd = workDir('bad');
    const run = await newPlugin(args, cwd);
    expect(run.code).toBe(2);
    expect(run.err.split('\n')[0]).toBe(`quire new-plugin: ${message}`);
    expect(readdirSync(cwd)).toEqual([]);
  });
});

/** Why `lang`'s template cannot be built here, or null when every tool it needs is installed. */
function missingToolchain(lang: TemplateLanguage): string | null {
  const tools: Record<TemplateLanguage, [string, string][]> = {
    c: [['make', '--version'], ['cc', '--version']],
    cpp: [['make', '--version'], ['c++', '--version']],
    rust: [['make', '--version'], ['cargo', '--version']],
    go: [['make', '--version'], ['go', 'version']],
  };
  const missing = tools[lang].filter(([tool, flag]) => spawnSync(tool, [flag], { stdio: 'ignore' }).status !== 0).map(([tool]) => tool);
  return missing.length === 0 ? null : `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not installed`;
}

/** The toolchains may not reach the network: a template must build from what it ships and what is cached. */
const OFFLINE_BUILD_ENV = { ...process.env, CARGO_NET_OFFLINE: 'true', GOTOOLCHAIN: 'local', GOPROXY: 'off' };

describe('the templates', () => {
  const started: HostHandle[] = [];
  beforeAll(requireBuild);
  afterEach(async () => {
    await Promise.all(started.splice(0).map((host) => host.stop()));
    await expectNoHostsLeft();
  });

  for (const lang of TEMPLATE_LANGUAGES) {
    const missing = missingToolchain(lang);
    it.skipIf(missing !== null)(
      `${lang}: generates, builds without warnings, loads in quire doctor and answers its command, formatter and linter${missing ? ` (skipped: ${missing})` : ''}`,
      async () => {
        const cwd = workDir(lang);
        expect(existsSync(path.join(ROOT, 'native', 'templates', lang)), `native/templates/${lang} is missing`).toBe(true);
        expect((await newPlugin(['word-stats', '--lang', lang], cwd)).code).toBe(0);
        const project = path.join(cwd, 'word-stats');

        const make = spawnSync('make', [], { cwd: project, env: OFFLINE_BUILD_ENV, encoding: 'utf8', timeout: 600_000 });
        expect(make.status, `make failed:\n${make.stdout}\n${make.stderr}`).toBe(0);
        expect(make.stderr, 'the template compiles with warnings').not.toMatch(/warning[:[]/i);
        const plugin = path.join(project, 'build', 'word-stats.so');
        // Alone in build/, so `quire serve --plugins-dir build` lists nothing else.
        expect(readdirSync(path.dirname(plugin))).toEqual(['word-stats.so']);

        const config = workDir(`${lang}-config`);
        const doctor = spawnSync(process.execPath, [CLI, 'doctor', '--json', plugin], {
          cwd: project,
          encoding: 'utf8',
          timeout: 120_000,
          env: { ...process.env, QUIRE_CONFIG_DIR: config },
        });
        expect(doctor.status, doctor.stdout + doctor.stderr).toBe(0);
        const [report] = JSON.parse(doctor.stdout) as Record<string, unknown>[];
        expect(report).toMatchObject({
          status: 'loaded',
          code: null,
          plugin: { id: 'org.example.word-stats', version: '0.1.0' },
          contributions: { commands: 1, formats: 1, linters: 1 },
          sandbox: { state: 'sandboxed' },
        });

        const outcome = await HostHandle.start(plugin, hostOptions({ sandbox: testSandbox(path.dirname(plugin)) }));
        if (!outcome.ok) throw new Error(`the ${lang} template's plugin did not start: ${outcome.failure.message}`);
        const host = outcome.value;
        started.push(host);
        expect(host.descriptor).toMatchObject({
          name: 'Word Stats',
          commands: [{ id: 'say-hello', title: 'Word Stats: Say Hello' }],
          formats: [{ id: 'word-stats', name: 'Word Stats', extensions: ['.word-stats'] }],
          linters: [{ id: 'todo', languages: ['word-stats'] }],
        });
        const notes = document('é # TODO: tidy  \r\nx = "a TODO"\t\n', { languageId: 'word-stats', selections: [{ start: 1, end: 1, active: 1 }] });
        expect(await host.call({ kind: 'command', handler: 'say-hello', document: notes }, 5_000)).toEqual({
          ok: true,
          value: { message: 'Word Stats said hello.', text: null, edits: [{ start: 1, end: 1, text: 'Hello from Word Stats!' }], diagnostics: [] },
        });
        expect(await host.call({ kind: 'format', handler: 'word-stats', document: notes }, 5_000)).toMatchObject({
          ok: true,
          value: { text: 'é # TODO: tidy\r\nx = "a TODO"\n' },
        });
        // Nothing to trim: no change at all, rather than the same text back.
        expect(await host.call({ kind: 'format', handler: 'word-stats', document: document('tidy\n') }, 5_000)).toMatchObject({
          ok: true,
          value: { text: null, edits: [] },
        });
        // Offsets in the editor's units: "é" is two bytes but one character before the first TODO.
        const lint = await host.call({ kind: 'lint', handler: 'todo', document: notes }, 5_000);
        expect(lint).toMatchObject({
          ok: true,
          value: {
            diagnostics: [
              { start: 4, end: 8, severity: 'warning', code: 'todo' },
              { start: 25, end: 29, severity: 'warning', code: 'todo' },
            ],
          },
        });
      },
      900_000,
    );
  }
});
