import { describe, expect, it } from 'vitest';
import { CONNECTION_LOST } from '../transport/ws-transport.js';
import { decideLintResult } from './lint-decision.js';

const result = { message: null, text: null, edits: [], diagnostics: [] };

describe('decideLintResult', () => {
  it('applies a result for the version that was linted', () => {
    expect(decideLintResult(3, 3, { ok: true, value: { outcome: { ok: true, value: result } } })).toEqual({ kind: 'apply', result });
  });

  it('drops a result once the model has changed, whatever it says', () => {
    expect(decideLintResult(3, 4, { ok: true, value: { outcome: { ok: true, value: result } } })).toEqual({ kind: 'stale' });
    const crash = { ok: false as const, failure: { code: 'crashed' as const, message: 'It crashed.' } };
    expect(decideLintResult(3, 4, { ok: true, value: { outcome: crash } })).toEqual({ kind: 'stale' });
  });

  it('ignores a superseded call and reports other failures', () => {
    const superseded = { ok: false as const, failure: { code: 'superseded' as const, message: 'A newer call replaced it.' } };
    expect(decideLintResult(1, 1, { ok: true, value: { outcome: superseded } })).toEqual({ kind: 'superseded' });
    const timeout = { ok: false as const, failure: { code: 'call-timeout' as const, message: 'It took too long.' } };
    expect(decideLintResult(1, 1, { ok: true, value: { outcome: timeout } })).toEqual({
      kind: 'failed',
      code: 'call-timeout',
      message: 'It took too long.',
    });
  });

  it('leaves a plugin that cannot take calls now to the plugin notifications', () => {
    const restarting = { ok: false as const, failure: { code: 'unavailable' as const, message: 'It is restarting.' } };
    expect(decideLintResult(1, 1, { ok: true, value: { outcome: restarting } })).toEqual({ kind: 'unavailable' });
  });

  it('does not blame the plugin when main did not answer', () => {
    expect(decideLintResult(1, 1, { ok: false, error: CONNECTION_LOST })).toEqual({ kind: 'unanswered' });
  });
});
