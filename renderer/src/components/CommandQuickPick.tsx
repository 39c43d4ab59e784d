import { useState } from 'react';
import type { QuickInputRequest } from '../state/ui-slice.js';
import { Keys } from './Keys.js';
import { QuickInput } from './QuickInput.js';
import type { QuickItem } from './QuickInput.js';
import { useWorkbench } from './workbench-context.js';

type CommandRequest = QuickInputRequest & { kind: 'command' };

/** Quire's own commands to pick from, for when Monaco's palette has no editor to live in. */
export function CommandQuickPick({ request }: { request: CommandRequest }) {
  const commands = [...useWorkbench().commands.values()].filter((command) => command.inPalette);
  const [query, setQuery] = useState('');
  const [activeIndex, setActiveIndex] = useState(0);
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = commands.filter((command) => words.every((word) => command.title.toLowerCase().includes(word)));

  const items: QuickItem[] = matches.map((command) => ({
    key: command.id,
    label: command.title,
    aside: <Keys command={command.id} />,
  }));

  const pick = (index: number) => {
    const command = matches[index];
    if (command) request.finish(command.id);
  };

  return (
    <QuickInput
      ariaLabel="Command palette"
      title="Show All Commands"
      inputLabel="Command"
      placeholder="Type the name of a command to run"
      value={query}
      onValueChange={(next) => {
        setQuery(next);
        setActiveIndex(0);
      }}
      items={items}
      activeIndex={Math.min(activeIndex, items.length - 1)}
      onActiveIndexChange={setActiveIndex}
      message={items.length === 0 ? 'No matching commands.' : undefined}
      onAccept={() => pick(activeIndex)}
      onPick={pick}
      onCancel={() => request.finish(null)}
    />
  );
}
