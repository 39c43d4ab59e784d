import type { MouseEvent, ReactNode } from 'react';
import type { CommandId } from '../commands/command-ids.js';
import { languageName } from '../monaco/languages.js';
import { monaco } from '../monaco/setup-monaco.js';
import { useQuire, useWorkbench } from './workbench-context.js';

/**
 * The bottom bar: problem counts, then the active document's cursor, selection, encoding, line
 * ending and language.
 */
export function StatusBar({ markers }: { markers: readonly monaco.editor.IMarker[] }) {
  const workbench = useWorkbench();
  const active = useQuire((state) => (state.activeId === null ? null : (state.documents[state.activeId] ?? null)));
  const cursor = useQuire((state) => state.cursor);
  const connection = useQuire((state) => state.connection);

  const run = (command: CommandId) => () => {
    workbench.runCommand(command);
  };

  return (
    <footer className="q-statusbar" role="status" aria-live="off" aria-label="Status bar">
      <div className="q-statusbar-side">
        <ProblemCounts markers={markers} onClick={() => workbench.store.getState().showPanel('problems')} />
        {connection === 'reconnecting' && (
          <span className="q-status-item warning" data-testid="status-connection" aria-label="Reconnecting to Quire">
            <span className="codicon codicon-debug-disconnect" aria-hidden="true" /> Reconnecting…
          </span>
        )}
      </div>
      {active && (
        <div className="q-statusbar-side">
          <StatusButton
            testId="status-position"
            label={`Line ${cursor.line}, column ${cursor.column}. Go to line`}
            onClick={() => workbench.host.runAction('editor.action.gotoLine')}
          >
            Ln {cursor.line}, Col {cursor.column}
          </StatusButton>
          {(cursor.selectedChars > 0 || cursor.selections > 1) && (
            <span className="q-status-item" data-testid="status-selection" aria-label={selectionText(cursor)}>
              {selectionText(cursor)}
            </span>
          )}
          <StatusButton
            testId="status-encoding"
            label={`Encoding: ${active.bom ? 'UTF-8 with BOM' : 'UTF-8'}. ${active.bom ? 'Remove' : 'Add'} the byte order mark`}
            onClick={run('editor.changeEncoding')}
          >
            {active.bom ? 'UTF-8 with BOM' : 'UTF-8'}
          </StatusButton>
          <StatusButton
            testId="status-eol"
            label={`End of line sequence: ${active.eol}. Switch to ${active.eol === 'LF' ? 'CRLF' : 'LF'}`}
            onClick={run('editor.changeEol')}
          >
            {active.eol}
          </StatusButton>
          <StatusButton
            testId="status-language"
            label={`Language: ${languageName(active.languageId, monaco.languages.getLanguages())}. Change language mode`}
            onClick={run('editor.changeLanguage')}
          >
            {languageName(active.languageId, monaco.languages.getLanguages())}
          </StatusButton>
        </div>
      )}
    </footer>
  );
}

function ProblemCounts({ markers, onClick }: { markers: readonly monaco.editor.IMarker[]; onClick(): void }) {
  const errors = markers.filter((marker) => marker.severity === monaco.MarkerSeverity.Error).length;
  const warnings = markers.filter((marker) => marker.severity === monaco.MarkerSeverity.Warning).length;
  const label = `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}. Show problems`;
  return (
    <StatusButton testId="status-problems" label={label} onClick={onClick}>
      <span className="codicon codicon-error" aria-hidden="true" />
      <span data-testid="status-errors">{errors}</span>
      <span className="codicon codicon-warning" aria-hidden="true" />
      <span data-testid="status-warnings">{warnings}</span>
    </StatusButton>
  );
}

function selectionText(cursor: { selectedChars: number; selections: number }): string {
  if (cursor.selections > 1) return `${cursor.selections} selections (${cursor.selectedChars} characters selected)`;
  return `(${cursor.selectedChars} selected)`;
}

interface StatusButtonProps {
  testId: string;
  label: string;
  onClick(): void;
  children: ReactNode;
}

function StatusButton({ testId, label, onClick, children }: StatusButtonProps) {
  // A mouse click must not pull focus out of the editor; keyboard users still reach the buttons.
  const keepFocus = (event: MouseEvent) => event.preventDefault();
  return (
    <button
      type="button"
      className="q-status-item"
      data-testid={testId}
      aria-label={label}
      title={label}
      onMouseDown={keepFocus}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
