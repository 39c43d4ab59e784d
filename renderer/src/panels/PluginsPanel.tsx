import { useState } from 'react';
import type { Method, Params } from '../../../app/contract.js';
import type { PluginStatus } from '../../../app/plugin-contract.js';
import { useQuire, useWorkbench } from '../components/workbench-context.js';
import { baseName, contributionSummary, pluginDisplayName } from './plugin-notifications.js';
import type { Workbench } from '../workbench/workbench.js';
import { formatMegabytes, formatMs } from './plugin-format.js';

/** Every plugin file main knows: what it is, how it is doing, and what can be done about it. */
export function PluginsPanel() {
  const plugins = useQuire((state) => state.plugins);
  return (
    <div className="q-plugins" data-testid="plugins-panel">
      <PluginFolders />
      {plugins.length === 0 ? (
        <div className="q-panel-empty">No plugin files found in the plugins folders.</div>
      ) : (
        <ul className="q-plugin-list" aria-label="Plugins">
          {plugins.map((plugin) => (
            <PluginEntry key={plugin.path} plugin={plugin} />
          ))}
        </ul>
      )}
    </div>
  );
}

/** The desktop app opens the user's plugins folder; a browser tab can only show the paths. */
function PluginFolders() {
  const workbench = useWorkbench();
  const folders = useQuire((state) => state.pluginFolders);
  const userFolder = folders.find((folder) => folder.origin === 'user') ?? folders[0];
  if (workbench.connectionKind === 'ipc' && userFolder) {
    return (
      <div className="q-plugin-folders">
        <button
          type="button"
          className="q-button secondary"
          onClick={() => void request(workbench, 'app.reveal', { path: userFolder.path })}
        >
          Reveal plugins folder
        </button>
      </div>
    );
  }
  return (
    <div className="q-plugin-folders" aria-label="Plugins folders">
      {folders.map((folder) => (
        <label key={folder.path} className="q-plugin-folder">
          <span className="q-plugin-folder-origin">{folder.origin} folder</span>
          <input className="q-plugin-folder-path" readOnly value={folder.path} onFocus={(event) => event.currentTarget.select()} />
          <button
            type="button"
            className="q-icon-button"
            aria-label={`Copy ${folder.origin} plugins folder path`}
            title="Copy path"
            onClick={() => void navigator.clipboard.writeText(folder.path)}
          >
            <span className="codicon codicon-copy" aria-hidden="true" />
          </button>
        </label>
      ))}
    </div>
  );
}

function PluginEntry({ plugin }: { plugin: PluginStatus }) {
  const workbench = useWorkbench();
  const [showLog, setShowLog] = useState(false);
  const descriptor = plugin.descriptor;
  const name = pluginDisplayName(plugin);
  const stats = plugin.stats;
  const file = baseName(plugin.path);
  return (
    <li className="q-plugin" data-testid="plugin-entry" data-state={plugin.state} data-file={file} aria-label={`${name}, ${plugin.state}`}>
      <div className="q-plugin-head">
        <span className="q-plugin-name">{name}</span>
        {descriptor && (
          <span className="q-plugin-id">
            {descriptor.id} {descriptor.version}
          </span>
        )}
        <span className={`q-plugin-badge ${plugin.state}`} data-testid="plugin-state">
          {plugin.state}
        </span>
        <PluginActions plugin={plugin} />
      </div>
      {plugin.failure && (
        <div className="q-plugin-failure" role="note" data-testid="plugin-failure">
          <code className="q-plugin-code">{plugin.failure.code}</code> {plugin.failure.message}
        </div>
      )}
      <dl className="q-plugin-facts">
        <dt>File</dt>
        <dd title={plugin.realPath}>{plugin.path}</dd>
        <dt>SHA-256</dt>
        <dd title={plugin.sha256 ?? undefined}>{plugin.sha256 === null ? '—' : `${plugin.sha256.slice(0, 12)}…`}</dd>
        <dt>Contributes</dt>
        <dd>{descriptor ? contributionSummary(plugin) : '—'}</dd>
        <dt>Memory / CPU</dt>
        <dd>
          {formatMegabytes(stats.rssBytes)} / {formatMs(stats.cpuMs)}
        </dd>
        <dt>Calls</dt>
        <dd>
          {stats.calls} calls, {stats.failures} failures, median {formatMs(stats.medianCallMs)}, p95 {formatMs(stats.p95CallMs)}
        </dd>
      </dl>
      {plugin.log.length > 0 && (
        <div className="q-plugin-log">
          <button type="button" className="q-link-button" aria-expanded={showLog} onClick={() => setShowLog(!showLog)}>
            <span className={`codicon ${showLog ? 'codicon-chevron-down' : 'codicon-chevron-right'}`} aria-hidden="true" />
            Recent log ({plugin.log.length} lines)
          </button>
          {showLog && (
            <pre className="q-log-lines">
              {plugin.log.map((line) => `${new Date(line.at).toLocaleTimeString()} [${line.source}] ${line.text}`).join('\n')}
            </pre>
          )}
        </div>
      )}
    </li>
  );
}

/** Reload (Re-enable when quarantined) and Disable/Enable; none for a refused file, which is not a plugin. */
function PluginActions({ plugin }: { plugin: PluginStatus }) {
  const workbench = useWorkbench();
  if (plugin.state === 'refused') return null;
  return (
    <span className="q-plugin-actions">
      {plugin.state === 'quarantined' ? (
        <button type="button" className="q-button primary" onClick={() => void request(workbench, 'plugins.reload', { path: plugin.path })}>
          Re-enable
        </button>
      ) : (
        <button type="button" className="q-button secondary" onClick={() => void request(workbench, 'plugins.reload', { path: plugin.path })}>
          Reload
        </button>
      )}
      <button
        type="button"
        className="q-button secondary"
        onClick={() => void request(workbench, 'plugins.setEnabled', { path: plugin.path, enabled: !plugin.enabled })}
      >
        {plugin.enabled ? 'Disable' : 'Enable'}
      </button>
    </span>
  );
}

type PluginAction = Extract<Method, 'plugins.reload' | 'plugins.setEnabled' | 'app.reveal'>;

/** Asks main for an action; a refusal becomes an error notification (the list updates by itself). */
async function request<M extends PluginAction>(workbench: Workbench, method: M, params: Params<M>): Promise<void> {
  const result = await workbench.api.request(method, params);
  if (!result.ok) workbench.store.getState().notify({ severity: 'error', message: result.error.message });
}
