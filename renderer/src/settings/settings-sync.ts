import type { QuireApi } from '../../../app/contract.js';
import type { SettingsState } from '../../../app/workspace-contract.js';
import type { QuireStore } from '../state/store.js';
import { SETTINGS_PROBLEMS_KEY, settingsProblemsNotification } from './settings-problems.js';

export interface SettingsSyncDeps {
  api: QuireApi;
  store: QuireStore;
  /** "Preferences: Open Settings (JSON)", offered with the problems. */
  openSettings(): void;
}

/**
 * Keeps the store's settings as main reads them from settings.json: fetched at start and after
 * a reconnect, then replaced on each `settings.changed`, with their problems shown as one
 * warning that each change replaces (or takes away once the file is fixed).
 */
export class SettingsSync {
  /** Bumped by every answer and event, so a slow `settings.get` never overwrites a newer event. */
  private generation = 0;

  constructor(private readonly deps: SettingsSyncDeps) {}

  start(): void {
    const { api, store } = this.deps;
    api.on('settings.changed', (state) => {
      this.generation++;
      this.apply(state);
    });
    store.subscribe((state, previous) => {
      // A new connection may have missed changes made while it was down.
      if (state.connection === 'connected' && previous.connection === 'reconnecting') void this.load();
    });
    void this.load();
  }

  private async load(): Promise<void> {
    const asked = ++this.generation;
    const result = await this.deps.api.request('settings.get', {});
    if (asked !== this.generation) return;
    if (result.ok) this.apply(result.value);
    else if (this.deps.store.getState().connection === 'connected') {
      this.deps.store.getState().notify({
        key: SETTINGS_PROBLEMS_KEY,
        severity: 'warning',
        message: `Quire could not load its settings, so it uses the defaults: ${result.error.message}`,
      });
    }
  }

  private apply(state: SettingsState): void {
    const store = this.deps.store.getState();
    store.setSettings(state.values, state.problems);
    const notification = settingsProblemsNotification(state.problems, this.deps.openSettings);
    if (notification) store.notify(notification);
    else store.dismissNotificationsByKey(SETTINGS_PROBLEMS_KEY);
  }
}
