import { useEffect, useMemo } from 'react';
import type { DragEvent, KeyboardEvent, MouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { tabDescriptions } from '../documents/tab-labels.js';
import { documentsInTabOrder } from '../state/documents-slice.js';
import type { DocumentState } from '../state/documents-slice.js';
import { useQuire, useWorkbench } from './workbench-context.js';

const TAB_DRAG_TYPE = 'application/x-quire-tab';

function tabElementId(documentId: string): string {
  return `tab-${documentId}`;
}

/** The open documents as tabs: click to show, middle-click or × to close, drag to reorder. */
export function TabBar() {
  const workbench = useWorkbench();
  const documents = useQuire(useShallow(documentsInTabOrder));
  const activeId = useQuire((state) => state.activeId);
  const sep = useQuire((state) => state.appInfo?.pathSeparator ?? '/');
  const descriptions = useMemo(() => tabDescriptions(documents, sep), [documents, sep]);

  useEffect(() => {
    if (activeId) document.getElementById(tabElementId(activeId))?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [activeId]);

  if (documents.length === 0) return null;

  const activate = (id: string) => workbench.store.getState().activateDocument(id);
  const close = (id: string) => void workbench.documents.close(id);

  // Arrow keys move between tabs (and show them), as in VS Code and the ARIA tabs pattern.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = documents.findIndex((document) => document.id === activeId);
    const targets: Record<string, number> = {
      ArrowRight: (index + 1) % documents.length,
      ArrowLeft: (index - 1 + documents.length) % documents.length,
      Home: 0,
      End: documents.length - 1,
    };
    const target = targets[event.key];
    const next = target === undefined ? undefined : documents[target];
    if (!next) return;
    event.preventDefault();
    activate(next.id);
    document.getElementById(tabElementId(next.id))?.focus();
  };

  return (
    <div className="q-tabs" role="tablist" aria-label="Open files" onKeyDown={onKeyDown}>
      {documents.map((document, index) => (
        <Tab
          key={document.id}
          document={document}
          active={document.id === activeId}
          description={descriptions.get(document.id)}
          onActivate={() => {
            activate(document.id);
            workbench.host.focus();
          }}
          onClose={() => close(document.id)}
          onMove={(id) => workbench.store.getState().moveTab(id, index)}
        />
      ))}
    </div>
  );
}

interface TabProps {
  document: DocumentState;
  active: boolean;
  description: string | undefined;
  onActivate(): void;
  onClose(): void;
  onMove(id: string): void;
}

function Tab({ document, active, description, onActivate, onClose, onMove }: TabProps) {
  const classes = ['q-tab', active && 'active', document.dirty && 'dirty', document.deletedOnDisk && 'deleted']
    .filter(Boolean)
    .join(' ');
  // Middle button: no autoscroll cursor on press, and on release no Linux-style paste of the
  // primary selection into the editor (which still has focus); the tab closes on auxclick.
  const swallowMiddleButton = (event: MouseEvent) => {
    if (event.button === 1) event.preventDefault();
  };
  const onAuxClick = (event: MouseEvent) => {
    if (event.button !== 1) return;
    event.preventDefault();
    onClose();
  };
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(TAB_DRAG_TYPE, document.id);
    event.dataTransfer.effectAllowed = 'move';
  };
  const onDragOver = (event: DragEvent) => {
    if (event.dataTransfer.types.includes(TAB_DRAG_TYPE)) event.preventDefault();
  };
  const onDrop = (event: DragEvent) => {
    const id = event.dataTransfer.getData(TAB_DRAG_TYPE);
    if (id) onMove(id);
  };
  const state = document.deletedOnDisk ? ' (deleted from disk)' : document.dirty ? ' (unsaved changes)' : '';
  return (
    <div
      id={tabElementId(document.id)}
      className={classes}
      role="tab"
      aria-selected={active}
      aria-label={`${document.name}${state}`}
      tabIndex={active ? 0 : -1}
      title={document.path ?? document.name}
      data-testid="tab"
      data-path={document.path ?? ''}
      data-dirty={String(document.dirty)}
      data-deleted={String(document.deletedOnDisk)}
      draggable
      onClick={onActivate}
      onMouseDown={swallowMiddleButton}
      onMouseUp={swallowMiddleButton}
      onAuxClick={onAuxClick}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <span className="q-tab-label">{document.name}</span>
      {description && <span className="q-tab-description">{description}</span>}
      <button
        type="button"
        className="q-tab-close"
        tabIndex={-1}
        aria-label={`Close ${document.name}`}
        title={document.dirty ? 'Unsaved changes — close' : 'Close'}
        data-testid="tab-close"
        onClick={(event) => {
          event.stopPropagation();
          onClose();
        }}
      >
        <span className="q-tab-close-dirty" aria-hidden="true">
          ●
        </span>
        <span className="q-tab-close-x" aria-hidden="true">
          ×
        </span>
      </button>
    </div>
  );
}
