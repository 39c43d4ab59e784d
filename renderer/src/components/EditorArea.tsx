import { useEffect, useRef } from 'react';
import { EmptyState } from './EmptyState.js';
import { useQuire, useWorkbench } from './workbench-context.js';

/** The Monaco editor, with the watermark over it while no document is open. */
export function EditorArea() {
  const workbench = useWorkbench();
  const container = useRef<HTMLDivElement>(null);
  const empty = useQuire((state) => state.tabOrder.length === 0);

  useEffect(() => {
    if (!container.current) return;
    return workbench.mountEditor(container.current);
  }, [workbench]);

  return (
    <main className="q-editor-area">
      <div ref={container} className={empty ? 'q-editor-container empty' : 'q-editor-container'} data-testid="editor" />
      {empty && <EmptyState />}
    </main>
  );
}
