import type { SandboxReport } from '../../../app/plugin-contract.js';
import type { Hello } from '../host/host-connection.js';
import type { HostGrants } from '../host/host-command.js';

/**
 * How a host is confined, in the Plugins panel's terms, from what the host said in its hello:
 * Landlock as the launcher left it, seccomp as the host applied it to itself.
 */
export function sandboxReport(hello: Hello, memoryLimitBytes: number | null, grants: HostGrants): SandboxReport {
  const { landlock, seccomp } = hello.sandbox;
  const landlockAbi = /^\d+$/.test(landlock) ? Number(landlock) : null;
  const seccompApplied = seccomp === 'applied';
  const missing: string[] = [];
  if (landlockAbi === null) missing.push(landlock === 'off' ? 'the sandbox is turned off' : `Landlock is ${landlock}`);
  if (!seccompApplied && seccomp !== 'off') missing.push(`seccomp ${seccomp}`);
  else if (!seccompApplied && landlockAbi !== null) missing.push('seccomp was not applied');
  const state = landlockAbi !== null && seccompApplied ? 'sandboxed' : landlockAbi === null && !seccompApplied ? 'off' : 'partial';
  return {
    state,
    reason: missing.length === 0 ? null : `${[...new Set(missing)].join('; ')}.`,
    landlockAbi,
    seccomp: seccompApplied,
    memoryLimitBytes,
    grants: grants.capabilities,
  };
}
