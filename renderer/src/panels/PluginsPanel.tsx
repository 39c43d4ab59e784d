import type { PluginFolderInfo } from '../../../app/plugin-contract.js';
import { useQuire, useWorkbench } from '../components/workbench-context.js';
import { PluginEntry } from './PluginEntry.js';
import { waitingSummary } from '../plugin-status/plugin-consent.js';
import { requestPluginAction } from '../workbench/plugin-requests.js';

/** Every plugin file main knows: what it is, how it is doing, and what can be done about it. */
export function PluginsPanel() {
  const plugins = useQuire((state) => state.plugins);
  const safeMode = useQuire((state) => state.pluginsSafeMode);
  return (
    <div className="q-plugins" data-testid="plugins-panel">
      {safeMode && <SafeModeBanner />}
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

/** Says why no plugin runs, and how to get them back: Enable on a row, or a start without the flag. */
function SafeModeBanner() {
  return (
    <div className="q-plugin-safe-mode" role="note" data-testid="plugins-safe-mode">
      <span className="codicon codicon-info" aria-hidden="true" />
      <span>
        <strong>Quire started in safe mode (--disable-plugins): no plugin was loaded.</strong> Enable a plugin below to load it for
        this run only; start Quire without --disable-plugins to load them all again.
      </span>
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

const FOLDER_NAMES: Record<PluginFolderInfo['origin'], string> = {
  bundled: 'Bundled plugins',
  user: 'Your plugins',
  'command-line': '--plugins-dir',
};

/** Whether plugins can be added to a folder, in words; the user's folder is where they go. */
function folderState(folder: PluginFolderInfo): string {
  if (!folder.exists) return folder.writable ? 'not created yet: make it to add plugins' : 'missing';
  if (folder.writable) return folder.origin === 'user' ? 'add your plugins here' : 'writable';
  return folder.origin === 'bundled' ? 'read-only: add plugins to your folder instead' : 'read-only';
}

/**
 * Every folder plugins load from, with whether plugins can be added there: an installed app's
 * own folder is read-only, so people are pointed at theirs. The desktop app can open a folder;
 * a browser tab can only show (and copy) the paths.
 */
function PluginFolders() {
  const workbench = useWorkbench();
  const folders = useQuire((state) => state.pluginFolders);
  const desktop = workbench.connectionKind === 'ipc';
  return (
    <ul className="q-plugin-folders" aria-label="Plugins folders" data-testid="plugin-folders">
      {folders.map((folder) => {
        const name = FOLDER_NAMES[folder.origin];
        return (
          <li key={folder.path} className="q-plugin-folder" data-origin={folder.origin}>
            <span className="q-plugin-folder-origin">{name}</span>
            <input
              className="q-plugin-folder-path"
              readOnly
              value={folder.path}
              aria-label={`${name} folder`}
              onFocus={(event) => event.currentTarget.select()}
            />
            {desktop ? (
              <button
                type="button"
                className="q-icon-button"
                aria-label={`Reveal ${name} folder`}
                title={folder.exists ? 'Reveal in file manager' : 'The folder does not exist yet'}
                disabled={!folder.exists}
                onClick={() => void requestPluginAction(workbench, 'app.reveal', { path: folder.path })}
              >
                <span className="codicon codicon-folder-opened" aria-hidden="true" />
              </button>
            ) : null}
            <button
              type="button"
              className="q-icon-button"
              aria-label={`Copy ${name} folder path`}
              title="Copy path"
              onClick={() => void navigator.clipboard.writeText(folder.path)}
            >
              <span className="codicon codicon-copy" aria-hidden="true" />
            </button>
            <span className={`q-plugin-folder-state${folder.writable ? '' : ' read-only'}`}>{folderState(folder)}</span>
          </li>
        );
      })}
    </ul>
  );
}
