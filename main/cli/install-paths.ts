import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where Quire's own files are, found from this module's location rather than the working
 * directory, so `quire` behaves the same wherever it is started from. The build puts this
 * code in `<root>/dist/main/`.
 */
export function installRoot(): string {
  return path.resolve(import.meta.dirname, '..', '..');
}

export function rendererDir(root = installRoot()): string {
  return path.join(root, 'dist', 'renderer');
}

export function isRendererBuilt(root = installRoot()): boolean {
  return existsSync(path.join(rendererDir(root), 'index.html'));
}

export function packageVersion(root = installRoot()): string {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
}

/** The plugin host entry module, started once per plugin. */
export function hostEntryPath(root = installRoot()): string {
  return path.join(root, 'dist', 'main', 'plugin-host.cjs');
}
