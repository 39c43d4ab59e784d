import { useEffect } from 'react';
import { useWorkbench } from './workbench-context.js';

/**
 * For a dialog or box: when it closes, focus goes back where it was before it opened (or to the
 * editor when that element is gone), so the keyboard user continues where they left off.
 */
export function useRestoreFocus(): void {
  const workbench = useWorkbench();
  useEffect(() => {
    const previous = document.activeElement;
    return () => {
      if (previous instanceof HTMLElement && previous.isConnected && previous !== document.body) previous.focus();
      else workbench.host.focus();
    };
  }, [workbench]);
}
