import { useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { chordFor, chordKeys } from '../commands/keybindings.js';
import type { CommandId } from '../commands/command-ids.js';
import { useQuire, useWorkbench } from '../components/workbench-context.js';
import type { SideBarView } from '../state/workspace-slice.js';
import { isMacPlatform } from '../workbench/global-keys.js';

const VIEWS: readonly { view: SideBarView; label: string; icon: string; command: CommandId }[] = [
  { view: 'explorer', label: 'Explorer', icon: 'files', command: 'workbench.view.explorer' },
  { view: 'search', label: 'Search', icon: 'search', command: 'workbench.findInFiles' },
];

/**
 * The strip of view icons at the window's left edge, as in VS Code: a click shows that view in
 * the side bar (and focuses it), a click on the view already shown hides the side bar. It is
 * a vertical tab list: Up/Down move between the icons, Enter or Space picks one.
 */
export function ActivityBar() {
  const workbench = useWorkbench();
  const { visible, view } = useQuire(useShallow((state) => state.sideBar));
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const inBrowser = workbench.connectionKind === 'websocket';
  const current = visible ? view : null;

  const pick = (target: (typeof VIEWS)[number]) => {
    if (current === target.view) workbench.runCommand('workbench.toggleSideBar');
    else workbench.runCommand(target.command);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: VIEWS.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    buttons.current[(target + VIEWS.length) % VIEWS.length]?.focus();
  };

  // The tab stop: the view shown, else the first.
  const tabStop = Math.max(0, VIEWS.findIndex((candidate) => candidate.view === current));
  return (
    <nav className="q-activity-bar" aria-label="Views">
      <div role="tablist" aria-orientation="vertical" aria-label="Side bar views">
        {VIEWS.map((candidate, index) => {
          const chord = chordFor(candidate.command, inBrowser);
          const keys = chord === null ? '' : ` (${chordKeys(chord, isMacPlatform()).join(isMacPlatform() ? '' : '+')})`;
          const selected = current === candidate.view;
          return (
            <button
              key={candidate.view}
              ref={(element) => {
                buttons.current[index] = element;
              }}
              type="button"
              role="tab"
              className={selected ? 'q-activity-item active' : 'q-activity-item'}
              aria-selected={selected}
              aria-label={candidate.label}
              title={`${candidate.label}${keys}`}
              tabIndex={index === tabStop ? 0 : -1}
              data-testid={`activity-${candidate.view}`}
              onClick={() => pick(candidate)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              <span className={`codicon codicon-${candidate.icon}`} aria-hidden="true" />
            </button>
          );
        })}
      </div>
    </nav>
  );
}
