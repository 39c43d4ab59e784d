/**
 * Every shape of plugin data, declared once as a zod schema; the TypeScript types are inferred
 * from these and re-exported by plugin-contract.ts. Used where the data arrives: the contract
 * (`plugins.*` in contract.ts: the renderer checks main's answers and events, main checks the
 * renderer's calls) and main's check of host messages (the descriptor). Bounds are the
 * header's LIMITS (PLUGIN_LIMITS) and Quire's own (PLUGIN_DOCUMENT_LIMITS,
 * PLUGIN_STATUS_LIMITS), so a shape and its limits are read in one place.
 *
 * Offsets are UTF-16 code unit offsets into the document text (what editors use); the plugin
 * host translates them to and from the ABI's UTF-8 byte offsets.
 *
 * The plugin host does not import this module at run time (loading zod would cost each host
 * ~45 ms of start-up); it checks the same rules field by field as it copies native memory.
 */
import { z } from 'zod';
import { isKeybinding, KEYBINDING_MAX_LENGTH } from './keybinding-grammar.js';
import {
  DIAGNOSTIC_SEVERITIES,
  HANDLER_KINDS,
  PLUGIN_CAPABILITIES,
  PLUGIN_DOCUMENT_LIMITS,
  PLUGIN_FAILURE_CODES,
  PLUGIN_LIMITS,
  PLUGIN_STATES,
  PLUGIN_STATUS_LIMITS,
  TRUST_STATES,
} from './plugin-contract.js';

const offset = z.number().int().nonnegative();
const descriptorText = z.string().max(PLUGIN_LIMITS.descriptorString);
const contributionId = z.string().min(1).max(PLUGIN_LIMITS.id);
const capabilities = z.array(z.enum(PLUGIN_CAPABILITIES)).max(PLUGIN_CAPABILITIES.length);

// ---------------------------------------------------------------------------------------
// Failures

export const PluginFailure = z.object({
  code: z.enum(PLUGIN_FAILURE_CODES),
  /** Full sentences: what happened and what the plugin's author (or user) can do. */
  message: z.string().max(PLUGIN_STATUS_LIMITS.failureText),
  /** Machine-readable facts (symbol names, sizes, signal, the call that was running...). */
  detail: z.record(z.string(), z.union([z.string().max(PLUGIN_STATUS_LIMITS.failureText), z.number()])).optional(),
});
export type PluginFailure = z.infer<typeof PluginFailure>;

// ---------------------------------------------------------------------------------------
// The descriptor and its contributions (quire_plugin, quire_command, quire_format, quire_linter)

export const CommandContribution = z.object({
  id: contributionId,
  title: descriptorText.min(1),
  /** In the grammar of keybinding-grammar.ts; null when the plugin gave none. */
  keybinding: z.string().max(KEYBINDING_MAX_LENGTH).refine(isKeybinding, 'is not a keybinding in the grammar of quire_plugin.h').nullable(),
});
export type CommandContribution = z.infer<typeof CommandContribution>;

export const FormatContribution = z.object({
  id: contributionId,
  name: descriptorText.min(1),
  extensions: z.array(descriptorText.min(1)).max(PLUGIN_LIMITS.namesPerFormat),
  filenames: z.array(descriptorText.min(1)).max(PLUGIN_LIMITS.namesPerFormat),
  /** The Monarch grammar, parsed from the plugin's JSON (≤ PLUGIN_LIMITS.grammar); null when it has none. */
  monarch: z.record(z.string(), z.unknown()).nullable(),
  hasFormatter: z.boolean(),
});
export type FormatContribution = z.infer<typeof FormatContribution>;

export const LinterContribution = z.object({
  id: contributionId,
  name: descriptorText.min(1),
  languages: z.array(contributionId).min(1).max(PLUGIN_LIMITS.languagesPerLinter),
  onSave: z.boolean(),
  onChange: z.boolean(),
});
export type LinterContribution = z.infer<typeof LinterContribution>;

