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

/** The whole window: banner, tabs, editor, bottom panel, status bar, and what floats above them. */
export function App() {
  const workbench = useWorkbench();
  useWindowTitle();
  usePanelKey(workbench);
  const markers = useMarkers();
  return (
    <div className="q-workbench">
      <ConnectionBanner />
      <TabBar />
      <EditorArea />
      <BottomPanel markers={markers} documentIdOf={(resource) => workbench.documentIdOf(resource)} />
      <StatusBar markers={markers} />
      <Notifications />
      <QuickInputHost />
      <ChoiceDialog />
    </div>
  );
}

/** `● notes.md — Quire` while notes.md has unsaved changes, as the OS window or browser tab title. */
function useWindowTitle(): void {
  const title = useQuire((state) => {
    const active = state.activeId === null ? undefined : state.documents[state.activeId];
    if (!active) return 'Quire';
    return `${active.dirty ? '● ' : ''}${active.name} — Quire`;
  });
  useEffect(() => {
    document.title = title;
  }, [title]);
}
