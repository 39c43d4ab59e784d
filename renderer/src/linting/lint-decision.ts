import type { Outcome } from '../../../app/contract.js';
import type { PluginCallResult, PluginFailure } from '../../../app/plugin-contract.js';

type CallAnswer = Outcome<{ outcome: { ok: true; value: PluginCallResult } | { ok: false; failure: PluginFailure } }>;

/** What to do with a lint call's answer. */
export type LintDecision =
  | { kind: 'apply'; result: PluginCallResult }
  /** The text changed while the linter ran: its offsets no longer fit, a newer run will follow. */
  | { kind: 'stale' }
  /** A newer call for the same document replaced this one while it queued. */
  | { kind: 'superseded' }
  /** The plugin is restarting, quarantined or disabled: its state change is announced elsewhere. */
  | { kind: 'unavailable' }
  /** Main did not answer for the plugin (connection lost…): not the plugin's failure, and the banner says so. */
  | { kind: 'unanswered' }
  | { kind: 'failed'; code: string; message: string };

/**
 * Decides from the model version when the call started, the version now, and the answer.
 * Staleness wins over everything: even a failure of an outdated run says nothing about now.
 */
export function decideLintResult(startVersion: number, currentVersion: number, answer: CallAnswer): LintDecision {
  if (startVersion !== currentVersion) return { kind: 'stale' };
  if (!answer.ok) return { kind: 'unanswered' };
  const outcome = answer.value.outcome;
  if (outcome.ok) return { kind: 'apply', result: outcome.value };
  if (outcome.failure.code === 'superseded') return { kind: 'superseded' };
  if (outcome.failure.code === 'unavailable' || outcome.failure.code === 'quarantined') return { kind: 'unavailable' };
  return { kind: 'failed', code: outcome.failure.code, message: outcome.failure.message };
}
