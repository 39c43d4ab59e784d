import path from 'node:path';
import { parseArgs } from 'node:util';
import { userDirectory } from './args.js';
import { nativeDir } from './install-paths.js';
import { pluginNames } from './new-plugin/plugin-names.js';
import { renderTemplate } from './new-plugin/render-template.js';

export const TEMPLATE_LANGUAGES = ['c', 'cpp', 'rust', 'go'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

export const NEW_PLUGIN_USAGE = `Usage: quire new-plugin NAME [--lang c|cpp|rust|go] [--dir DIR]

Writes a small plugin project that builds as it is: one command, one file format with
highlighting and a formatter, one linter, a build file and a README saying how to build it,
check it with \`quire doctor\` and try it in Quire.

NAME is lowercase letters, digits and single hyphens, starting with a letter (e.g. word-stats);
the plugin's id (org.example.NAME), title and identifiers are made from it.

Options:
  --lang LANG   c (the default), cpp, rust or go
  --dir DIR     where to write it (default ./NAME); must not exist yet, or be empty
  -h, --help    show this help`;

const isLanguage = (value: string): value is TemplateLanguage => (TEMPLATE_LANGUAGES as readonly string[]).includes(value);

const LANGUAGE_NAMES: Record<TemplateLanguage, string> = { c: 'C', cpp: 'C++', rust: 'Rust', go: 'Go' };

/** The SDK a template of `lang` builds against, in this install (PLACEHOLDERS.md, {{sdk_path}}). */
function sdkPath(native: string, lang: TemplateLanguage): string {
  return lang === 'c' || lang === 'cpp' ? path.join(native, 'include') : path.join(native, 'sdk', lang);
}

/** Shell-quotes a path for the printed next steps, only when it needs it. */
function shellPath(p: string): string {
  return /^[\w@%+=:,./-]+$/.test(p) ? p : `'${p.replaceAll("'", "'\\''")}'`;
}

export async function runNewPlugin(argv: string[], cwd = userDirectory()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { lang: { type: 'string', default: 'c' }, dir: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (cause) {
    console.error(`quire new-plugin: ${(cause as Error).message}\n\n${NEW_PLUGIN_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(NEW_PLUGIN_USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(`quire new-plugin: ${positionals.length === 0 ? 'name the plugin' : `give one NAME, not ${positionals.length} (${positionals.join(' ')})`}.\n\n${NEW_PLUGIN_USAGE}`);
    return 2;
  }
  const lang = values.lang;
  if (!isLanguage(lang)) {
    console.error(`quire new-plugin: --lang must be one of ${TEMPLATE_LANGUAGES.join(', ')}, not "${lang}".`);
    return 2;
  }
  const names = pluginNames(positionals[0] as string);
  if (!names.ok) {
    console.error(`quire new-plugin: ${names.error.message}`);
    return 2;
  }
  const target = path.resolve(cwd, values.dir ?? names.value.name);
  const native = nativeDir();
  const written = await renderTemplate(path.join(native, 'templates', lang), target, {
    ...names.value,
    sdk_path: sdkPath(native, lang),
    quire_header_dir: path.join(native, 'include'),
  });
  if (!written.ok) {
    console.error(`quire new-plugin: ${written.error.message}`);
    return written.error.code === 'target-not-empty' ? 2 : 1;
  }
  const shown = path.relative(cwd, target);
  const folder = shown && !shown.startsWith('..') && !path.isAbsolute(shown) ? shown : target;
  // Every template's Makefile builds build/NAME.so, alone in build/ (PLACEHOLDERS.md).
  console.log(
    [
      `Wrote ${names.value.title} (${names.value.id}), a ${LANGUAGE_NAMES[lang]} plugin, into ${folder}:`,
      ...written.value.map((file) => `  ${file}`),
      '',
      'Next:',
      `  cd ${shellPath(folder)}`,
      '  make',
      `  quire doctor build/${names.value.name}.so`,
      '  quire serve --plugins-dir build    # then Allow it in the Plugins panel, and Ctrl+Shift+P',
      '',
      'README.md in the project says more.',
    ].join('\n'),
  );
  return 0;
}
