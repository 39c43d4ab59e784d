import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pluginNames } from './plugin-names.js';
import { renderTemplate, type TemplateValues } from './render-template.js';

let root: string;
let template: string;

function values(): TemplateValues {
  const names = pluginNames('word-stats');
  if (!names.ok) throw new Error(names.error.message);
  return { ...names.value, sdk_path: '/opt/quire/native/sdk/rust', quire_header_dir: '/opt/quire/native/include' };
}

async function write(relative: string, text: string, mode = 0o644): Promise<void> {
  const file = path.join(template, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text, { mode });
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'quire-render-template-'));
  template = path.join(root, 'template');
  await mkdir(template);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('renderTemplate', () => {
  it('fills placeholders in text and in file and folder names, and turns dot- names into dotfiles', async () => {
    await write('{{c_name}}.c', 'id "{{id}}", title "{{title}}", header {{quire_header_dir}}\nJSON stays: {"a": {"b": 1}}\n');
    await write('src/{{crate_name}}/lib.rs', 'crate {{crate_name}} at {{sdk_path}}; package {{go_package}}; file {{name}}.so\n');
    await write('dot-gitignore', 'build/\n');
    await write('run.sh', '#!/bin/sh\necho {{name}}\n', 0o755);
    const target = path.join(root, 'out', 'word-stats');
    const result = await renderTemplate(template, target, values());
    expect(result).toEqual({ ok: true, value: ['.gitignore', 'run.sh', path.join('src', 'word_stats', 'lib.rs'), 'word_stats.c'] });
    expect(await readFile(path.join(target, 'word_stats.c'), 'utf8')).toBe(
      'id "org.example.word-stats", title "Word Stats", header /opt/quire/native/include\nJSON stays: {"a": {"b": 1}}\n',
    );
    expect(await readFile(path.join(target, 'src', 'word_stats', 'lib.rs'), 'utf8')).toBe(
      'crate word_stats at /opt/quire/native/sdk/rust; package wordstats; file word-stats.so\n',
    );
    expect(await readFile(path.join(target, '.gitignore'), 'utf8')).toBe('build/\n');
    expect((await stat(path.join(target, 'run.sh'))).mode & 0o777).toBe(0o755);
  });

  it('writes nothing when the template uses a placeholder it does not know, and names it', async () => {
    await write('a.txt', 'fine {{name}}\n');
    await write('b.txt', 'typo {{nmae}}\n');
    const target = path.join(root, 'out');
    const result = await renderTemplate(template, target, values());
    expect(result).toMatchObject({ ok: false, error: { code: 'template-broken' } });
    if (!result.ok) expect(result.error.message).toContain('b.txt uses the placeholder {{nmae}}');
    await expect(stat(target)).rejects.toThrow();
  });

  it('writes into an empty folder, and refuses one with anything in it, touching nothing', async () => {
    await write('a.txt', '{{name}}\n');
    const empty = path.join(root, 'empty');
    await mkdir(empty);
    expect(await renderTemplate(template, empty, values())).toEqual({ ok: true, value: ['a.txt'] });

    const busy = path.join(root, 'busy');
    await mkdir(busy);
    await writeFile(path.join(busy, 'notes.md'), 'mine');
    const refused = await renderTemplate(template, busy, values());
    expect(refused).toMatchObject({ ok: false, error: { code: 'target-not-empty' } });
    if (!refused.ok) expect(refused.error.message).toContain(`${busy} already exists and is not empty (it holds notes.md)`);
    expect(await readdir(busy)).toEqual(['notes.md']);
  });

  it('refuses a target that is a file, and reports a missing template', async () => {
    await write('a.txt', 'x');
    const file = path.join(root, 'file');
    await writeFile(file, 'x');
    expect(await renderTemplate(template, file, values())).toMatchObject({ ok: false, error: { code: 'target-not-empty' } });
    expect(await renderTemplate(path.join(root, 'no-such-template'), path.join(root, 'out'), values())).toMatchObject({
      ok: false,
      error: { code: 'template-missing' },
    });
  });
});
