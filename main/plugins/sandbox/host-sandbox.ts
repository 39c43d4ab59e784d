/**
 * The sandbox plugin hosts run in, as this Quire sets it up: the launcher and seccomp library
 * the build put beside the host entry, and the few places a host may read.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { HostSandbox } from '../host/host-command.js';
import { hostRuntimeReadPaths, sandboxBinaries } from './sandbox-command.js';

export type SandboxChoice = 'on' | 'off';

export interface HostSandboxOptions {
  /** dist/main/plugin-host.cjs: the sandbox binaries sit in dist/sandbox beside it. */
  hostEntry: string;
  /** The plugin store's folder: the private copies hosts load. */
  storeDir: string;
  memoryLimitBytes: number | null;
  /** plugins.requireSandbox: a host that cannot be fully confined is refused. */
  requireSandbox: boolean;
}

/**
 * Where the koffi the host will load really is: resolved from the host entry, as the host's own
 * require resolves it (in a packaged app, the copy unpacked beside app.asar), with its
 * per-platform binary packages (@koromix/koffi-linux-x64...) beside it.
 */
function koffiFolders(hostEntry: string): string[] {
  // koffi's exports hide package.json: climb from its entry module to the package folder.
  let folder = path.dirname(createRequire(hostEntry).resolve('koffi'));
  while (path.basename(folder) !== 'koffi' && path.dirname(folder) !== folder) folder = path.dirname(folder);
  return [folder, path.join(path.dirname(folder), '@koromix')];
}

/** The sandbox for every host; null when the user (or a benchmark's baseline) turned it off. */
export function hostSandbox(choice: SandboxChoice, options: HostSandboxOptions): HostSandbox | null {
  if (choice === 'off') return null;
  const binaries = sandboxBinaries(path.dirname(path.dirname(options.hostEntry)));
  const hasLauncher = process.platform === 'linux' && existsSync(binaries.launcher);
  const hasSeccomp = process.platform === 'linux' && existsSync(binaries.seccompLibrary);
  const hostFolder = path.dirname(options.hostEntry);
  return {
    launcher: hasLauncher ? binaries.launcher : null,
    unavailable: hasLauncher
      ? null
      : process.platform === 'linux'
        ? `the sandbox launcher is missing (${binaries.launcher}); rebuild Quire (npm run build)`
        : `plugin sandboxing is implemented for Linux only, and this is ${process.platform}`,
    seccompLibrary: hasSeccomp ? binaries.seccompLibrary : null,
    readPaths: [
      ...hostRuntimeReadPaths(),
      hostFolder,
      ...koffiFolders(options.hostEntry),
      path.dirname(binaries.seccompLibrary),
      options.storeDir,
    ],
    memoryLimitBytes: options.memoryLimitBytes,
    requireLandlock: options.requireSandbox,
  };
}
