import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { rankPaletteEntries } from '../commands/palette-ranking.js';
import { loadRecentCommands } from '../commands/recent-commands.js';
import { selectReadyPlugins } from '../state/ready-plugins.js';
import type { QuickInputRequest } from '../state/ui-slice.js';
import { ChordKeys } from './Keys.js';
import { FilteredQuickPick } from './QuickInputFilteredPick.js';
import { useQuire, useWorkbench } from './workbench-context.js';

type CommandRequest = QuickInputRequest & { kind: 'command' };

/** The command palette: Quire's commands and every ready plugin's, recently run first. */
export function CommandQuickPick({ request }: { request: CommandRequest }) {
  const workbench = useWorkbench();
  // Plugins coming and going while the palette is open change its rows.
  const ready = useQuire(useShallow(selectReadyPlugins));
  const entries = useMemo(() => workbench.paletteEntries(ready), [workbench, ready]);
  const recent = useMemo(() => loadRecentCommands(window.localStorage), []);

  const rows = (query: string) =>
    rankPaletteEntries(entries, query, recent).map(({ entry, positions }) => ({
      value: entry.key,
      item: {
        key: entry.key,
        label: entry.title,
        highlights: positions,
        description: recent.includes(entry.key) && query.trim() === '' ? 'recently used' : undefined,
        aside: (
          <>
            {entry.pluginName !== null && (
              <span className="q-quick-item-description" style={{ marginRight: 10 }}>
                {entry.pluginName}
              </span>
            )}
            {entry.chord !== null && <ChordKeys chord={entry.chord} overriddenBy={entry.overriddenBy} />}
          </>
        ),
      },
    }));

  return (
    <FilteredQuickPick
      ariaLabel="Command palette"
      title="Show All Commands"
      inputLabel="Command"
      placeholder="Type the name of a command to run"
      emptyMessage="No matching commands."
      rows={rows}
      onFinish={(key) => request.finish(key)}
    />
  );
}
