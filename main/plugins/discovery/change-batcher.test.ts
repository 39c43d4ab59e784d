import { describe, expect, it } from 'vitest';
import { ChangeBatcher, type FileState, type PluginFileChange } from './change-batcher.js';

const TIMING = { burstMs: 50, maxHoldMs: 300 };

function file(identity: string, realPath = '/plugins/csv.so'): FileState {
  return { realPath, identity, dangling: false };
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

function collecting(busy: () => boolean = () => false, timing = TIMING): { batcher: ChangeBatcher; batches: PluginFileChange[][] } {
  const batches: PluginFileChange[][] = [];
  return { batcher: new ChangeBatcher((batch) => batches.push(batch), timing, busy), batches };
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!condition() && Date.now() < deadline) await sleep(5);
}

describe('ChangeBatcher', () => {
  it('collapses a path added then removed within a batch to nothing', () => {
    const { batcher, batches } = collecting();
    batcher.record('/plugins/csv.so', file('v1'), Date.now());
    batcher.record('/plugins/csv.so', null, Date.now());
    batcher.flush();
    expect(batches).toEqual([]);
  });

  it('collapses added then changed to added, with the latest real path', () => {
    const { batcher, batches } = collecting();
    batcher.record('/plugins/csv.so', file('v1', '/a/v1.so'), Date.now());
    batcher.record('/plugins/csv.so', file('v2', '/a/v2.so'), Date.now());
    batcher.flush();
    expect(batches).toEqual([[{ kind: 'added', path: '/plugins/csv.so', realPath: '/a/v2.so', folder: '/plugins' }]]);
  });

  it('reports removed then back as changed, or as nothing when the very same file came back', () => {
    const { batcher, batches } = collecting();
    batcher.record('/plugins/csv.so', file('v1'), Date.now());
    batcher.record('/plugins/json.so', file('j1', '/plugins/json.so'), Date.now());
    batcher.flush();
    batcher.record('/plugins/csv.so', null, Date.now());
    batcher.record('/plugins/csv.so', file('v2'), Date.now());
    batcher.record('/plugins/json.so', null, Date.now());
    batcher.record('/plugins/json.so', file('j1', '/plugins/json.so'), Date.now());
    batcher.flush();
    expect(batches[1]).toEqual([{ kind: 'changed', path: '/plugins/csv.so', realPath: '/plugins/csv.so', folder: '/plugins' }]);
    expect(batches).toHaveLength(2);
  });

  it('reports a removal with the real path last delivered', () => {
    const { batcher, batches } = collecting();
    batcher.record('/plugins/link.so', file('v1', '/elsewhere/lib.so'), Date.now());
    batcher.flush();
    batcher.record('/plugins/link.so', null, Date.now());
    batcher.flush();
    expect(batches[1]).toEqual([{ kind: 'removed', path: '/plugins/link.so', realPath: '/elsewhere/lib.so', folder: '/plugins' }]);
  });

  it('waits for a quiet spell after the latest change, but not for a change that happened long ago', async () => {
    // A long quiet spell, so a slow machine's late timers cannot split the batch.
    const { batcher, batches } = collecting(() => false, { burstMs: 250, maxHoldMs: 2000 });
    batcher.record('/plugins/a.so', file('a'), Date.now());
    await sleep(50);
    const lastChangeAt = Date.now();
    batcher.record('/plugins/b.so', file('b'), lastChangeAt);
    await sleep(50);
    expect(batches).toEqual([]);
    await until(() => batches.length > 0);
    expect(Date.now() - lastChangeAt).toBeGreaterThanOrEqual(245);
    expect(batches.map((batch) => batch.length)).toEqual([2]);

    batcher.record('/plugins/c.so', file('c'), Date.now() - 1000);
    expect(batches.map((batch) => batch.length)).toEqual([2, 1]);
  });

  it('holds a batch while the watcher is busy, delivering on wake or at the latest after maxHoldMs', async () => {
    let busy = true;
    const { batcher, batches } = collecting(() => busy);
    batcher.record('/plugins/a.so', file('a'), Date.now() - 1000);
    await sleep(100);
    expect(batches).toEqual([]);
    busy = false;
    batcher.wake();
    expect(batches).toHaveLength(1);

    busy = true;
    const openedAt = Date.now();
    batcher.record('/plugins/b.so', file('b'), Date.now());
    await until(() => batches.length > 1);
    expect(batches).toHaveLength(2);
    expect(Date.now() - openedAt).toBeGreaterThanOrEqual(TIMING.maxHoldMs - 5);
    batcher.close();
  });
});
