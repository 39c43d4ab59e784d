import type { QuireStore } from '../state/store.js';
import type { Command } from '../workbench/commands.js';
import type { EditorHost } from '../workbench/editor-host.js';
import type { ExplorerService } from './explorer-service.js';
import { openFolder } from './open-folder.js';
import type { OpenFolderDeps } from './open-folder.js';

export interface ExplorerCommandDeps extends OpenFolderDeps {
  store: QuireStore;
  explorer: ExplorerService;
  host: EditorHost;
}

/** The side bar's and the Explorer's commands: Open Folder, Ctrl+B, Ctrl+Shift+E and the Explorer's actions. */
export function explorerCommands(deps: ExplorerCommandDeps): Command[] {
  const { store, explorer, host } = deps;
  const showExplorer = () => store.getState().showSideBarView('explorer');
  return [
    { id: 'file.openFolder', title: 'File: Open Folder…', inPalette: true, run: () => openFolder(deps) },
    {
      id: 'workbench.toggleSideBar',
      title: 'View: Toggle Primary Side Bar Visibility',
      inPalette: true,
      run: () => {
        const hiding = store.getState().sideBar.visible;
        // Focus inside the side bar would be lost with it: it goes to the editor.
        const focusInside = document.activeElement?.closest('[data-side-bar]') != null;
        store.getState().toggleSideBar();
        if (hiding && focusInside) host.focus();
      },
    },
    {
      id: 'workbench.view.explorer',
      title: 'View: Show Explorer',
      inPalette: true,
      run: () => {
        showExplorer();
        explorer.focus();
      },
    },
    {
      id: 'explorer.revealActiveFile',
      title: 'File: Reveal Active File in Explorer View',
      inPalette: true,
      run: async () => {
        const { activeId, documents } = store.getState();
        const path = activeId === null ? null : (documents[activeId]?.path ?? null);
        if (path === null) return;
        showExplorer();
        if (!(await explorer.reveal(path, true))) {
          store.getState().notify({ severity: 'info', message: `${path} is not shown in the Explorer: it is outside the workspace folder or hidden by files.exclude.` });
        }
      },
    },
    {
      id: 'explorer.newFile',
      title: 'Explorer: New File…',
      inPalette: true,
      run: () => {
        showExplorer();
        return explorer.startCreate('file');
      },
    },
    {
      id: 'explorer.newFolder',
      title: 'Explorer: New Folder…',
      inPalette: true,
      run: () => {
        showExplorer();
        return explorer.startCreate('directory');
      },
    },
    { id: 'explorer.refresh', title: 'Explorer: Refresh Explorer', inPalette: true, run: () => explorer.refresh() },
    { id: 'explorer.collapseAll', title: 'Explorer: Collapse Folders in Explorer', inPalette: true, run: () => explorer.collapseAll() },
  ];
}
