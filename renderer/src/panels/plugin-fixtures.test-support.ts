import type { PluginState, PluginStatus } from '../../../app/plugin-contract.js';

/** A plugin status as main reports it, for tests: `csv` with one format and one linter unless told. */
export function pluginStatus(path: string, state: PluginState, overrides: Partial<PluginStatus> = {}): PluginStatus {
  return {
    path,
    realPath: path,
    state,
    enabled: true,
    sha256: 'ab'.repeat(32),
    descriptor: {
      id: 'dev.quire.csv',
      name: 'csv',
      version: '1.0.0',
      description: 'CSV',
      abi: { major: 1, minor: 0 },
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
