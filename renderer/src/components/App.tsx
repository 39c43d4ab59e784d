import { useEffect } from 'react';
import { useLinting } from '../linting/use-linting.js';
import { BottomPanel } from '../panels/BottomPanel.js';
import { useMarkers } from '../panels/use-markers.js';
import { usePanelKey } from '../panels/use-panel-key.js';
import { usePluginNotifications } from '../panels/use-plugin-notifications.js';
import { ChoiceDialog } from './ChoiceDialog.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { EditorArea } from './EditorArea.js';
import { Notifications } from './Notifications.js';
import { QuickInputHost } from './QuickInputHost.js';
import { StatusBar } from './StatusBar.js';
import { TabBar } from './TabBar.js';
import { useQuire, useWorkbench } from './workbench-context.js';

/** The whole window: banner, tabs, editor, bottom panel, status bar, and what floats above them. */
export function App() {
  const workbench = useWorkbench();
  useWindowTitle();
  const models = useLinting(workbench);
  usePluginNotifications(workbench);
  usePanelKey(workbench);
  const markers = useMarkers();
  return (
    <div className="q-workbench">
      <ConnectionBanner />
      <TabBar />
      <EditorArea />
      <BottomPanel markers={markers} documentIdOf={(resource) => models?.documentIdOf(resource)} />
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
