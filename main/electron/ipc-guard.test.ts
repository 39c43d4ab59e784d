import { describe, expect, it } from 'vitest';
import type { ResponseMessage } from '../../app/contract.js';
import { answerFromAppOnly } from './ipc-guard.js';

/** Stands in for the API session: answers every request with its own id. */
async function echo(raw: unknown): Promise<ResponseMessage> {
  return { id: (raw as { id: number }).id, ok: true, value: 'handled' };
}

describe('answerFromAppOnly', () => {
  it("passes requests from the app's page to the handler", async () => {
    const response = await answerFromAppOnly('quire://app/index.html', { id: 7, method: 'app.info', params: {} }, echo);
    expect(response).toEqual({ id: 7, ok: true, value: 'handled' });
  });

  it('refuses other senders with bad-request, keeping the request id', async () => {
    for (const sender of ['https://example.com/', 'quire://app.evil/', 'file:///tmp/x.html', undefined]) {
      const response = await answerFromAppOnly(sender, { id: 3, method: 'file.read', params: { path: '/etc/passwd' } }, echo);
      expect(response.ok, String(sender)).toBe(false);
      expect(response.id).toBe(3);
      if (!response.ok) expect(response.error.code).toBe('bad-request');
    }
  });

  it('answers id -1 when a refused request has no usable id', async () => {
    for (const raw of [null, 'text', { id: 'x' }, { id: -2 }, { id: 1.5 }]) {
      const response = await answerFromAppOnly(undefined, raw, echo);
      expect(response.id, JSON.stringify(raw)).toBe(-1);
    }
  });
});
