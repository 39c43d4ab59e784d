import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { CommandId } from '../commands/command-ids.js';
import { useQuire, useWorkbench } from '../components/workbench-context.js';
import { ExplorerTree } from './ExplorerTree.js';
import './explorer.css';

const ACTIONS: readonly { command: CommandId; icon: string; label: string }[] = [
  { command: 'explorer.newFile', icon: 'new-file', label: 'New File…' },
  { command: 'explorer.newFolder', icon: 'new-folder', label: 'New Folder…' },
  { command: 'explorer.refresh', icon: 'refresh', label: 'Refresh Explorer' },
  { command: 'explorer.collapseAll', icon: 'collapse-all', label: 'Collapse Folders in Explorer' },
];

/** The side bar's Explorer: the workspace folder's name with its actions, and its tree. */
export function ExplorerView() {
  const workbench = useWorkbench();
  const workspace = useQuire((state) => state.workspace);
  const tree = useStore(workbench.explorer.state, (state) => state.tree);
  const focusPending = useStore(workbench.explorer.state, (state) => state.focusPending);
  const openFolderButton = useRef<HTMLButtonElement>(null);
  const noFolder = workspace?.folder === null;

  // Ctrl+Shift+E with no folder open: the keyboard goes to the Open Folder button.
  useEffect(() => {
    if (!focusPending || !noFolder) return;
    openFolderButton.current?.focus();
    workbench.explorer.focusHandled();
  }, [focusPending, noFolder, workbench]);

  // Main has not said yet which folder is open.
  if (workspace === null) return null;
  if (workspace.folder === null) {
    return (
      <div className="q-explorer-empty" data-testid="explorer-no-folder">
        <p>You have not yet opened a folder.</p>
        <button ref={openFolderButton} type="button" className="q-button primary" onClick={() => workbench.runCommand('file.openFolder')}>
          Open Folder
        </button>
      </div>
    );
  }
  if (tree === null) return null;
  const name = workspace.name ?? workspace.folder;
  return (
    <div className="q-explorer" data-testid="explorer">
      <div className="q-explorer-header">
        <span className="q-explorer-folder" title={workspace.folder}>
          {name}
        </span>
        <div className="q-explorer-actions" role="toolbar" aria-label="Explorer actions">
          {ACTIONS.map((action) => (
            <button
              key={action.command}
              type="button"
              className="q-icon-button"
              title={action.label}
              aria-label={action.label}
              onClick={() => workbench.runCommand(action.command)}
            >
              <span className={`codicon codicon-${action.icon}`} aria-hidden="true" />
            </button>
          ))}
        </div>
      </div>
      <ExplorerTree tree={tree} label={`Files of ${name}`} />
    </div>
  );
}
