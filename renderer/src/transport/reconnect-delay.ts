const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 5000;

/**
 * How long to wait before reconnection attempt `attempt` (0-based): doubling from a quarter
 * second, capped so a server that comes back is noticed within a few seconds.
 */
export function reconnectDelay(attempt: number): number {
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempt));
}
