import type { PluginDescriptor, PluginStatus } from '../../../app/plugin-contract.js';

/** A plugin as main reports it, with only what the tests vary: its id, commands and state. */
export function pluginStatus(id: string, commands: PluginDescriptor['commands'], state: PluginStatus['state'] = 'ready'): PluginStatus {
  return {
    path: `/plugins/${id}.so`,
    realPath: `/plugins/${id}.so`,
    state,
    enabled: true,
    sha256: null,
    trust: null,
    sandbox: null,
    descriptor: { id, name: `Plugin ${id}`, version: '1.0.0', description: '', abi: { major: 1, minor: 1 }, capabilities: [], commands, formats: [], linters: [] },
    failure: null,
    stats: { pid: null, rssBytes: null, cpuMs: null, calls: 0, failures: 0, medianCallMs: null, p95CallMs: null, crashes: 0 },
    log: [],
  };
}
