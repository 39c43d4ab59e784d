import type { CommandId } from '../commands/command-ids.js';
import { Keys } from './Keys.js';

const shortcuts: { label: string; command: CommandId }[] = [
  { label: 'Show All Commands', command: 'workbench.commandPalette' },
  { label: 'Open File', command: 'file.open' },
  { label: 'New Untitled Text File', command: 'file.new' },
];

/** What an empty workbench shows: the key shortcuts to get going, like VS Code's watermark. */
export function EmptyState() {
  return (
    <div className="q-watermark" data-testid="empty-state">
      <div className="q-watermark-title" aria-hidden="true">
        Quire
      </div>
      <dl className="q-watermark-shortcuts">
        {shortcuts.map(({ label, command }) => (
          <div className="q-watermark-entry" key={command}>
            <dt>{label}</dt>
            <dd>
              <Keys command={command} />
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
