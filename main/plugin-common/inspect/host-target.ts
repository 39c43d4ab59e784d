import { hostTargetFor } from './elf-machines.js';
import type { HostTarget } from './inspection.js';

/** The identity of the running process: a plugin must match it to be loadable here. */
export function currentHostTarget(): HostTarget {
  const machineIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  return hostTargetFor(process.arch, machineIsLittleEndian, process.platform);
}
