import type { PluginManifest } from '../../../app/plugin-contract.js';

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

/** The ELF identity a loadable plugin must have on this machine. */
export interface HostTarget {
  elfClass: 32 | 64;
  elfMachine: number;
  littleEndian: boolean;
  archName: string;
}

export interface Accepted {
  ok: true;
  format: 'elf';
  elfClass: 32 | 64;
  machine: string;
  soname?: string;
  needed: string[];
  entryExported: true;
  /** Read from the file's bytes (quire_plugin_manifest); null when the plugin declares none. */
  manifest: PluginManifest | null;
}

export interface Refusal {
  ok: false;
  code: InspectCode;
  message: string;
  detail: Record<string, string | number>;
}

export type Inspection = Accepted | Refusal;

/** The result of one parsing step: its value, or the refusal that ends the inspection. */
export type Step<T> = { ok: true; value: T } | Refusal;
