/**
 * The command line and environment of one plugin host process: the runtime running the host
 * entry, behind the sandbox launcher when the sandbox is on. The desktop app and the browser
 * edition start hosts the same way; in Electron, `process.execPath` is Electron's binary and
 * ELECTRON_RUN_AS_NODE makes it plain Node (a utility process cannot be wrapped by a launcher).
 */
import type { PluginCapability } from '../../../app/plugin-contract.js';
import type { HostCommand } from './host-launcher.js';
import { sandboxArgv } from '../sandbox/sandbox-command.js';

/** The sandbox every host runs in, as main configured it. */
export interface HostSandbox {
  /** dist/sandbox/quire-sandbox; null where it cannot run (then `unavailable` says why). */
  launcher: string | null;
  unavailable: string | null;
  /** dist/sandbox/libquire_seccomp.so, which the host applies to itself before any plugin loads. */
  seccompLibrary: string | null;
  /** What the runtime, the host entry and the plugin store need to read; nothing else is readable. */
  readPaths: string[];
  /** Resident memory past which the host is stopped (`memory-limit`); the data segment is capped 25% above it. */
  memoryLimitBytes: number | null;
  /** Refuse to start a host without Landlock instead of running it unconfined. */
  requireLandlock: boolean;
}

/** What one host may do beyond the sandbox: exactly the capabilities its plugin was granted. */
export interface HostGrants {
  capabilities: PluginCapability[];
  /** Folders it may read (the document's folder, for read-document-folder). */
  readFolders: string[];
}

export const NO_GRANTS: HostGrants = { capabilities: [], readFolders: [] };

/** What name resolution reads: a plugin granted the network can look up host names too. */
const NETWORK_READ_PATHS = ['/etc/resolv.conf', '/etc/hosts', '/etc/nsswitch.conf', '/etc/gai.conf', '/etc/host.conf', '/etc/services', '/etc/ssl/certs'];

/** The data-segment cap that backs up the memory watch: a plugin cannot allocate 25% past its limit. */
export const memoryBackstop = (limitBytes: number) => Math.ceil(limitBytes * 1.25);

/**
 * The host's environment: only what the runtime needs. Main's own environment (tokens, keys,
 * whatever the user's shell exported) is none of a plugin's business.
 */
function hostEnvironment(sandbox: HostSandbox | null, grants: HostGrants): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: process.env.LANG ?? 'C.UTF-8',
    ELECTRON_RUN_AS_NODE: '1',
    QUIRE_HOST_SECCOMP: sandbox?.seccompLibrary ?? '',
    // Without the launcher nobody sets this; say why instead.
    ...(sandbox?.unavailable ? { QUIRE_SANDBOX_LANDLOCK: `unavailable: ${sandbox.unavailable}` } : {}),
    QUIRE_HOST_NETWORK: grants.capabilities.includes('network') ? '1' : '0',
  };
  if (process.env.TZ) env.TZ = process.env.TZ;
  return env;
}

export function hostCommand(hostEntry: string, sandbox: HostSandbox | null, grants: HostGrants): HostCommand {
  const env = hostEnvironment(sandbox, grants);
  const hostArgs = [hostEntry, String(process.pid)];
  if (!sandbox?.launcher) return { file: process.execPath, args: hostArgs, env };
  const args = sandboxArgv(
    {
      launcher: sandbox.launcher,
      readPaths: [...sandbox.readPaths, ...grants.readFolders, ...(grants.capabilities.includes('network') ? NETWORK_READ_PATHS : [])],
      allowNetwork: grants.capabilities.includes('network'),
      memoryBytes: sandbox.memoryLimitBytes === null ? null : memoryBackstop(sandbox.memoryLimitBytes),
      requireLandlock: sandbox.requireLandlock,
    },
    process.pid,
    process.execPath,
    hostArgs,
  );
  return { file: sandbox.launcher, args, env };
}
