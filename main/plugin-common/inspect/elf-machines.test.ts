import { endianness } from 'node:os';
import { describe, expect, it } from 'vitest';
import { elfMachineName } from './elf-machines.js';
import { currentHostTarget, hostTargetFor } from './index.js';

describe('host targets', () => {
  it('describes the running process from process.arch and the machine byte order', () => {
    expect(currentHostTarget()).toEqual(hostTargetFor(process.arch, endianness() === 'LE', process.platform));
  });

  it.each([
    ['x64', true, { elfClass: 64, elfMachine: 62, littleEndian: true, archName: 'x86-64' }],
    ['arm64', true, { elfClass: 64, elfMachine: 183, littleEndian: true, archName: 'aarch64 (ARM 64-bit)' }],
    ['ia32', true, { elfClass: 32, elfMachine: 3, littleEndian: true, archName: 'x86 (32-bit)' }],
    ['arm', true, { elfClass: 32, elfMachine: 40, littleEndian: true, archName: 'arm (ARM 32-bit)' }],
    ['riscv64', true, { elfClass: 64, elfMachine: 243, littleEndian: true, archName: 'riscv64' }],
    ['ppc64', true, { elfClass: 64, elfMachine: 21, littleEndian: true, archName: 'ppc64le' }],
    ['ppc64', false, { elfClass: 64, elfMachine: 21, littleEndian: false, archName: 'ppc64' }],
    ['s390x', false, { elfClass: 64, elfMachine: 22, littleEndian: false, archName: 's390x' }],
    ['loong64', true, { elfClass: 64, elfMachine: 258, littleEndian: true, archName: 'loongarch64' }],
  ] as const)('maps %s on Linux (little-endian machine: %s)', (arch, littleEndian, expected) => {
    expect(hostTargetFor(arch, littleEndian, 'linux')).toMatchObject({ os: 'linux', ...expected });
  });

  it.each([
    ['darwin', 'x64', { os: 'darwin', machOCpu: 0x01000007, archName: 'x86-64' }],
    ['darwin', 'arm64', { os: 'darwin', machOCpu: 0x0100000c, archName: 'arm64' }],
    ['win32', 'x64', { os: 'win32', peMachine: 0x8664, archName: 'x86-64' }],
    ['win32', 'arm64', { os: 'win32', peMachine: 0xaa64, archName: 'arm64' }],
    ['win32', 'ia32', { os: 'win32', peMachine: 0x14c, archName: 'x86 (32-bit)' }],
    // Node's other Unix systems load ELF as Linux does.
    ['freebsd', 'x64', { os: 'linux', elfMachine: 62, archName: 'x86-64' }],
  ] as const)('maps %s %s to its system and processor', (platform, arch, expected) => {
    expect(hostTargetFor(arch, true, platform)).toMatchObject(expected);
  });

  it('gives an unknown architecture machine 0, which no plugin matches, and keeps its name for messages', () => {
    expect(hostTargetFor('vax', true, 'linux')).toMatchObject({ elfMachine: 0, machOCpu: 0, peMachine: 0, archName: 'vax' });
  });

  it('names x32 and big-endian MIPS from class and byte order', () => {
    expect(elfMachineName(62, 32, true)).toBe('x32 (x86-64 with 32-bit pointers)');
    expect(elfMachineName(8, 32, false)).toBe('mips');
    expect(elfMachineName(8, 64, true)).toBe('mips64el');
    expect(elfMachineName(9999, 64, true)).toBe('ELF machine 9999');
  });
});
