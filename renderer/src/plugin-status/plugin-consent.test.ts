import { describe, expect, it } from 'vitest';
import { pendingPluginStatus, pluginStatus } from './plugin-status-fixtures.test-support.js';
import { consentPromptOf, ConsentPromptTracker, isConsentFailure, waitingSummary } from './plugin-consent.js';

const OK = '/plugins/ok-basic.so';
const HASH = '0123456789abcdef'.repeat(4);

describe('consentPromptOf', () => {
  it('asks by name, id and version, with the file, short hash, signer and capabilities', () => {
    expect(consentPromptOf(pendingPluginStatus(OK))).toEqual({
      path: OK,
      sha256: HASH,
      question: 'Allow plugin OK Basic (dev.quire.test.ok-basic) 1.0.0?',
      details: ['File ok-basic.so · SHA-256 0123456789ab', 'Not signed', 'No extra capabilities — it runs sandboxed.'],
    });
  });

  it('names an untrusted signer and what the plugin asks to do', () => {
    const plugin = pendingPluginStatus(OK);
    plugin.trust!.signer = { keyId: 'A0A20C0CFABD1C33', trustedComment: 'someone', trusted: false };
    plugin.trust!.manifest!.capabilities = ['read-document-folder', 'network'];
    expect(consentPromptOf(plugin)?.details.slice(1)).toEqual([
      'Signed by A0A20C0CFABD1C33 "someone" — not in your trusted keys',
      "It asks to read files in the document's folder and use the network.",
    ]);
  });

  it('says when a plugin did not declare its name', () => {
    const plugin = pendingPluginStatus(OK);
    plugin.trust!.manifest = null;
    const prompt = consentPromptOf(plugin);
    expect(prompt?.question).toBe('Allow plugin file ok-basic.so?');
    expect(prompt?.details).toContain('It did not declare its name, id or version.');
  });

  it('asks nothing of a file not waiting, or not yet hashed', () => {
    expect(consentPromptOf(pluginStatus(OK, 'ready'))).toBeNull();
    expect(consentPromptOf(pluginStatus(OK, 'denied'))).toBeNull();
    expect(consentPromptOf(pendingPluginStatus(OK, { sha256: null }))).toBeNull();
  });
});

describe('ConsentPromptTracker', () => {
  it('prompts once per file and hash, startup list included', () => {
    const tracker = new ConsentPromptTracker();
    const first = tracker.update([pendingPluginStatus(OK), pluginStatus('/plugins/csv.so', 'ready')]);
    expect(first.show.map((prompt) => prompt.path)).toEqual([OK]);
    expect(first.withdraw).toEqual([]);
    // The same file again (a stats refresh): no second prompt, even if the first was dismissed.
    expect(tracker.update([pendingPluginStatus(OK)])).toEqual({ show: [], withdraw: [] });
    // The file changed while waiting: its new bytes are asked about.
    expect(tracker.update([pendingPluginStatus(OK, { sha256: 'f'.repeat(64) })]).show).toHaveLength(1);
  });

  it('withdraws a prompt answered elsewhere or whose file went away', () => {
    const tracker = new ConsentPromptTracker();
    tracker.update([pendingPluginStatus(OK), pendingPluginStatus('/plugins/two.so')]);
    expect(tracker.update([pluginStatus(OK, 'denied'), pendingPluginStatus('/plugins/two.so')])).toEqual({ show: [], withdraw: [OK] });
    expect(tracker.update([pluginStatus(OK, 'denied')])).toEqual({ show: [], withdraw: ['/plugins/two.so'] });
    // Asked again later (allowed, then the file changed): a new prompt.
    expect(tracker.update([pendingPluginStatus(OK)]).show).toHaveLength(1);
  });
});

describe('isConsentFailure', () => {
  it('tells a pending or denied answer from a fault', () => {
    expect(isConsentFailure({ code: 'awaiting-consent' })).toBe(true);
    expect(isConsentFailure({ code: 'denied' })).toBe(true);
    expect(isConsentFailure({ code: 'bad-signature' })).toBe(false);
    expect(isConsentFailure(null)).toBe(false);
  });
});

describe('waitingSummary', () => {
  it('counts the waiting files and says what Allow and Deny do', () => {
    expect(waitingSummary(1)).toMatch(/^1 plugin file is waiting for your decision and has not run\. Allow runs /);
    expect(waitingSummary(3)).toMatch(/^3 plugin files are waiting for your decision and have not run\. /);
    expect(waitingSummary(2)).toContain('Deny keeps it from running until you allow it here.');
  });
});
