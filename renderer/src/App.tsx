import { useEffect } from 'react';
import { ChoiceDialog } from './components/ChoiceDialog.js';
import { ConnectionBanner } from './components/ConnectionBanner.js';
import { EditorArea } from './components/EditorArea.js';
import { Notifications } from './components/Notifications.js';
import { QuickInputHost } from './components/QuickInputHost.js';
import { StatusBar } from './components/StatusBar.js';
import { TabBar } from './components/TabBar.js';
import { useQuire, useWorkbench } from './components/workbench-context.js';
import { BottomPanel } from './panels/BottomPanel.js';
import { useMarkers } from './panels/use-markers.js';
import { usePanelKey } from './panels/use-panel-key.js';
import { ActivityBar } from './sidebar/ActivityBar.js';
import { SideBar } from './sidebar/SideBar.js';

/**
 * The whole window: banner; activity bar, side bar, and tabs, editor and bottom panel beside
 * them; status bar; and what floats above them.
 */
export function App() {
  const workbench = useWorkbench();
  useWindowTitle();
  usePanelKey(workbench);
  const markers = useMarkers();
  return (
    <div className="q-workbench">
      <ConnectionBanner />
      <div className="q-workbench-body">
        <ActivityBar />
        <SideBar />
        <div className="q-workbench-main">
          <TabBar />
          <EditorArea />
          <BottomPanel markers={markers} documentIdOf={(resource) => workbench.documentIdOf(resource)} />
        </div>
      </div>
      <StatusBar markers={markers} />
      <Notifications />
      <QuickInputHost />
      <ChoiceDialog />
    </div>
  );
}

/**
 * The OS window or browser tab title, as VS Code words it: `● notes.md — project — Quire` while
 * notes.md in the folder `project` has unsaved changes.
 */
function useWindowTitle(): void {
  const title = useQuire((state) => {
    const active = state.activeId === null ? undefined : state.documents[state.activeId];
    const parts = [active ? `${active.dirty ? '● ' : ''}${active.name}` : null, state.workspace?.name ?? null, 'Quire'];
    return parts.filter((part) => part !== null).join(' — ');
  });
  useEffect(() => {
    document.title = title;
  }, [title]);
}
