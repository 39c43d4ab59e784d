import type { PluginManifest } from '../../../app/plugin-contract.js';
import type { PluginOs } from './platforms.js';

/** Why a file was refused; callers branch on these, so they are stable. */
export type InspectCode =
  | 'not-a-binary'
  | 'wrong-os'
  | 'wrong-arch'
  | 'not-shared-object'
  | 'go-plugin'
  | 'missing-entry'
  /** The manifest (quire_plugin_manifest) is there but cannot be read: see the message. */
  | 'manifest-mismatch'
  | 'unreadable'
  | 'too-large';

/** What a loadable plugin must be on this machine: its system's format, for its processor. */
export interface HostTarget {
  /** The system, which decides the format: ELF (Linux), Mach-O (macOS) or PE (Windows). */
  os: PluginOs;
  elfClass: 32 | 64;
  elfMachine: number;
  littleEndian: boolean;
  /** Mach-O cputype of this processor; 0 where macOS does not run on it. */
  machOCpu: number;
  /** PE/COFF Machine of this processor; 0 where Windows does not run on it. */
  peMachine: number;
  /** The processor as the system's own tools name it (x86-64, aarch64 (ARM 64-bit), arm64...). */
  archName: string;
}

interface AcceptedFile {
  ok: true;
  machine: string;
  entryExported: true;
  /** Read from the file's bytes (quire_plugin_manifest); null when the plugin declares none. */
  manifest: PluginManifest | null;
}

export type Accepted =
  | (AcceptedFile & { format: 'elf'; elfClass: 32 | 64; soname?: string; needed: string[] })
  | (AcceptedFile & { format: 'mach-o' | 'pe' });

export interface Refusal {
  ok: false;
  code: InspectCode;
  message: string;
  detail: Record<string, string | number>;
}

export type Inspection = Accepted | Refusal;

/** The result of one parsing step: its value, or the refusal that ends the inspection. */
export type Step<T> = { ok: true; value: T } | Refusal;