/** What a plugin declared, checked and copied out of its memory. */
export const PluginDescriptor = z.object({
  id: descriptorText.min(1),
  name: descriptorText.min(1),
  version: descriptorText.min(1),
  description: descriptorText,
  abi: z.object({ major: z.number().int().nonnegative(), minor: z.number().int().nonnegative() }),
  /** Capabilities it asks for (ABI 1.1); always equal to its manifest's. */
  capabilities,
  commands: z.array(CommandContribution).max(PLUGIN_LIMITS.commands),
  formats: z.array(FormatContribution).max(PLUGIN_LIMITS.formats),
  linters: z.array(LinterContribution).max(PLUGIN_LIMITS.linters),
});
export type PluginDescriptor = z.infer<typeof PluginDescriptor>;

/**
 * The plugin's static manifest (the `quire_plugin_manifest` symbol), read from the file's
 * bytes without running any of its code: what the consent prompt shows before anything runs.
 */
export const PluginManifest = z.object({
  // The whole manifest is at most 8 KiB; a field longer than the descriptor allows is shown
  // (and refused as manifest-mismatch), so it is bounded by the manifest, not the descriptor.
  id: z.string().max(PLUGIN_LIMITS.manifest),
  name: z.string().max(PLUGIN_LIMITS.manifest),
  version: z.string().max(PLUGIN_LIMITS.manifest),
  capabilities,
});
export type PluginManifest = z.infer<typeof PluginManifest>;

// ---------------------------------------------------------------------------------------
// A call: the document (quire_document) and the result (quire_result, quire_edit, quire_diagnostic)

export const HandlerKind = z.enum(HANDLER_KINDS);
export type HandlerKind = z.infer<typeof HandlerKind>;

export const PluginSelection = z.object({ start: offset, end: offset, active: offset });
export type PluginSelection = z.infer<typeof PluginSelection>;

/** A document as handlers see it. */
export const PluginDocument = z.object({
  text: z.string().max(PLUGIN_DOCUMENT_LIMITS.text),
  languageId: z.string().max(PLUGIN_DOCUMENT_LIMITS.languageId),
  /** Absolute path of the file; empty for a document that was never saved. */
  path: z.string().max(PLUGIN_DOCUMENT_LIMITS.path),
  /** Primary first; at least one, as the header promises (an empty range is a caret). */
  selections: z.array(PluginSelection).min(1).max(PLUGIN_DOCUMENT_LIMITS.selections),
});
export type PluginDocument = z.infer<typeof PluginDocument>;

export const DiagnosticSeverity = z.enum(DIAGNOSTIC_SEVERITIES);
export type DiagnosticSeverity = z.infer<typeof DiagnosticSeverity>;

export const PluginEdit = z.object({
  start: offset,
  end: offset,
  /** All edits of one result together carry at most PLUGIN_LIMITS.resultText bytes. */
  text: z.string().max(PLUGIN_LIMITS.resultText),
});
export type PluginEdit = z.infer<typeof PluginEdit>;

export const PluginDiagnostic = z.object({
  start: offset,
  end: offset,
  severity: DiagnosticSeverity,
  message: z.string().min(1).max(PLUGIN_LIMITS.message),
  code: z.string().min(1).max(PLUGIN_LIMITS.diagnosticCode).nullable(),
});
export type PluginDiagnostic = z.infer<typeof PluginDiagnostic>;

/** A handler's answer, checked and copied; offsets in UTF-16 code units of the input text. */
export const PluginCallResult = z.object({
  message: z.string().max(PLUGIN_LIMITS.message).nullable(),
  /** Replaces the whole document when not null. */
  text: z.string().max(PLUGIN_LIMITS.resultText).nullable(),
  edits: z.array(PluginEdit).max(PLUGIN_LIMITS.resultEdits),
  diagnostics: z.array(PluginDiagnostic).max(PLUGIN_LIMITS.resultDiagnostics),
});
export type PluginCallResult = z.infer<typeof PluginCallResult>;

/** `{ ok: true, value }` or `{ ok: false, failure }`: the schema of a PluginOutcome<T>. */
export function pluginOutcome<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value }), z.object({ ok: z.literal(false), failure: PluginFailure })]);
}

/** How long each stage of a load took, in milliseconds. */
export const LoadTimings = z.object({ inspectMs: z.number(), dlopenMs: z.number(), initMs: z.number() });
export type LoadTimings = z.infer<typeof LoadTimings>;

// ---------------------------------------------------------------------------------------
// A plugin file as the supervisor sees it

/** Where a plugin file is in its life. */
export const PluginState = z.enum(PLUGIN_STATES);
export type PluginState = z.infer<typeof PluginState>;

