import type { PluginDescriptor, PluginState, PluginStatus } from '../../../app/plugin-contract.js';

/** A plugin status as main reports it, for tests: `csv` with one format and one linter unless told. */
export function pluginStatus(path: string, state: PluginState, overrides: Partial<PluginStatus> = {}): PluginStatus {
  return {
    path,
    realPath: path,
    state,
    enabled: true,
    sha256: 'ab'.repeat(32),
    trust: { state: 'bundled', signer: null, manifest: { id: 'dev.quire.csv', name: 'csv', version: '1.0.0', capabilities: [] } },
    sandbox: null,
    descriptor: {
      id: 'dev.quire.csv',
      name: 'csv',
      version: '1.0.0',
      description: 'CSV',
      abi: { major: 1, minor: 1 },
      capabilities: [],
      commands: [],
      formats: [{ id: 'csv', name: 'CSV', extensions: ['.csv'], filenames: [], monarch: null, hasFormatter: true }],
      linters: [{ id: 'field-count', name: 'Field count', languages: ['csv'], onSave: true, onChange: true }],
    },
    failure: null,
    stats: { pid: null, rssBytes: null, cpuMs: null, calls: 0, failures: 0, medianCallMs: null, p95CallMs: null, crashes: 0 },
    log: [],
    ...overrides,
  };
}

/** A plugin `id` (at /plugins/`id`.so) contributing only `commands`: `Plugin id` by name. */
export function commandPluginStatus(id: string, commands: PluginDescriptor['commands'], state: PluginState = 'ready'): PluginStatus {
  return pluginStatus(`/plugins/${id}.so`, state, {
    sha256: null,
    trust: null,
    descriptor: { id, name: `Plugin ${id}`, version: '1.0.0', description: '', abi: { major: 1, minor: 1 }, capabilities: [], commands, formats: [], linters: [] },
  });
}

/** A plugin file inspected but not run, waiting for the user's Allow or Deny: ok-basic unless told. */
export function pendingPluginStatus(path: string, overrides: Partial<PluginStatus> = {}): PluginStatus {
  return pluginStatus(path, 'awaiting-consent', {
    sha256: '0123456789abcdef'.repeat(4),
    descriptor: null,
    trust: {
      state: 'pending',
      signer: null,
      manifest: { id: 'dev.quire.test.ok-basic', name: 'OK Basic', version: '1.0.0', capabilities: [] },
    },
    failure: { code: 'awaiting-consent', message: 'OK Basic has not run yet: allow or deny it.' },
    ...overrides,
  });
}
