/**
 * Writes a plugin project from a template folder (native/templates/<lang>/): every file's text
 * and every file and folder name with its {{placeholders}} replaced (PLACEHOLDERS.md). The
 * whole project is rendered in memory first, so a broken template writes nothing.
 */
import { lstat, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PluginNames } from './plugin-names.js';

export interface TemplateValues extends PluginNames {
  /** Absolute path of the SDK for the template's language in this Quire install. */
  sdk_path: string;
  /** Absolute path of the folder holding quire_plugin.h. */
  quire_header_dir: string;
}

export type RenderErrorCode = 'template-missing' | 'template-broken' | 'target-not-empty' | 'target-unwritable';
export type RenderOutcome = { ok: true; value: string[] } | { ok: false; error: { code: RenderErrorCode; message: string } };

/** `{{` + a lowercase word + `}}`; anything else (JSON's `}}`, Go's `{{ .X }}`) is text. */
const PLACEHOLDER = /\{\{([a-z_]+)\}\}/g;
/** Packagers drop dotfiles, so a template spells `.gitignore` as `dot-gitignore`. */
const DOT_PREFIX = 'dot-';

interface RenderedFile {
  /** Relative to the project folder. */
  path: string;
  text: string;
  mode: number;
}

class TemplateError extends Error {}

function fill(text: string, values: TemplateValues, where: string): string {
  return text.replace(PLACEHOLDER, (whole, key: string) => {
    if (!Object.hasOwn(values, key)) throw new TemplateError(`${where} uses the placeholder ${whole}, which is not one of ${Object.keys(values).map((k) => `{{${k}}}`).join(', ')}`);
    return values[key as keyof TemplateValues];
  });
}

function fillName(segment: string, values: TemplateValues, where: string): string {
  const filled = fill(segment, values, where);
  return filled.startsWith(DOT_PREFIX) ? `.${filled.slice(DOT_PREFIX.length)}` : filled;
}

/** The files under `source` (relative to the template folder), to be written under `target` (relative to the project). */
async function renderTree(templateDir: string, source: string, target: string, values: TemplateValues): Promise<RenderedFile[]> {
  const files: RenderedFile[] = [];
  const entries = await readdir(path.join(templateDir, source), { withFileTypes: true });
  for (const entry of entries) {
    const from = path.join(source, entry.name);
    const to = path.join(target, fillName(entry.name, values, from));
    if (entry.isDirectory()) files.push(...(await renderTree(templateDir, from, to, values)));
    else if (entry.isFile()) {
      const full = path.join(templateDir, from);
      files.push({ path: to, text: fill(await readFile(full, 'utf8'), values, from), mode: (await stat(full)).mode & 0o777 });
    }
  }
  return files;
}

/** Whether `dir` is missing or an empty folder; a file there, or a folder with anything in it, is not. */
async function targetProblem(dir: string): Promise<string | null> {
  let info;
  try {
    info = await lstat(dir);
  } catch {
    return null;
  }
  if (!info.isDirectory()) return `${dir} exists and is not a folder`;
  const inside = await readdir(dir);
  return inside.length === 0 ? null : `${dir} already exists and is not empty (it holds ${inside.slice(0, 3).join(', ')}${inside.length > 3 ? ', …' : ''})`;
}

/** Renders `templateDir` into `targetDir` (which must be missing or empty); returns the files written, relative to it. */
export async function renderTemplate(templateDir: string, targetDir: string, values: TemplateValues): Promise<RenderOutcome> {
  try {
    if (!(await stat(templateDir)).isDirectory()) throw new Error('not a folder');
  } catch {
    return { ok: false, error: { code: 'template-missing', message: `the template folder ${templateDir} is missing from this Quire install; reinstall Quire.` } };
  }
  const occupied = await targetProblem(targetDir);
  if (occupied) {
    return { ok: false, error: { code: 'target-not-empty', message: `${occupied}; name a new folder with --dir, or remove it first.` } };
  }
  let files: RenderedFile[];
  try {
    files = await renderTree(templateDir, '', '', values);
  } catch (cause) {
    if (!(cause instanceof TemplateError)) throw cause;
    return { ok: false, error: { code: 'template-broken', message: `the template in ${templateDir} is broken: ${cause.message}; report this to Quire.` } };
  }
  try {
    for (const file of files) {
      const destination = path.join(targetDir, file.path);
      await mkdir(path.dirname(destination), { recursive: true });
      // Exclusive: never write over a file someone created in the meantime.
      await writeFile(destination, file.text, { flag: 'wx', mode: file.mode });
    }
  } catch (cause) {
    return { ok: false, error: { code: 'target-unwritable', message: `could not write the project into ${targetDir}: ${(cause as Error).message}.` } };
  }
  return { ok: true, value: files.map((file) => file.path).sort() };
}
