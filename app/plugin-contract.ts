/**
 * Plain-data types describing native plugins and what happens to them, shared by the plugin
 * host, main and (later) the renderer. No runtime imports.
 */

/**
 * Stable failure codes. Plugin authors search for these; never rename one.
 * Each comes with a message saying what is wrong and how to fix it.
 */
export const PLUGIN_FAILURE_CODES = [
  // The file, judged from its bytes before any of its code runs.
  'unreadable',
  'too-large',
  'not-a-binary',
  'wrong-os',
  'wrong-arch',
  'not-shared-object',
  'go-plugin',
  'missing-entry',
  // Loading it.
  'unresolved-symbol',
  'missing-library',
  'load-failed',
  // Its descriptor.
  'abi-too-old',
  'abi-too-new',
  'bad-descriptor',
  // Starting it.
  'init-failed',
  'init-timeout',
  // Calling it.
  'crashed',
  'call-timeout',
  'bad-result',
  'plugin-error',
  'unknown-handler',
  // Quire's own side: the host process could not be started or spoke another protocol.
  'host-failed',
  // The supervisor's decisions.
  'not-a-plugin-file',
  'duplicate-id',
  'quarantined',
  'unavailable',
  'busy',
  'superseded',
  // Trust and the sandbox.
  'awaiting-consent',
  'denied',
  'untrusted',
  'bad-signature',
  'manifest-mismatch',
  'not-sandboxed',
  'memory-limit',
  'unsafe-grammar',
] as const;

export type PluginFailureCode = (typeof PLUGIN_FAILURE_CODES)[number];

export interface PluginFailure {
  code: PluginFailureCode;
  /** Full sentences: what happened and what the plugin's author (or user) can do. */
  message: string;
  /** Machine-readable facts (symbol names, sizes, signal, the call that was running...). */
  detail?: Record<string, string | number>;
}

export type PluginOutcome<T> = { ok: true; value: T } | { ok: false; failure: PluginFailure };

export interface CommandContribution {
  id: string;
  title: string;
  keybinding: string | null;
}

export interface FormatContribution {
  id: string;
  name: string;
  extensions: string[];
  filenames: string[];
  /** The Monarch grammar, parsed from the plugin's JSON; null when it has none. */
  monarch: Record<string, unknown> | null;
  hasFormatter: boolean;
}

export interface LinterContribution {
  id: string;
  name: string;
  languages: string[];
  onSave: boolean;
  onChange: boolean;
}

/**
 * What a plugin may do beyond its own process, declared in its manifest and descriptor
 * (QUIRE_CAP_* in quire_plugin.h). Nothing else is ever granted.
 */
export const PLUGIN_CAPABILITIES = ['read-document-folder', 'network'] as const;
export type PluginCapability = (typeof PLUGIN_CAPABILITIES)[number];

/**
 * The plugin's static manifest (the `quire_plugin_manifest` symbol), read from the file's
 * bytes without running any of its code: what the consent prompt shows before anything runs.
 */
export interface PluginManifest {
  id: string;
  name: string;
  version: string;
  capabilities: PluginCapability[];
}

/** What a plugin declared, checked and copied out of its memory. */
export interface PluginDescriptor {
  id: string;
  name: string;
  version: string;
  description: string;
  abi: { major: number; minor: number };
  /** Capabilities it asks for (ABI 1.1); always equal to its manifest's. */
  capabilities: PluginCapability[];
  commands: CommandContribution[];
  formats: FormatContribution[];
  linters: LinterContribution[];
}

export type HandlerKind = 'command' | 'format' | 'lint';

/**
 * A document as handlers see it. Offsets here are UTF-16 code unit offsets into `text`
 * (what editors use); the plugin host translates to and from the ABI's UTF-8 byte offsets.
 */
export interface PluginDocument {
  text: string;
  languageId: string;
  path: string;
  selections: { start: number; end: number; active: number }[];
}

export type DiagnosticSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface PluginEdit {
  start: number;
  end: number;
  text: string;
}

export interface PluginDiagnostic {
  start: number;
  end: number;
  severity: DiagnosticSeverity;
  message: string;
  code: string | null;
}

