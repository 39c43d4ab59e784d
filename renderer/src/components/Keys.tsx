import { chordFor, chordKeys } from '../commands/keybindings.js';
import type { CommandId } from '../commands/command-ids.js';
import { isMacPlatform } from '../workbench/global-keys.js';
import { useWorkbench } from './workbench-context.js';

/** The keys for a command as keycaps; nothing when it has no binding here. */
export function Keys({ command }: { command: CommandId }) {
  const inBrowser = useWorkbench().connectionKind === 'websocket';
  const chord = chordFor(command, inBrowser);
  if (chord === null) return null;
  return (
    <span className="q-keys">
      {chordKeys(chord, isMacPlatform()).map((key, index) => (
        <kbd key={index}>{key}</kbd>
      ))}
    </span>
  );
}
