import type { QuireStore } from '../state/store.js';
import { loadRecentFiles, mergeRecent, rememberRecentFile } from './recent-files.js';

/**
 * Which files were opened lately, for quick open to list first: the open tabs in the order they
 * were last active, then files remembered per workspace from earlier (closed tabs, past
 * sessions), remembered as each tab becomes active.
 */
export class RecentFilesTracker {
  constructor(
    private readonly store: QuireStore,
    private readonly storage: Storage,
  ) {}

  /** Remembers each file as its tab becomes active; returns the unsubscribe. */
  start(): () => void {
    return this.store.subscribe((state, previous) => {
      if (state.activeId === previous.activeId || state.activeId === null) return;
      const path = state.documents[state.activeId]?.path;
      const folder = state.workspace?.folder;
      if (path && folder) rememberRecentFile(this.storage, folder, path);
    });
  }

  /** Absolute paths, most recent first. */
  recent(): string[] {
    const state = this.store.getState();
    const open = state.recentIds.flatMap((id) => state.documents[id]?.path ?? []);
    const folder = state.workspace?.folder;
    return mergeRecent(open, folder ? loadRecentFiles(this.storage, folder) : []);
  }
}