export const TrustState = z.enum(TRUST_STATES);
export type TrustState = z.infer<typeof TrustState>;

export const PluginSigner = z.object({
  /** The minisign key id in uppercase hex exactly as minisign prints it (without leading zeros). */
  keyId: z.string().max(16),
  /** The signature's trusted comment (signed, so it can be shown as the signer's word). */
  trustedComment: z.string().max(PLUGIN_STATUS_LIMITS.failureText).nullable(),
  /** Whether the key is one the user trusts (in the config folder's trusted-keys). */
  trusted: z.boolean(),
});
export type PluginSigner = z.infer<typeof PluginSigner>;

export const PluginTrust = z.object({
  state: TrustState,
  signer: PluginSigner.nullable(),
  /** Read from the file without running it; null when the plugin has no manifest. */
  manifest: PluginManifest.nullable(),
});
export type PluginTrust = z.infer<typeof PluginTrust>;

/** How a plugin's host process is confined (Linux: Landlock, seccomp, resource limits). */
export const SandboxReport = z.object({
  /** `sandboxed`: every layer applied; `partial`: some layers missing (see reason); `off`: none. */
  state: z.enum(['sandboxed', 'partial', 'off']),
  /** Why it is not fully sandboxed, in words for the user; null when it is. */
  reason: z.string().max(PLUGIN_STATUS_LIMITS.failureText).nullable(),
  /** The Landlock ABI version in force, or null when Landlock was not applied. */
  landlockAbi: z.number().int().nullable(),
  seccomp: z.boolean(),
  memoryLimitBytes: z.number().nullable(),
  /** Capabilities granted to this host (exactly those the manifest asked for and the user allowed). */
  grants: capabilities,
});
export type SandboxReport = z.infer<typeof SandboxReport>;

/** Per-plugin accounting, refreshed while the plugin runs. */
export const PluginStats = z.object({
  pid: z.number().int().nullable(),
  /** Resident memory of its host process, in bytes. */
  rssBytes: z.number().nullable(),
  /** CPU used by its host process since it started, in milliseconds (user + system). */
  cpuMs: z.number().nullable(),
  calls: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
  medianCallMs: z.number().nullable(),
  p95CallMs: z.number().nullable(),
  crashes: z.number().int().nonnegative(),
});
export type PluginStats = z.infer<typeof PluginStats>;

export const PluginLogLine = z.object({
  at: z.number(),
  source: z.string().max(16),
  level: z.string().max(16),
  text: z.string().max(PLUGIN_STATUS_LIMITS.logLineText),
});

/** One plugin file as the supervisor sees it: what the Plugins panel and `quire doctor --watch` show. */
export const PluginStatus = z.object({
  /** The file as found in the plugins folder. */
  path: z.string().max(PLUGIN_DOCUMENT_LIMITS.path),
  /** The file it resolves to (symlinks followed). */
  realPath: z.string().max(PLUGIN_DOCUMENT_LIMITS.path),
  state: PluginState,
  enabled: z.boolean(),
  /** SHA-256 of the file as last loaded (hex); null until it has been read. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  /** Consent and signature; null until the file has been read. */
  trust: PluginTrust.nullable(),
  /** The confinement of the host running it; null while no host runs it. */
  sandbox: SandboxReport.nullable(),
  descriptor: PluginDescriptor.nullable(),
  failure: PluginFailure.nullable(),
  stats: PluginStats,
  /** The most recent log lines (stdout, stderr, host->log and Quire's own notes). */
  log: z.array(PluginLogLine).max(PLUGIN_STATUS_LIMITS.logLines),
});
export type PluginStatus = z.infer<typeof PluginStatus>;

/** A folder Quire loads plugins from. */
export const PluginFolderInfo = z.object({
  path: z.string().max(PLUGIN_DOCUMENT_LIMITS.path),
  origin: z.enum(['bundled', 'user', 'command-line']),
  /** Whether the folder is there now (the user's is made when they add their first plugin). */
  exists: z.boolean(),
  /** Whether this user can put plugins in it (or make it): false for an installed app's own folder. */
  writable: z.boolean(),
});
export type PluginFolderInfo = z.infer<typeof PluginFolderInfo>;

/** The payload of `plugins.list`'s result and of the `plugins.changed` event. */
export const PluginStatusList = z.object({ plugins: z.array(PluginStatus) });
