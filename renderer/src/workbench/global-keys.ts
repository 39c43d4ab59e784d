import type { CommandId } from '../commands/command-ids.js';
import { chordOf, commandForKey } from '../commands/keybindings.js';
import type { Chord } from '../commands/keybindings.js';

export interface GlobalKeyHandlers {
  /** Runs a built-in command. */
  run(command: CommandId): void;
  /** What a chord no built-in command has runs (a plugin's command), or null. */
  otherCommand(chord: Chord): (() => void) | null;
  /** A modal dialog or quick input is open. */
  isBlocked(): boolean;
}

/**
 * Routes key chords to commands before anything else sees them (capture phase), so the
 * editor, an input or the browser (Ctrl+S "Save page") cannot take them first. Quire's own
 * bindings are looked up first, so a plugin can never take one of them. While a modal dialog
 * or quick input is open Quire's chords are swallowed but not run.
 */
export function installGlobalKeys(handlers: GlobalKeyHandlers): void {
  const isMac = isMacPlatform();
  const onKeyDown = (event: KeyboardEvent) => {
    if (claimedByFocusedWidget(event, isMac)) return;
    const command = commandForKey(event, isMac);
    if (command !== null) {
      event.preventDefault();
      event.stopPropagation();
      if (!handlers.isBlocked()) handlers.run(command);
      return;
    }
    // A plugin's chord is left alone in dialogs: it may be one the text box needs.
    const chord = chordOf(event, isMac);
    const other = chord === null || handlers.isBlocked() ? null : handlers.otherCommand(chord);
    if (other === null) return;
    event.preventDefault();
    event.stopPropagation();
    other();
  };
  window.addEventListener('keydown', onKeyDown, { capture: true });
}

/**
 * A widget that binds some chords itself lists them in `data-claims-keys` ("Alt+C Alt+W"): while
 * focus is inside it those reach it instead of a command (the Search view's Alt+W toggles Match
 * Whole Word there, rather than closing the tab).
 */
function claimedByFocusedWidget(event: KeyboardEvent, isMac: boolean): boolean {
  const widget = event.target instanceof Element ? event.target.closest('[data-claims-keys]') : null;
  const chord = widget === null ? null : chordOf(event, isMac);
  return chord !== null && (widget?.getAttribute('data-claims-keys') ?? '').split(' ').includes(chord);
}

export function isMacPlatform(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.userAgent);
}
