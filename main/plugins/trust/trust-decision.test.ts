import { describe, expect, it } from 'vitest';
import { TRUST_MODES, type TrustMode } from '../../../app/plugin-contract.js';
import type { SignatureCheck } from './minisign.js';
import { decideTrust, type TrustInput } from './trust-decision.js';

const KEY = 'A1B2C3D4E5F60718';
const valid: SignatureCheck = { status: 'valid', keyId: KEY, trustedComment: 'release 1.2' };
const unknown: SignatureCheck = { status: 'unknown-key', keyId: KEY };
const changed: SignatureCheck = { status: 'invalid', keyId: KEY, problem: 'the file is not the one that was signed' };
const malformed: SignatureCheck = { status: 'invalid', keyId: null, problem: 'it is not a minisign signature' };

const base: TrustInput = { mode: 'ask', origin: 'user', signature: null, approval: null, fileName: 'csv-tools.so' };
const decide = (change: Partial<TrustInput>) => decideTrust({ ...base, ...change });

type Row = [string, Partial<TrustInput>, string, boolean, string | null];

const rows: Row[] = [
  // [what, input, state, runs, failure code]
  ['bundled, unsigned, under signed-only', { origin: 'bundled', mode: 'signed-only' }, 'bundled', true, null],
  ['bundled, even with a broken signature and a deny', { origin: 'bundled', signature: changed, approval: 'deny' }, 'bundled', true, null],
  ['a changed file, under all', { signature: changed, mode: 'all' }, 'refused', false, 'bad-signature'],
  ['a changed file, even when allowed', { signature: changed, approval: 'allow' }, 'refused', false, 'bad-signature'],
  ['a malformed signature', { signature: malformed }, 'refused', false, 'bad-signature'],
  ['an unknown key, under all and allowed', { signature: unknown, mode: 'all', approval: 'allow' }, 'refused', false, 'bad-signature'],
  ['signed by a trusted key, under signed-only', { signature: valid, mode: 'signed-only' }, 'signed', true, null],
  ['signed by a trusted key, even when denied', { signature: valid, approval: 'deny' }, 'signed', true, null],
  ['denied, under all', { approval: 'deny', mode: 'all' }, 'denied', false, 'denied'],
  ['allowed, under signed-only', { approval: 'allow', mode: 'signed-only' }, 'approved', true, null],
  ['allowed, under ask', { approval: 'allow' }, 'approved', true, null],
  ['unsigned, under all', { mode: 'all' }, 'trust-all', true, null],
  ['unsigned, under signed-only', { mode: 'signed-only' }, 'refused', false, 'untrusted'],
  ['unsigned, under ask', { mode: 'ask' }, 'pending', false, 'awaiting-consent'],
  ['from the command line, unsigned, under ask', { origin: 'command-line' }, 'pending', false, 'awaiting-consent'],
];

describe('decideTrust', () => {
  it.each(rows)('%s', (_what, input, state, runs, code) => {
    const decision = decide(input);
    expect(decision.state).toBe(state);
    expect(decision.runs).toBe(runs);
    expect(decision.failure?.code ?? null).toBe(code);
    // A decision that runs has no failure, and one that does not always says why.
    expect(decision.failure === null).toBe(runs);
  });

  it('runs nothing unsigned and unanswered unless plugins.trust is all', () => {
    for (const mode of TRUST_MODES) {
      expect(decide({ mode }).runs).toBe(mode === ('all' satisfies TrustMode));
    }
  });

  it('names the signer, and whether the key is trusted', () => {
    expect(decide({ signature: valid }).signer).toEqual({ keyId: KEY, trustedComment: 'release 1.2', trusted: true });
    expect(decide({ signature: unknown }).signer).toEqual({ keyId: KEY, trustedComment: null, trusted: false });
    expect(decide({ signature: changed }).signer).toEqual({ keyId: KEY, trustedComment: null, trusted: true });
    expect(decide({ signature: malformed }).signer).toBeNull();
    expect(decide({}).signer).toBeNull();
  });

  describe('messages say what to do', () => {
    it('for a signature by an unknown key: its id, adding the key, signing again, or removing the .minisig', () => {
      const { message, detail } = decide({ signature: unknown, trustedKeysDir: '/home/ada/.config/Quire/trusted-keys' }).failure!;
      expect(message).toContain(KEY);
      expect(message).toContain('/home/ada/.config/Quire/trusted-keys');
      expect(message).toMatch(/sign it again/);
      expect(message).toContain('remove csv-tools.so.minisig');
      expect(detail).toEqual({ keyId: KEY });
      expect(decide({ signature: unknown }).failure!.message).toContain("the trusted-keys folder in Quire's config folder");
    });

    it('for a signature that does not verify: the key, the problem, signing again, or removing the .minisig', () => {
      const { message } = decide({ signature: changed }).failure!;
      expect(message).toContain(`(key ${KEY})`);
      expect(message).toContain('the file is not the one that was signed');
      expect(message).toContain('`minisign -Sm csv-tools.so`');
      expect(message).toContain('remove csv-tools.so.minisig');
      expect(decide({ signature: malformed }).failure!.message).toContain('it is not a minisign signature');
    });

    it('for a denied file: Allow in the Plugins panel', () => {
      expect(decide({ approval: 'deny' }).failure!.message).toMatch(/You denied csv-tools\.so.*choose Allow for it in the Plugins panel/);
    });

    it('for an unsigned file under signed-only: sign it or change plugins.trust', () => {
      const { message } = decide({ mode: 'signed-only' }).failure!;
      expect(message).toMatch(/sign it with minisign/i);
      expect(message).toMatch(/plugins\.trust/);
    });

    it('for a file awaiting consent: Allow or Deny in the Plugins panel', () => {
      expect(decide({}).failure!.message).toMatch(/Choose Allow or Deny for it in the Plugins panel/);
    });

    it('in full sentences', () => {
      for (const [, input] of rows) {
        const failure = decide(input).failure;
        if (failure) expect(failure.message).toMatch(/^[A-Z`a-z].*\.$/s);
      }
    });
  });
});
