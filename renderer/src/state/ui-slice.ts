import type { StateCreator } from 'zustand/vanilla';
import type { QuireState } from './store.js';

export type Severity = 'error' | 'warning' | 'info';

export interface NotificationAction {
  label: string;
  run(): void;
}

export interface AppNotification {
  id: number;
  severity: Severity;
  message: string;
  /** Lines of facts under the message (a consent prompt's file, hash and signer); often none. */
  detail: string[];
  /** Buttons; a notification with any stays until one is chosen or it is dismissed. */
  actions: NotificationAction[];
  /** A later notification with the same key replaces this one instead of stacking. */
  key: string | null;
}

export type NotificationRequest = Pick<AppNotification, 'severity' | 'message'> &
  Partial<Pick<AppNotification, 'detail' | 'actions' | 'key'>> & {
    /**
     * Not shown while an error with the same key is: that error already says more (a command
     * that failed because its plugin crashed outranks the plugin's "crashed — restarting").
     */
    yieldsToError?: boolean;
  };

/** A modal question with buttons, answered with the chosen button's id. */
export interface ChoiceRequest {
  message: string;
  detail?: string;
  /** Names listed under the message (e.g. the unsaved files). */
  items?: string[];
  choices: { id: string; label: string }[];
  /** The button focused first. */
  defaultId: string;
  /** The answer Escape gives. */
  cancelId: string;
}

export interface PendingChoice extends ChoiceRequest {
  answer(choiceId: string): void;
}

/** The one quick input box; `finish` closes it with the user's pick or null. */
export type QuickInputRequest = QuickInputAsk & {
  /** Distinguishes one request from the next, even when they ask the same. */
  id: number;
  finish(value: string | null): void;
};

/** The quick input request without its `finish`: what a caller asks for. */
export type QuickInputAsk =
  /** The browser edition's path box: a file to open, where to save, or a folder to open as the workspace. */
  | { kind: 'path'; mode: 'open' | 'save' | 'folder'; initialValue: string }
  | { kind: 'language'; currentId: string }
  | { kind: 'command' }
  /** Quick open (Ctrl+P): a workspace file, answered with its absolute path. */
  | { kind: 'file' };

/** The tabs of the bottom panel. */
export type PanelTab = 'problems' | 'plugins' | 'log';

export interface UiSlice {
  notifications: AppNotification[];
  notify(request: NotificationRequest): number;
  dismissNotification(id: number): void;
  dismissNotificationsByKey(key: string): void;
  /** Modal questions waiting, the first one shown. */
  choices: PendingChoice[];
  askChoice(request: ChoiceRequest): Promise<string>;
  quickInput: QuickInputRequest | null;
  askQuickInput(request: QuickInputAsk): Promise<string | null>;
  /** The bottom panel (Problems, Plugins, Log): whether it shows and which tab. */
  panel: { open: boolean; tab: PanelTab };
  togglePanel(): void;
  showPanel(tab: PanelTab): void;
  hidePanel(): void;
  /**
   * The plugin file whose row the Plugins panel should bring into view and focus (a
   * notification's Details); the row clears it once done, so reopening the panel later leaves
   * focus where it is.
   */
  pluginsPanelTarget: string | null;
  /** Opens the Plugins panel on the row of the plugin file at `path`. */
  revealPlugin(path: string): void;
  /** The row has been shown and focused: forget the target. */
  pluginRevealed(): void;
}

export const MAX_VISIBLE_NOTIFICATIONS = 4;

export const createUiSlice: StateCreator<QuireState, [], [], UiSlice> = (set, get) => {
  let nextNotificationId = 1;
  let nextQuickInputId = 1;
  return {
    notifications: [],
    notify: ({ yieldsToError = false, ...request }) => {
      const key = request.key ?? null;
      const outranking = yieldsToError && key !== null ? get().notifications.find((n) => n.key === key && n.severity === 'error') : undefined;
      if (outranking) return outranking.id;
      const notification: AppNotification = { detail: [], actions: [], key: null, ...request, id: nextNotificationId++ };
      set((state) => ({
        notifications: [
          ...state.notifications.filter((existing) => notification.key === null || existing.key !== notification.key),
          notification,
        ],
      }));
      return notification.id;
    },
    dismissNotification: (id) =>
      set((state) => ({ notifications: state.notifications.filter((notification) => notification.id !== id) })),
    dismissNotificationsByKey: (key) =>
      set((state) => ({ notifications: state.notifications.filter((notification) => notification.key !== key) })),
    choices: [],
    askChoice: (request) =>
      new Promise((resolve) => {
        const pending: PendingChoice = {
          ...request,
          answer: (choiceId) => {
            set((state) => ({ choices: state.choices.filter((choice) => choice !== pending) }));
            resolve(choiceId);
          },
        };
        set((state) => ({ choices: [...state.choices, pending] }));
      }),
    quickInput: null,
    askQuickInput: (ask) =>
      new Promise((resolve) => {
        // Only one box at a time: a new request cancels the open one.
        get().quickInput?.finish(null);
        const finish = (value: string | null) => {
          if (get().quickInput === request) set({ quickInput: null });
          resolve(value);
        };
        const request: QuickInputRequest = { ...ask, id: nextQuickInputId++, finish };
        set({ quickInput: request });
      }),
    panel: { open: false, tab: 'problems' },
    togglePanel: () => set((state) => ({ panel: { ...state.panel, open: !state.panel.open } })),
    showPanel: (tab) => set({ panel: { open: true, tab } }),
    hidePanel: () => set((state) => ({ panel: { ...state.panel, open: false } })),
    pluginsPanelTarget: null,
    revealPlugin: (path) => set({ panel: { open: true, tab: 'plugins' }, pluginsPanelTarget: path }),
    pluginRevealed: () => set({ pluginsPanelTarget: null }),
  };
};

/** The notifications on screen: the newest few, oldest at the top. */
export function visibleNotifications(notifications: readonly AppNotification[]): AppNotification[] {
  return notifications.slice(-MAX_VISIBLE_NOTIFICATIONS);
}
