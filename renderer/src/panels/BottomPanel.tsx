import type { KeyboardEvent } from 'react';
import { useRef } from 'react';
import { useQuire, useWorkbench } from '../components/workbench-context.js';
import type { monaco } from '../monaco/setup-monaco.js';
import type { PanelTab } from '../state/ui-slice.js';
import { LogPanel } from './LogPanel.js';
import { PluginsPanel } from './PluginsPanel.js';
import { ProblemsPanel } from './ProblemsPanel.js';

const TABS: { id: PanelTab; title: string }[] = [
  { id: 'problems', title: 'Problems' },
  { id: 'plugins', title: 'Plugins' },
  { id: 'log', title: 'Log' },
];

interface BottomPanelProps {
  markers: readonly monaco.editor.IMarker[];
  documentIdOf(resource: string): string | undefined;
}

/** The panel under the editor, as in VS Code: Problems, Plugins and Log tabs. */
export function BottomPanel({ markers, documentIdOf }: BottomPanelProps) {
  const workbench = useWorkbench();
  const panel = useQuire((state) => state.panel);
  const element = useRef<HTMLElement>(null);
  if (!panel.open) return null;

  const select = (tab: PanelTab) => workbench.store.getState().showPanel(tab);
  const close = () => {
    if (element.current?.contains(document.activeElement)) workbench.host.focus();
    workbench.store.getState().hidePanel();
  };
  // Arrow keys move between tabs (the ARIA tabs pattern), choosing as they go.
  const onTabKey = (event: KeyboardEvent) => {
    const index = TABS.findIndex((tab) => tab.id === panel.tab);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = TABS[(index + step + TABS.length) % TABS.length];
    if (!next) return;
    select(next.id);
    element.current?.querySelector<HTMLElement>(`#q-panel-tab-${next.id}`)?.focus();
  };

  return (
    <section ref={element} className="q-panel" aria-label="Panel" data-testid="bottom-panel">
      <div className="q-panel-header">
        <div role="tablist" aria-label="Panel views" className="q-panel-tabs" onKeyDown={onTabKey}>
          {TABS.map((tab) => (
            <button
              key={tab.id}
              id={`q-panel-tab-${tab.id}`}
              type="button"
              role="tab"
              aria-selected={panel.tab === tab.id}
              aria-controls="q-panel-body"
              tabIndex={panel.tab === tab.id ? 0 : -1}
              className={panel.tab === tab.id ? 'q-panel-tab active' : 'q-panel-tab'}
              onClick={() => select(tab.id)}
            >
              {tab.title}
              {tab.id === 'problems' && markers.length > 0 && <span className="q-panel-tab-count">{markers.length}</span>}
            </button>
          ))}
        </div>
        <button type="button" className="q-icon-button" aria-label="Close panel" title="Close Panel (Ctrl+J)" onClick={close}>
          <span className="codicon codicon-close" aria-hidden="true" />
        </button>
      </div>
      <div id="q-panel-body" className="q-panel-body" role="tabpanel" aria-labelledby={`q-panel-tab-${panel.tab}`}>
        {panel.tab === 'problems' && <ProblemsPanel markers={markers} documentIdOf={documentIdOf} />}
        {panel.tab === 'plugins' && <PluginsPanel />}
        {panel.tab === 'log' && <LogPanel />}
      </div>
    </section>
  );
}
