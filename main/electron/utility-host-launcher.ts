import os from 'node:os';
import { utilityProcess } from 'electron';
import type { HostLauncher } from '../plugins/host-launcher.js';

/** Electron reports a utility process killed by a signal as exit code 128 + signal number. */
function signalFromExitCode(code: number): NodeJS.Signals | null {
  if (code <= 128) return null;
  const entry = Object.entries(os.constants.signals).find(([, number]) => number === code - 128);
  return (entry?.[0] as NodeJS.Signals | undefined) ?? null;
}

/**
 * On the desktop, plugin hosts are Electron utility processes: Chromium's own child
 * processes, with the Node runtime Electron ships. The host module and protocol are the same
 * as for Node child processes; only this adapter differs.
 */
export const utilityHostLauncher: HostLauncher = {
  launch(entry, args) {
    const child = utilityProcess.fork(entry, args, { stdio: 'pipe', serviceName: 'Quire plugin host' });
    return {
      get pid() {
        return child.pid;
      },
      stdout: child.stdout,
      stderr: child.stderr,
      // Utility processes take no signal argument: kill() ends the process outright.
      kill: () => {
        child.kill();
      },
      onExit: (listener) => {
        child.once('exit', (code) => {
          const signal = signalFromExitCode(code);
          listener(signal ? null : code, signal);
        });
      },
    };
  },
};
