/**
 * The generated workspace for the search benchmarks. It is large, so it is written once under
 * build/bench-trees/ and reused by later runs; the contents are the same every time (a seeded
 * generator), so runs compare.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A small, fast, seeded pseudo-random generator (mulberry32): the same trees every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'account', 'action', 'adapter', 'buffer', 'cache', 'channel', 'client', 'config', 'context', 'cursor', 'document',
  'editor', 'entry', 'event', 'file', 'folder', 'format', 'frame', 'group', 'handle', 'index', 'item', 'key', 'layout',
  'line', 'list', 'loader', 'message', 'model', 'node', 'option', 'panel', 'parser', 'path', 'plugin', 'query', 'range',
  'record', 'render', 'request', 'result', 'schema', 'scope', 'selection', 'server', 'session', 'setting', 'source',
  'state', 'status', 'store', 'stream', 'style', 'table', 'task', 'text', 'theme', 'token', 'tree', 'update', 'user',
  'value', 'view', 'watch', 'widget', 'window', 'worker',
];

function linePool(next: () => number, size: number): string[] {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  const word = () => pick(WORDS);
  const name = () => word() + word().replace(/^./, (c) => c.toUpperCase());
  const type = () => name().replace(/^./, (c) => c.toUpperCase());
  const num = () => String(Math.floor(next() * 10_000));
  const templates: (() => string)[] = [
    () => `import { ${type()}, ${name()} } from '../${word()}/${name()}.js';`,
    () => `export function ${name()}(${name()}: ${type()}, ${name()}: number): ${type()} {`,
    () => `  const ${name()} = ${name()}.${name()}(${name()}, ${num()});`,
    () => `  if (${name()}.${word()} > ${num()} && !${name()}.${word()}) return ${name()};`,
    () => `    ${name()}.push({ ${word()}: '${word()} ${word()} ${word()}', ${word()}: ${num()} });`,
    () => `  // The ${word()} keeps its ${word()} until the ${word()} is ${word()}ed by the ${word()}.`,
    () => `  for (const ${word()} of ${name()}.${name()}()) ${name()}.set(${word()}.${word()}, ${word()});`,
    () => `  throw new Error(\`${type()} ${word()} failed: \${${name()}.${word()}} (${word()} ${num()})\`);`,
    () => '}',
    () => '',
  ];
  return Array.from({ length: size }, () => pick(templates)());
}

export interface SearchTree {
  folder: string;
  files: number;
  bytes: number;
  /** A plain-text query and how many lines hold it (once each). */
  query: string;
  matchingLines: number;
}

const FILES = 20_000;
const TOTAL_BYTES = 200 * 1024 * 1024;
const QUERY = 'needleHandler';
/** About one line in 2,500 holds the query: some thousands of matches over many files. */
const MATCH_ODDS = 1 / 2500;

/** The search benchmark's tree: 20,000 source-like files, ~200 MB, in 40 packages of nested folders. */
export function searchTree(installRoot: string): SearchTree {
  const folder = path.join(installRoot, 'build', 'bench-trees', 'search-20k-200mb-v1');
  const manifest = `${folder}.json`;
  if (existsSync(manifest) && existsSync(folder)) return JSON.parse(readFileSync(manifest, 'utf8')) as SearchTree;
  rmSync(folder, { recursive: true, force: true });
  const next = random(0x51_0e);
  const pool = linePool(next, 8192);
  let bytes = 0;
  let matchingLines = 0;
  const matchingLine = `  const handler = register${QUERY.replace(/^./, (c) => c.toUpperCase())}(options);`;
  for (let i = 0; i < FILES; i++) {
    const dir = path.join(folder, 'packages', `pkg-${i % 40}`, 'src', ['core', 'ui', 'io', 'util', 'model'][i % 5] as string, `part-${Math.floor(i / 200) % 10}`);
    mkdirSync(dir, { recursive: true });
    const size = 2048 + Math.floor(next() * (2 * (TOTAL_BYTES / FILES) - 4096));
    const lines: string[] = [];
    let length = 0;
    while (length < size) {
      const matching = next() < MATCH_ODDS;
      const line = matching ? matchingLine : (pool[Math.floor(next() * pool.length)] as string);
      if (matching) matchingLines++;
      lines.push(line);
      length += line.length + 1;
    }
    const text = `${lines.join('\n')}\n`;
    writeFileSync(path.join(dir, `file-${i}.ts`), text);
    bytes += Buffer.byteLength(text);
  }
  const tree: SearchTree = { folder, files: FILES, bytes, query: QUERY, matchingLines };
  writeFileSync(manifest, JSON.stringify(tree));
  return tree;
}
