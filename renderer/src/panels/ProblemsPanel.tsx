import type { KeyboardEvent } from 'react';
import { useWorkbench, useQuire } from '../components/workbench-context.js';
import { monaco } from '../monaco/setup-monaco.js';
import { documentsInTabOrder } from '../state/documents-slice.js';
import { groupProblems } from './problems.js';
import type { ProblemGroup, ProblemMarker } from './problems.js';

const severityIcons: Record<number, { icon: string; label: string }> = {
  [monaco.MarkerSeverity.Error]: { icon: 'codicon-error', label: 'Error' },
  [monaco.MarkerSeverity.Warning]: { icon: 'codicon-warning', label: 'Warning' },
  [monaco.MarkerSeverity.Info]: { icon: 'codicon-info', label: 'Info' },
  [monaco.MarkerSeverity.Hint]: { icon: 'codicon-lightbulb', label: 'Hint' },
};

/** Monaco's marker as the panel reads it; a code with a link keeps only its text. */
export function toProblemMarker(marker: monaco.editor.IMarker): ProblemMarker {
  return {
    resource: marker.resource.toString(),
    owner: marker.owner,
    severity: marker.severity,
    message: marker.message,
    code: typeof marker.code === 'object' ? marker.code.value : marker.code,
    source: marker.source,
    startLineNumber: marker.startLineNumber,
    startColumn: marker.startColumn,
  };
}

interface ProblemsPanelProps {
  markers: readonly monaco.editor.IMarker[];
  documentIdOf(resource: string): string | undefined;
}

/** The diagnostics of all open files, grouped by file; choosing one jumps to it. */
export function ProblemsPanel({ markers, documentIdOf }: ProblemsPanelProps) {
  const workbench = useWorkbench();
  const documents = useQuire((state) => state.documents);
  const tabOrder = useQuire((state) => state.tabOrder);
  const files = documentsInTabOrder({ documents, tabOrder }).map((document) => ({
    documentId: document.id,
    name: document.name,
    path: document.path,
  }));
  const groups = groupProblems(markers.map(toProblemMarker), files, documentIdOf, monaco.MarkerSeverity);

  const reveal = (group: ProblemGroup, problem: ProblemMarker) => {
    // Activating the tab shows its model at once (the editor host follows the store).
    workbench.store.getState().activateDocument(group.file.documentId);
    const editor = workbench.host.codeEditor;
    if (!editor) return;
    const position = { lineNumber: problem.startLineNumber, column: problem.startColumn };
    editor.setPosition(position);
    editor.revealPositionInCenterIfOutsideViewport(position);
    editor.focus();
  };

  if (groups.length === 0) {
    return (
      <div className="q-panel-empty" data-testid="problems-panel">
        No problems have been detected in the open files.
      </div>
    );
  }

  return (
    <ul className="q-problems" role="tree" aria-label="Problems" data-testid="problems-panel" onKeyDown={moveFocus}>
      {groups.map((group, groupIndex) => (
        <li key={group.file.documentId} role="treeitem" aria-expanded="true" aria-selected="false" className="q-problem-file">
          <div className="q-problem-file-label">
            <span className="codicon codicon-file" aria-hidden="true" />
            <span className="q-problem-file-name">{group.file.name}</span>
            {group.file.path !== null && <span className="q-problem-file-path">{group.file.path}</span>}
            <span className="q-problem-count" aria-label={`${group.problems.length} problems`}>
              {group.problems.length}
            </span>
          </div>
          <ul role="group">
            {group.problems.map((problem, index) => {
              const severity = severityIcons[problem.severity] ?? { icon: 'codicon-info', label: 'Info' };
              return (
                <li
                  key={`${problem.owner}-${index}`}
                  role="treeitem"
                  aria-selected="false"
                  tabIndex={groupIndex === 0 && index === 0 ? 0 : -1}
                  className="q-problem-row"
                  data-testid="problem-row"
                  aria-label={`${severity.label}: ${problem.message}${problem.code ? ` (${problem.code})` : ''}, ${problem.source ?? problem.owner}, line ${problem.startLineNumber} column ${problem.startColumn}`}
                  onClick={() => reveal(group, problem)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter' || event.key === ' ') {
                      event.preventDefault();
                      reveal(group, problem);
                    }
                  }}
                >
                  <span className={`codicon ${severity.icon} q-problem-icon ${severity.label.toLowerCase()}`} aria-hidden="true" />
                  <span className="q-problem-message">{problem.message}</span>
                  <span className="q-problem-meta">
                    {problem.source ?? problem.owner}
                    {problem.code ? `(${problem.code})` : ''}
                  </span>
                  <span className="q-problem-meta">[Ln {problem.startLineNumber}, Col {problem.startColumn}]</span>
                </li>
              );
            })}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/** Up and Down move between problem rows, Home and End to the first and last. */
function moveFocus(event: KeyboardEvent<HTMLUListElement>): void {
  const rows = [...event.currentTarget.querySelectorAll<HTMLElement>('[data-testid="problem-row"]')];
  const current = rows.indexOf(document.activeElement as HTMLElement);
  const target =
    event.key === 'ArrowDown'
      ? Math.min(rows.length - 1, current + 1)
      : event.key === 'ArrowUp'
        ? Math.max(0, current - 1)
        : event.key === 'Home'
          ? 0
          : event.key === 'End'
            ? rows.length - 1
            : null;
  if (target === null) return;
  event.preventDefault();
  rows[target]?.focus();
}
