import { describe, expect, it } from 'vitest';
import { pendingPluginStatus, pluginStatus } from './plugin-status-fixtures.test-support.js';
import { contributionSummary, PluginChangeTracker } from './plugin-notifications.js';

const CSV = '/plugins/csv.so';

describe('PluginChangeTracker', () => {
  it('stays quiet about the startup list and the loads it was waiting for', () => {
    const tracker = new PluginChangeTracker();
    expect(tracker.update([pluginStatus(CSV, 'loading'), pluginStatus('/plugins/bad.so', 'inspecting')])).toEqual([]);
    expect(tracker.update([pluginStatus(CSV, 'ready'), pluginStatus('/plugins/bad.so', 'refused')])).toEqual([]);
  });

  it('announces a plugin added later, then its reload and removal', () => {
    const tracker = new PluginChangeTracker();
    tracker.update([]);
    tracker.update([pluginStatus(CSV, 'loading')]);
    expect(tracker.update([pluginStatus(CSV, 'ready')])).toEqual([
      { kind: 'loaded', name: 'csv', key: `plugin-file:${CSV}`, summary: '1 format, 1 linter' },
    ]);
    tracker.update([pluginStatus(CSV, 'loading')]);
    expect(tracker.update([pluginStatus(CSV, 'ready', { sha256: 'cd'.repeat(32) })])).toMatchObject([{ kind: 'reloaded' }]);
    expect(tracker.update([])).toEqual([{ kind: 'removed', name: 'csv', key: `plugin-file:${CSV}` }]);
  });

  it('reports a crash by its count, even when the restart already finished, and a quarantine with its path', () => {
    const tracker = new PluginChangeTracker();
    tracker.update([pluginStatus(CSV, 'ready')]);
    const crashedOnce = pluginStatus(CSV, 'restarting');
    crashedOnce.stats.crashes = 1;
    expect(tracker.update([crashedOnce])).toMatchObject([{ kind: 'crashed', name: 'csv' }]);
    const backAgain = pluginStatus(CSV, 'ready');
    backAgain.stats.crashes = 1;
    expect(tracker.update([backAgain])).toEqual([]);
    const restartedUnseen = pluginStatus(CSV, 'ready');
    restartedUnseen.stats.crashes = 2;
    expect(tracker.update([restartedUnseen])).toMatchObject([{ kind: 'crashed' }]);
    const failure = { code: 'quarantined' as const, message: 'It crashed 3 times in 5 minutes.' };
    const quarantined = pluginStatus(CSV, 'quarantined', { failure });
    quarantined.stats.crashes = 3;
    expect(tracker.update([quarantined])).toEqual([
      { kind: 'quarantined', name: 'csv', key: `plugin-file:${CSV}`, path: CSV, message: failure.message },
    ]);
  });

  it('reports a hang and a failed reload, and nothing when only accounting changed', () => {
    const tracker = new PluginChangeTracker();
    tracker.update([pluginStatus(CSV, 'ready')]);
    const busier = pluginStatus(CSV, 'ready');
    busier.stats.calls = 5;
    expect(tracker.update([busier])).toEqual([]);
    expect(tracker.update([pluginStatus(CSV, 'hung')])).toMatchObject([{ kind: 'hung' }]);
    // The hung host is then killed and counted: no second notice for the same hang.
    const killed = pluginStatus(CSV, 'restarting', { failure: { code: 'call-timeout', message: 'It stopped responding.' } });
    killed.stats.crashes = 1;
    expect(tracker.update([killed])).toEqual([]);
    const failure = { code: 'init-failed' as const, message: 'Its init returned an error.' };
    expect(tracker.update([pluginStatus(CSV, 'failed', { failure })])).toMatchObject([{ kind: 'failed', code: 'init-failed' }]);
  });
});

describe('PluginChangeTracker and consent', () => {
  const OK = '/plugins/ok-basic.so';

  it('leaves waiting and denial to the consent prompt, and announces the load an Allow starts', () => {
    const tracker = new PluginChangeTracker();
    tracker.update([pluginStatus(OK, 'inspecting', { descriptor: null })]);
    expect(tracker.update([pendingPluginStatus(OK)])).toEqual([]);
    expect(tracker.update([pluginStatus(OK, 'denied', { descriptor: null })])).toEqual([]);
    tracker.update([pluginStatus(OK, 'loading', { descriptor: null })]);
    expect(tracker.update([pluginStatus(OK, 'ready')])).toMatchObject([{ kind: 'loaded', key: `plugin-file:${OK}` }]);
  });

  it("names a plugin that has not run by its manifest's name", () => {
    const tracker = new PluginChangeTracker();
    tracker.update([pendingPluginStatus(OK)]);
    expect(tracker.update([])).toEqual([{ kind: 'removed', name: 'OK Basic', key: `plugin-file:${OK}` }]);
  });
});

describe('contributionSummary', () => {
  it('counts what a plugin contributes, with plurals', () => {
    const plugin = pluginStatus(CSV, 'ready');
    expect(contributionSummary(plugin)).toBe('1 format, 1 linter');
    expect(contributionSummary({ descriptor: null })).toBe('nothing');
  });
});
