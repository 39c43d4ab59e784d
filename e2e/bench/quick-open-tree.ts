/**
 * The quick-open benchmark's workspace: 100,000 empty files with source-like names in nested
 * folders. Only names matter to quick open, so the files are empty; the tree is written once
 * under build/bench-trees/ and reused (the names are the same every run).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface FileNameTree {
  folder: string;
  files: number;
}

const FILES = 100_000;
const WORDS = [
  'account', 'action', 'adapter', 'buffer', 'cache', 'channel', 'client', 'config', 'context', 'cursor', 'document',
  'editor', 'entry', 'event', 'folder', 'format', 'frame', 'group', 'handle', 'index', 'layout', 'loader', 'message',
  'model', 'option', 'panel', 'parser', 'plugin', 'query', 'range', 'record', 'render', 'request', 'result', 'schema',
  'scope', 'selection', 'server', 'session', 'setting', 'source', 'state', 'status', 'store', 'stream', 'style', 'table',
  'task', 'theme', 'token', 'tree', 'update', 'value', 'view', 'watch', 'widget', 'window', 'worker',
];
const EXTENSIONS = ['.ts', '.tsx', '.css', '.json', '.md', '.test.ts'];

/** A name built from the number alone (no generator state), so each file's name is fixed. */
function nameOf(i: number): string {
  const a = WORDS[i % WORDS.length] as string;
  const b = WORDS[Math.floor(i / WORDS.length) % WORDS.length] as string;
  const ext = EXTENSIONS[Math.floor(i / 7) % EXTENSIONS.length] as string;
  return `${a}-${b}-${i}${ext}`;
}

/** 100,000 files in 20 packages of nested folders, a few dozen files per folder. */
export function fileNameTree(installRoot: string): FileNameTree {
  const folder = path.join(installRoot, 'build', 'bench-trees', 'quick-open-100k-v1');
  const manifest = `${folder}.json`;
  if (existsSync(manifest) && existsSync(folder)) return JSON.parse(readFileSync(manifest, 'utf8')) as FileNameTree;
  rmSync(folder, { recursive: true, force: true });
  const made = new Set<string>();
  for (let i = 0; i < FILES; i++) {
    const dir = path.join(
      folder,
      'packages',
      `pkg-${WORDS[i % 20]}`,
      ['src', 'test', 'lib', 'docs', 'scripts', 'assets', 'styles', 'config', 'types', 'tools'][Math.floor(i / 20) % 10] as string,
      `${WORDS[Math.floor(i / 200) % WORDS.length]}-${Math.floor(i / 2000) % 10}`,
    );
    if (!made.has(dir)) mkdirSync(dir, { recursive: true });
    made.add(dir);
    writeFileSync(path.join(dir, nameOf(i)), '');
  }
  const tree: FileNameTree = { folder, files: FILES };
  writeFileSync(manifest, JSON.stringify(tree));
  return tree;
}
