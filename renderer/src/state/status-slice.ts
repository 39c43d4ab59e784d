import type { StateCreator } from 'zustand/vanilla';
import type { AppInfo } from '../../../app/contract.js';
import type { ConnectionState } from '../transport/ws-transport.js';
import type { QuireState } from './store.js';

export interface CursorStatus {
  line: number;
  column: number;
  /** Characters selected across all selections; 0 when nothing is selected. */
  selectedChars: number;
  /** How many cursors/selections there are. */
  selections: number;
}

export interface StatusSlice {
  appInfo: AppInfo | null;
  connection: ConnectionState;
  cursor: CursorStatus;
  setAppInfo(info: AppInfo): void;
  setConnection(connection: ConnectionState): void;
  setCursor(cursor: CursorStatus): void;
}

export const createStatusSlice: StateCreator<QuireState, [], [], StatusSlice> = (set) => ({
  appInfo: null,
  connection: 'connecting',
  cursor: { line: 1, column: 1, selectedChars: 0, selections: 1 },
  setAppInfo: (appInfo) => set({ appInfo }),
  setConnection: (connection) => set({ connection }),
  setCursor: (cursor) => set({ cursor }),
});
