import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BackupScheduler, MAX_WAIT_MS, QUIET_MS } from './backup-scheduler.js';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

function scheduler() {
  const due: [string, number][] = [];
  const start = Date.now();
  const schedule = new BackupScheduler((id) => due.push([id, Date.now() - start]));
  return { schedule, due };
}

describe('BackupScheduler', () => {
  it('backs up a quiet moment after the last change', () => {
    const { schedule, due } = scheduler();
    schedule.changed('a');
    vi.advanceTimersByTime(QUIET_MS - 1);
    expect(due).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(due).toEqual([['a', QUIET_MS]]);
  });

  it('never lets a change wait longer than the maximum while typing goes on', () => {
    const { schedule, due } = scheduler();
    // A keystroke every 100 ms for 3 seconds.
    for (let t = 0; t < 3000; t += 100) {
      schedule.changed('a');
      vi.advanceTimersByTime(100);
    }
    vi.advanceTimersByTime(QUIET_MS);
    const times = due.map(([, at]) => at);
    expect(times.length).toBeGreaterThanOrEqual(3);
    expect(times[0]).toBe(MAX_WAIT_MS);
    for (let i = 1; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeLessThanOrEqual(MAX_WAIT_MS + 100);
  });

  it('keeps each document on its own clock, and forgets a cancelled one', () => {
    const { schedule, due } = scheduler();
    schedule.changed('a');
    vi.advanceTimersByTime(300);
    schedule.changed('b');
    schedule.cancel('a');
    expect(schedule.isPending('a')).toBe(false);
    vi.advanceTimersByTime(QUIET_MS);
    expect(due).toEqual([['b', 300 + QUIET_MS]]);
    schedule.changed('c');
    schedule.cancelAll();
    vi.advanceTimersByTime(MAX_WAIT_MS);
    expect(due).toHaveLength(1);
  });
});
