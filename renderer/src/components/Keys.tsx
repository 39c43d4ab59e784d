import { chordFor, chordKeys } from '../commands/keybindings.js';
import type { Chord } from '../commands/keybindings.js';
import type { CommandId } from '../commands/command-ids.js';
import { isMacPlatform } from '../workbench/global-keys.js';
import { useWorkbench } from './workbench-context.js';

/** The keys for a command as keycaps; nothing when it has no binding here. */
export function Keys({ command }: { command: CommandId }) {
  const inBrowser = useWorkbench().connectionKind === 'websocket';
  const chord = chordFor(command, inBrowser);
  return chord === null ? null : <ChordKeys chord={chord} overriddenBy={null} />;
}

/**
 * A chord as keycaps. One that lost a clash to another command is struck through and says
 * which command has it, so the user knows why pressing it does something else.
 */
export function ChordKeys({ chord, overriddenBy }: { chord: Chord; overriddenBy: string | null }) {
  const keys = chordKeys(chord, isMacPlatform());
  if (overriddenBy === null) {
    return (
      <span className="q-keys">
        {keys.map((key, index) => (
          <kbd key={index}>{key}</kbd>
        ))}
      </span>
    );
  }
  const label = `${keys.join('+')}, overridden by ${overriddenBy}`;
  return (
    <span
      className="q-keys q-keys-overridden"
      title={label}
      aria-label={label}
      style={{ textDecoration: 'line-through', opacity: 0.6 }}
      data-testid="overridden-keys"
    >
      {keys.map((key, index) => (
        <kbd key={index} style={{ textDecoration: 'line-through' }}>
          {key}
        </kbd>
      ))}
    </span>
  );
}
