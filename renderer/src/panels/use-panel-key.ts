import { useEffect } from 'react';
import type { Workbench } from '../workbench/workbench.js';

/**
 * Ctrl+J (Cmd+J on macOS) shows or hides the bottom panel, as in VS Code. Captured before the
 * editor sees it; while a dialog or quick input is open it does nothing.
 */
export function usePanelKey(workbench: Workbench): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = /Mac|iPhone|iPad/.test(navigator.userAgent) ? event.metaKey : event.ctrlKey;
      if (!mod || event.shiftKey || event.altKey || event.key.toLowerCase() !== 'j') return;
      const state = workbench.store.getState();
      if (state.choices.length > 0 || state.quickInput !== null) return;
      event.preventDefault();
      event.stopPropagation();
      state.togglePanel();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [workbench]);
}
