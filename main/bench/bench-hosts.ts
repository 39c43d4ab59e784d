import path from 'node:path';
import { childProcessLauncher } from '../plugins/host/host-launcher.js';
import type { HostLaunchOptions } from '../plugins/host/launch-host.js';
import { hostSandbox, type SandboxChoice } from '../plugins/sandbox/host-sandbox.js';

/**
 * Host options as the editor uses them (sandbox on, 1 GiB memory limit), with `plugin`'s folder
 * readable in place of the plugin store; `off` gives the same hosts unconfined, as a baseline.
 */
export function benchHostOptions(hostEntry: string, plugin: string, sandbox: SandboxChoice = 'on'): HostLaunchOptions {
  return {
    launcher: childProcessLauncher,
    hostEntry,
    sandbox: hostSandbox(sandbox, { hostEntry, storeDir: path.dirname(plugin), memoryLimitBytes: 1024 * 1024 * 1024, requireSandbox: false }),
  };
}
