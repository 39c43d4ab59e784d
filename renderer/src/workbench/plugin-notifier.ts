import type { PluginStatus } from '../../../app/plugin-contract.js';
import { ConsentPromptTracker } from '../plugin-status/plugin-consent.js';
import type { ConsentPrompt } from '../plugin-status/plugin-consent.js';
import { notificationKey, PluginChangeTracker } from '../plugin-status/plugin-notifications.js';
import type { PluginEvent } from '../plugin-status/plugin-notifications.js';
import type { NotificationRequest } from '../state/ui-slice.js';
import { decidePlugin, requestPluginAction } from './plugin-requests.js';
import type { PluginRequester } from './plugin-requests.js';

/**
 * Tells the user when a plugin is added, reloaded, removed, crashes, hangs or is quarantined,
 * and asks about each plugin file waiting for consent: one notification per plugin file at a
 * time (a newer one replaces it). The list main sends first is the startup state and is not
 * news, except for consent: a file waiting at startup is asked about at startup.
 */
export class PluginNotifier {
  private readonly changes = new PluginChangeTracker();
  private readonly consent = new ConsentPromptTracker();
  /** Path → the id of its consent notification, to take it back once answered elsewhere. */
  private readonly prompts = new Map<string, number>();

  constructor(private readonly workbench: PluginRequester) {}

  /** Follows the store's plugin list from now on; returns the unsubscribe. */
  start(): () => void {
    const store = this.workbench.store;
    // An empty list is the store's initial value, not main's answer: wait for that.
    if (store.getState().plugins.length > 0) this.update(store.getState().plugins);
    return store.subscribe((state, previous) => {
      if (state.plugins !== previous.plugins) this.update(state.plugins);
    });
  }

  private update(plugins: readonly PluginStatus[]): void {
    const state = this.workbench.store.getState();
    const { show, withdraw } = this.consent.update(plugins);
    // Taken back first, by id: a later notification for the same file must not be dismissed.
    for (const path of withdraw) {
      const id = this.prompts.get(path);
      if (id !== undefined) state.dismissNotification(id);
      this.prompts.delete(path);
    }
    for (const event of this.changes.update(plugins)) state.notify(this.notificationFor(event));
    for (const prompt of show) this.prompts.set(prompt.path, state.notify(this.consentNotification(prompt)));
  }

  /** Allow / Deny for these exact bytes, and Details to see the file in the Plugins panel first. */
  private consentNotification(prompt: ConsentPrompt): NotificationRequest {
    const decide = (decision: 'allow' | 'deny') => () => void decidePlugin(this.workbench, prompt, decision);
    return {
      key: notificationKey(prompt),
      // A question, not a fault: it waits for an answer (it has buttons) without alarming.
      severity: 'info',
      message: prompt.question,
      detail: prompt.details,
      actions: [
        { label: 'Allow', run: decide('allow') },
        { label: 'Deny', run: decide('deny') },
        { label: 'Details', run: () => this.workbench.store.getState().revealPlugin(prompt.path) },
      ],
    };
  }

  private notificationFor(event: PluginEvent): NotificationRequest {
    const showPlugins = { label: 'Show Plugins', run: () => this.workbench.store.getState().showPanel('plugins') };
    const key = event.key;
    switch (event.kind) {
      case 'loaded':
        return { key, severity: 'info', message: `${event.name} loaded: ${event.summary}` };
      case 'reloaded':
        return { key, severity: 'info', message: `${event.name} reloaded: ${event.summary}` };
      case 'removed':
        return { key, severity: 'info', message: `${event.name} removed` };
      case 'crashed':
        return { key, severity: 'warning', message: `${event.name} crashed — restarting`, yieldsToError: true };
      case 'hung':
        return { key, severity: 'warning', message: `${event.name} stopped responding — restarting`, yieldsToError: true };
      case 'quarantined': {
        const reenable = { label: 'Re-enable', run: () => void requestPluginAction(this.workbench, 'plugins.reload', { path: event.path }) };
        // Main's message names the plugin, says why it was stopped and what to do.
        const message = event.message === '' ? `${event.name} was quarantined after crashing repeatedly.` : event.message;
        return { key, severity: 'error', message, actions: [reenable, showPlugins] };
      }
      case 'failed':
        return { key, severity: 'error', message: `${event.name} could not be loaded (${event.code}). ${event.message}`, actions: [showPlugins] };
    }
  }
}
