import { useQuire, useWorkbench } from '../components/workbench-context.js';
import { PluginEntry } from './PluginEntry.js';
import { waitingSummary } from '../plugin-status/plugin-consent.js';
import { requestPluginAction } from '../workbench/plugin-requests.js';

/** Every plugin file main knows: what it is, how it is doing, and what can be done about it. */
export function PluginsPanel() {
  const plugins = useQuire((state) => state.plugins);
  return (
    <div className="q-plugins" data-testid="plugins-panel">
      <PluginFolders />
      {plugins.length === 0 ? (
        <div className="q-panel-empty">No plugin files found in the plugins folders.</div>
      ) : (
        <>
          <WaitingSummary count={plugins.filter((plugin) => plugin.state === 'awaiting-consent').length} />
          <ul className="q-plugin-list" aria-label="Plugins">
            {plugins.map((plugin) => (
              <PluginEntry key={plugin.path} plugin={plugin} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/**
 * Says how many files wait for Allow or Deny and what the answers mean. The rows stay in main's
 * order: a row that moved once answered would drop the keyboard focus.
 */
function WaitingSummary({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <div className="q-plugin-waiting-summary" role="note" data-testid="plugins-waiting">
      <span className="codicon codicon-shield" aria-hidden="true" />
      <span>{waitingSummary(count)}</span>
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
          onClick={() => void requestPluginAction(workbench, 'app.reveal', { path: userFolder.path })}
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
