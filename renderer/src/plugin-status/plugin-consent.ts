import type { PluginFailure, PluginStatus } from '../../../app/plugin-contract.js';
import { baseName } from './plugin-notifications.js';
import { capabilitiesQuestion, shortHash, signerName } from './plugin-trust.js';

/** What the consent notification asks about one plugin file, in words. */
export interface ConsentPrompt {
  path: string;
  /** The exact bytes the answer is about: a changed file asks again. */
  sha256: string;
  /** `Allow plugin OK Basic (dev.quire.test.ok-basic) 1.0.0?` */
  question: string;
  /** Lines under the question: the file and its hash, the signer, what it may do. */
  details: string[];
}

/** The prompt for a plugin file waiting for consent; null for any other. */
export function consentPromptOf(plugin: Pick<PluginStatus, 'path' | 'state' | 'sha256' | 'trust'>): ConsentPrompt | null {
  // Without its hash there is nothing to approve: `plugins.decide` names the bytes it allows.
  if (plugin.state !== 'awaiting-consent' || plugin.sha256 === null) return null;
  const file = baseName(plugin.path);
  const manifest = plugin.trust?.manifest ?? null;
  const signer = plugin.trust?.signer ?? null;
  const question = manifest ? `Allow plugin ${manifest.name} (${manifest.id}) ${manifest.version}?` : `Allow plugin file ${file}?`;
  const details = [
    `File ${file} · SHA-256 ${shortHash(plugin.sha256)}`,
    // Said outright: a plugin without a manifest cannot be told apart from any other file.
    ...(manifest ? [] : ['It did not declare its name, id or version.']),
    signer ? `Signed by ${signerName(signer)}${signer.trusted ? '' : ' — not in your trusted keys'}` : 'Not signed',
    // No manifest means nothing declared, and so nothing granted.
    capabilitiesQuestion(manifest?.capabilities ?? []),
  ];
  return { path: plugin.path, sha256: plugin.sha256, question, details };
}

/**
 * Decides which consent prompts to show and which to take back as plugin lists arrive: one per
 * plugin file and hash, shown once (a prompt the user dismissed stays dismissed until the file
 * changes), withdrawn once the file is no longer waiting (answered in the Plugins panel, removed).
 */
export class ConsentPromptTracker {
  /** Path → the hash its shown prompt is about. */
  private readonly shown = new Map<string, string>();

  update(plugins: readonly PluginStatus[]): { show: ConsentPrompt[]; withdraw: string[] } {
    const show: ConsentPrompt[] = [];
    const withdraw: string[] = [];
    const waiting = new Set<string>();
    for (const plugin of plugins) {
      const prompt = consentPromptOf(plugin);
      if (prompt === null) continue;
      waiting.add(prompt.path);
      if (this.shown.get(prompt.path) === prompt.sha256) continue;
      this.shown.set(prompt.path, prompt.sha256);
      show.push(prompt);
    }
    for (const path of [...this.shown.keys()]) {
      if (waiting.has(path)) continue;
      this.shown.delete(path);
      withdraw.push(path);
    }
    return { show, withdraw };
  }
}

/**
 * Whether a plugin's failure is only the user's own answer still to come, or already given:
 * shown as a notice, not an error (nothing is wrong with the file).
 */
export function isConsentFailure(failure: Pick<PluginFailure, 'code'> | null): boolean {
  return failure?.code === 'awaiting-consent' || failure?.code === 'denied';
}

/** The Plugins panel's word on the files waiting for an answer, and what each answer does. */
export function waitingSummary(count: number): string {
  const waiting = count === 1 ? '1 plugin file is waiting for your decision and has' : `${count} plugin files are waiting for your decision and have`;
  return (
    `${waiting} not run. Allow runs a file exactly as it is now, in its sandbox, on this and later starts; ` +
    'Deny keeps it from running until you allow it here. A file that changes is asked about again.'
  );
}
