/**
 * The headless commands pick a file's language from EDITOR_LANGUAGES; the editor from Monaco's
 * registry. This reads the registrations out of the installed monaco-editor — the same modules
 * renderer/src/monaco/setup-monaco.ts imports, in the same order — and requires the two lists
 * to agree, so upgrading Monaco cannot make `quire format` and the editor choose differently.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { EDITOR_LANGUAGES } from '../../../app/editor-languages.js';
import type { LanguageInfo } from '../../../app/plugin-choice.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const MONACO = path.join(ROOT, 'node_modules', 'monaco-editor', 'esm', 'vs');

interface Registration {
  id: string;
  extensions?: string[];
  filenames?: string[];
}

const picking = ({ id, extensions, filenames }: Registration): LanguageInfo => ({
  id,
  ...(extensions?.length ? { extensions } : {}),
  ...(filenames?.length ? { filenames } : {}),
});

/** Runs one `register.js` of Monaco's basic languages with its `registerLanguage` recorded (the loaders are never called). */
function basicLanguages(): Registration[] {
  const definitions = path.join(MONACO, 'languages', 'definitions');
  const order = [...readFileSync(path.join(definitions, 'register.all.js'), 'utf8').matchAll(/^import '\.\/([^']+)';$/gm)].map((m) => m[1] as string);
  const registered: Registration[] = [];
  for (const file of order) {
    const source = readFileSync(path.join(definitions, file), 'utf8').replace(/^import .*$/gm, '');
    vm.runInNewContext(source, { registerLanguage: (definition: Registration) => registered.push(definition) });
  }
  return registered;
}

/** JSON's language service registers its language with `languages.register({...})`. */
function jsonLanguage(): Registration {
  const source = readFileSync(path.join(MONACO, 'languages', 'features', 'json', 'register.js'), 'utf8');
  const literal = /languages\.register\((\{[\s\S]*?\})\);/.exec(source)?.[1];
  if (!literal) throw new Error("monaco-editor's JSON register.js no longer calls languages.register({...})");
  return vm.runInNewContext(`(${literal})`) as Registration;
}

/** The core registers plain text itself (modesRegistry.js), before any other language. */
function plainText(): Registration {
  const source = readFileSync(path.join(MONACO, 'editor', 'common', 'languages', 'modesRegistry.js'), 'utf8');
  const extension = /const PLAINTEXT_EXTENSION = '([^']+)';/.exec(source)?.[1];
  if (!extension) throw new Error("monaco-editor's modesRegistry.js no longer names PLAINTEXT_EXTENSION");
  return { id: 'plaintext', extensions: [extension] };
}

describe('EDITOR_LANGUAGES', () => {
  it("matches the languages of the installed monaco-editor, in the renderer's registration order", () => {
    const monaco = [plainText(), ...basicLanguages(), jsonLanguage()].map(picking);
    expect(monaco.length).toBeGreaterThan(50);
    expect(EDITOR_LANGUAGES.map(picking)).toEqual(monaco);
  });

  it('is read from the modules the renderer imports', () => {
    const setup = readFileSync(path.join(ROOT, 'renderer', 'src', 'monaco', 'setup-monaco.ts'), 'utf8');
    expect(setup).toContain("import 'monaco-editor/languages/definitions/register.all.js';");
    expect(setup).toContain("import 'monaco-editor/languages/features/json/register.js';");
  });
});