/** A handler's answer, checked and copied; offsets in UTF-16 code units of the input text. */
export interface PluginCallResult {
  message: string | null;
  /** Replaces the whole document when not null. */
  text: string | null;
  edits: PluginEdit[];
  diagnostics: PluginDiagnostic[];
}

/** How long each stage of a load took, in milliseconds. */
export interface LoadTimings {
  inspectMs: number;
  dlopenMs: number;
  initMs: number;
}

/** Where a plugin file is in its life. */
export type PluginState =
  | 'discovered'
  | 'inspecting'
  | 'loading'
  | 'ready'
  | 'failed'
  | 'crashed'
  | 'hung'
  | 'restarting'
  | 'quarantined'
  | 'disabled'
  | 'refused'
  /** Inspected, not run: waiting for the user to allow or deny this exact file (by hash). */
  | 'awaiting-consent'
  /** The user denied this file; a changed file (new hash) asks again. */
  | 'denied';

/** `plugins.trust` in settings.json (or --trust-plugins): which plugin files run without asking. */
export const TRUST_MODES = ['ask', 'signed-only', 'all'] as const;
export type TrustMode = (typeof TRUST_MODES)[number];

/** Why a plugin file may run, or why it may not. */
export type TrustState =
  /** Shipped with Quire. */
  | 'bundled'
  /** Signed by a key in the user's trusted-keys folder. */
  | 'signed'
  /** The user allowed this hash. */
  | 'approved'
  /** `plugins.trust` is `all`. */
  | 'trust-all'
  /** Waiting for Allow / Deny. */
  | 'pending'
  /** The user denied this hash. */
  | 'denied'
  /** Refused without asking: a bad signature, or unsigned under `signed-only`. */
  | 'refused';

export interface PluginSigner {
  /** The minisign key id in uppercase hex exactly as minisign prints it (without leading zeros). */
  keyId: string;
  /** The signature's trusted comment (signed, so it can be shown as the signer's word). */
  trustedComment: string | null;
  /** Whether the key is one the user trusts (in the config folder's trusted-keys). */
  trusted: boolean;
}

export interface PluginTrust {
  state: TrustState;
  signer: PluginSigner | null;
  /** Read from the file without running it; null when the plugin has no manifest. */
  manifest: PluginManifest | null;
}

/** How a plugin's host process is confined (Linux: Landlock, seccomp, resource limits). */
export interface SandboxReport {
  /** `sandboxed`: every layer applied; `partial`: some layers missing (see reason); `off`: none. */
  state: 'sandboxed' | 'partial' | 'off';
  /** Why it is not fully sandboxed, in words for the user; null when it is. */
  reason: string | null;
  /** The Landlock ABI version in force, or null when Landlock was not applied. */
  landlockAbi: number | null;
  seccomp: boolean;
  memoryLimitBytes: number | null;
  /** Capabilities granted to this host (exactly those the manifest asked for and the user allowed). */
  grants: PluginCapability[];
}

/** Per-plugin accounting, refreshed while the plugin runs. */
export interface PluginStats {
  pid: number | null;
  /** Resident memory of its host process, in bytes. */
  rssBytes: number | null;
  /** CPU used by its host process since it started, in milliseconds (user + system). */
  cpuMs: number | null;
  calls: number;
  failures: number;
  medianCallMs: number | null;
  p95CallMs: number | null;
  crashes: number;
}

/** One plugin file as the supervisor sees it: what the Plugins panel and `quire doctor --watch` show. */
export interface PluginStatus {
  /** The file as found in the plugins folder. */
  path: string;
  /** The file it resolves to (symlinks followed). */
  realPath: string;
  state: PluginState;
  enabled: boolean;
  /** SHA-256 of the file as last loaded (hex); null until it has been read. */
  sha256: string | null;
  /** Consent and signature; null until the file has been read. */
  trust: PluginTrust | null;
  /** The confinement of the host running it; null while no host runs it. */
  sandbox: SandboxReport | null;
  descriptor: PluginDescriptor | null;
  failure: PluginFailure | null;
  stats: PluginStats;
  /** The most recent log lines (stdout, stderr, host->log and Quire's own notes). */
  log: { at: number; source: string; level: string; text: string }[];
}

/** A folder Quire loads plugins from. */
export interface PluginFolderInfo {
  path: string;
  origin: 'bundled' | 'user' | 'command-line';
}
