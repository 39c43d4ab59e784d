/** Names of PE/COFF machines, for messages. */

const MACHINE_NAMES: Record<number, string> = {
  0x014c: 'x86 (32-bit)',
  0x8664: 'x86-64',
  0xaa64: 'arm64',
  0x01c4: 'arm (ARM 32-bit)',
  0xa641: 'arm64ec',
};

export function peMachineName(machine: number): string {
  return MACHINE_NAMES[machine] ?? `machine 0x${machine.toString(16)}`;
}
