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

/**
 * Quire's `native/` folder (the plugin header, the SDKs and the `quire new-plugin` templates):
 * in the install root in a checkout; beside the executable once packaged (electron-builder's
 * extraFiles), where compilers can read it, unlike files inside app.asar.
 */
export function nativeDir(root = installRoot(), execPath = process.execPath): string {
  const inRoot = path.join(root, 'native');
  return existsSync(path.join(inRoot, 'include')) ? inRoot : path.join(path.dirname(execPath), 'native');
}

/**
 * The plugin host entry module, started once per plugin. In a packaged app the root is
 * resources/app.asar; the entry (with koffi and the sandbox binaries beside it) is unpacked to
 * resources/app.asar.unpacked (electron-builder.yml asarUnpack), and the host runs that real
 * file, so neither it nor the sandbox launcher depends on Electron's archive support.
 */
export function hostEntryPath(root = installRoot()): string {
  return path.join(unpackedPath(root), 'dist', 'main', 'plugin-host.cjs');
}

/** Where electron-builder unpacks a path inside app.asar; any other path as it is. */
export function unpackedPath(inside: string): string {
  const parts = inside.split(path.sep);
  const archive = parts.lastIndexOf('app.asar');
  if (archive < 0) return inside;
  parts[archive] = 'app.asar.unpacked';
  return parts.join(path.sep);
}
