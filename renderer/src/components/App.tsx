import { useEffect } from 'react';
import { ChoiceDialog } from './ChoiceDialog.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { EditorArea } from './EditorArea.js';
import { Notifications } from './Notifications.js';
import { QuickInputHost } from './QuickInputHost.js';
import { StatusBar } from './StatusBar.js';
import { TabBar } from './TabBar.js';
import { useQuire } from './workbench-context.js';

/** The whole window: banner, tabs, editor, status bar, and what floats above them. */
export function App() {
  useWindowTitle();
  return (
    <div className="q-workbench">
      <ConnectionBanner />
      <TabBar />
      <EditorArea />
      <StatusBar />
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
