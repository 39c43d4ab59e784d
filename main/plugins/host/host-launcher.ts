import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';

/** A started plugin host process. */
export interface HostProcess {
  readonly pid: number | undefined;
  /**
   * The protocol channel: the child's fd 3, one end of a socketpair made at spawn. The host
   * never opens a socket itself (its sandbox forbids it), and no other process can reach it.
   */
  readonly channel: Socket | null;
  /** The plugin's stdout and stderr: its log, never the protocol. */
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  kill(signal: NodeJS.Signals): void;
  /**
   * Called once, when the process has ended and been reaped. Only the exit is waited for,
   * never the end of its output: a plugin's leftover holding stdout must not keep a reload
   * or Quire's own shutdown waiting.
   */
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
}

/** What to run: the program (the sandbox launcher, or the runtime itself), its arguments and environment. */
export interface HostCommand {
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

/** Starts host processes. Tests wrap it to record or sabotage launches. */
export interface HostLauncher {
  launch(command: HostCommand): HostProcess;
}

/**
 * Every host, in the browser edition and the desktop app alike, is a child process with the
 * channel on fd 3. It runs in a session of its own (detached), so a plugin signalling its
 * process group (kill(0, ...)) reaches only itself, and Ctrl+C in Quire's terminal reaches
 * Quire, which then stops its hosts in order.
 */
export const childProcessLauncher: HostLauncher = {
  launch(command) {
    const child = spawn(command.file, command.args, { stdio: ['ignore', 'pipe', 'pipe', 'pipe'], detached: true, env: command.env });
    // A failed spawn reports through 'error' and then 'exit'; the exit listener covers both.
    child.on('error', () => undefined);
    const channel = (child.stdio[3] as Socket | null | undefined) ?? null;
    return {
      pid: child.pid,
      channel,
      stdout: child.stdout,
      stderr: child.stderr,
      kill: (signal) => {
        child.kill(signal);
      },
      onExit: (listener) => {
        let reported = false;
        const report = (code: number | null, signal: NodeJS.Signals | null) => {
          if (reported) return;
          reported = true;
          listener(code, signal);
        };
        // 'exit' fires when the process is reaped; 'close' would also wait for every holder of its
        // stdout and stderr, which a forked leftover could keep open for ever.
        child.once('exit', report);
        child.once('error', () => report(null, null));
      },
    };
  },
};
