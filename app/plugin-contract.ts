/**
 * Plain data about native plugins, shared by the plugin host, main and the renderer: the
 * constants (failure codes, capabilities, trust modes, the header's LIMITS) and the types.
 *
 * Every shape is declared ONCE, as a zod schema in plugin-schemas.ts; the types here are
 * inferred from those schemas and re-exported. This module imports nothing at runtime, so the
 * plugin host (which never validates with zod, and starts faster without loading it) can use
 * the constants.
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
  // Quire was started with --disable-plugins: listed, not loaded, until the user enables it.
  'safe-mode',
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

export type PluginOutcome<T> = { ok: true; value: T } | { ok: false; failure: PluginFailure };

/**
 * What a plugin may do beyond its own process, declared in its manifest and descriptor
 * (QUIRE_CAP_* in quire_plugin.h). Nothing else is ever granted.
 */
export const PLUGIN_CAPABILITIES = ['read-document-folder', 'network'] as const;
export type PluginCapability = (typeof PLUGIN_CAPABILITIES)[number];

/** `plugins.trust` in settings.json (or --trust-plugins): which plugin files run without asking. */
export const TRUST_MODES = ['ask', 'signed-only', 'all'] as const;
export type TrustMode = (typeof TRUST_MODES)[number];

/**
 * LIMITS of native/include/quire_plugin.h, in bytes of UTF-8 or in counts. The loader refuses a
 * plugin (or fails its call) past them; the schemas bound the same fields by them. A string of
 * N UTF-8 bytes has at most N UTF-16 code units, so a byte limit is also a `.max()` in zod.
 */
export const PLUGIN_LIMITS = {
  descriptorString: 4 * 1024,
  grammar: 1024 * 1024,
  /** Contribution ids (quire_command.id, quire_format.id, quire_linter.id) and language ids. */
  id: 64,
  commands: 256,
  formats: 64,
  linters: 64,
  namesPerFormat: 64,
  languagesPerLinter: 64,
  resultText: 64 * 1024 * 1024,
  resultEdits: 100_000,
  resultDiagnostics: 100_000,
  message: 4 * 1024,
  diagnosticCode: 64,
  logLine: 4 * 1024,
  /** The quire_plugin_manifest array, NUL included. */
  manifest: 8 * 1024,
} as const;

/**
 * Bounds of what Quire itself sends or keeps (not set by the header): the document a handler
 * is given, failure messages Quire words, and a status's log tail.
 */
export const PLUGIN_DOCUMENT_LIMITS = {
  /** Equal to MAX_TEXT_FILE_BYTES in contract.ts (a test keeps them equal). */
  text: 50 * 1024 * 1024,
  languageId: 64,
  /** Linux PATH_MAX, as MAX_PATH_LENGTH in contract.ts. */
  path: 4096,
  selections: 10_000,
} as const;
export const PLUGIN_STATUS_LIMITS = {
  /** A failure's message and each string of its detail. */
  failureText: 16 * 1024,
  /** Lines of a status's `log` (the supervisor keeps the last 50). */
  logLines: 50,
  /** A log line is cut at PLUGIN_LIMITS.logLine and marked with one "…". */
  logLineText: 4 * 1024 + 1,
} as const;

/** States of a plugin file (see PluginState in plugin-schemas.ts for what each means). */
export const PLUGIN_STATES = [
  'discovered',
  'inspecting',
  'loading',
  'ready',
  'failed',
  'crashed',
  'hung',
  'restarting',
  'quarantined',
  'disabled',
  'refused',
  /** Inspected, not run: waiting for the user to allow or deny this exact file (by hash). */
  'awaiting-consent',
  /** The user denied this file; a changed file (new hash) asks again. */
  'denied',
] as const;

/** Why a plugin file may run, or why it may not. */
export const TRUST_STATES = [
  /** Shipped with Quire. */
  'bundled',
  /** Signed by a key in the user's trusted-keys folder. */
  'signed',
  /** The user allowed this hash. */
  'approved',
  /** `plugins.trust` is `all`. */
  'trust-all',
  /** Waiting for Allow / Deny. */
  'pending',
  /** The user denied this hash. */
  'denied',
  /** Refused without asking: a bad signature, or unsigned under `signed-only`. */
  'refused',
] as const;

export const DIAGNOSTIC_SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;
export const HANDLER_KINDS = ['command', 'format', 'lint'] as const;

export type {
  CommandContribution,
  DiagnosticSeverity,
  FormatContribution,
  HandlerKind,
  LinterContribution,
  LoadTimings,
  PluginCallResult,
  PluginDescriptor,
  PluginDiagnostic,
  PluginDocument,
  PluginEdit,
  PluginFailure,
  PluginFolderInfo,
  PluginManifest,
  PluginSigner,
  PluginState,
  PluginStats,
  PluginStatus,
  PluginTrust,
  SandboxReport,
  TrustState,
} from './plugin-schemas.js';
import type { PluginFailure } from './plugin-schemas.js';
