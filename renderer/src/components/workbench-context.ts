import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { QuireState } from '../state/store.js';
import type { Workbench } from '../workbench/workbench.js';

export const WorkbenchContext = createContext<Workbench | null>(null);

export function useWorkbench(): Workbench {
  const workbench = useContext(WorkbenchContext);
  if (!workbench) throw new Error('useWorkbench needs a WorkbenchContext provider above it');
  return workbench;
}

/** One value from the store, re-rendering when it changes. */
export function useQuire<T>(selector: (state: QuireState) => T): T {
  return useStore(useWorkbench().store, selector);
}
