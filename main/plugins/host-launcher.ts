import { spawn } from 'node:child_process';
/** A started plugin host process, whichever way it was started. */
export interface HostProcess {
  readonly pid: number | undefined;
  /** The plugin's stdout and stderr: its log, never the protocol. */
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  kill(signal: NodeJS.Signals): void;
  /** Called once, when the process has ended and been reaped. */
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
}

/**
 * Starts the host entry module. The desktop app passes an Electron utility-process launcher;
 * the browser edition, `quire doctor` and the tests use Node child processes. Nothing else
 * differs between them.
 */
export interface HostLauncher {
  launch(entry: string, args: string[]): HostProcess;
}

export const nodeHostLauncher: HostLauncher = {
  launch(entry, args) {
    const child = spawn(process.execPath, [entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    // A failed spawn reports through 'error' and then 'close'; the exit listener covers both.
    child.on('error', () => undefined);
    return {
      pid: child.pid,
      stdout: child.stdout,
      stderr: child.stderr,
      kill: (signal) => {
        child.kill(signal);
      },
      onExit: (listener) => {
        child.once('close', (code, signal) => listener(code, signal));
      },
    };
  },
};
