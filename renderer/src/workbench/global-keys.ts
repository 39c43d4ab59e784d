import type { CommandId } from '../commands/command-ids.js';
import { commandForKey } from '../commands/keybindings.js';

/**
 * Routes Quire's key chords to commands before anything else sees them (capture phase), so
 * the editor, an input or the browser (Ctrl+S "Save page") cannot take them first. While a
 * modal dialog or quick input is open the chords are swallowed but not run.
 */
export function installGlobalKeys(run: (command: CommandId) => void, isBlocked: () => boolean): void {
  const isMac = isMacPlatform();
  const onKeyDown = (event: KeyboardEvent) => {
    const command = commandForKey(event, isMac);
    if (command === null) return;
    event.preventDefault();
    event.stopPropagation();
    if (!isBlocked()) run(command);
  };
  window.addEventListener('keydown', onKeyDown, { capture: true });
}

export function isMacPlatform(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.userAgent);
}
