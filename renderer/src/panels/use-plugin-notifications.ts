import { useEffect } from 'react';
import type { NotificationRequest } from '../state/ui-slice.js';
import type { Workbench } from '../workbench/workbench.js';
import { PluginChangeTracker } from './plugin-notifications.js';
import type { PluginEvent } from './plugin-notifications.js';

/**
 * Tells the user when a plugin is added, reloaded, removed, crashes, hangs or is quarantined,
 * one notification per plugin file at a time (a newer one replaces it). The list main sends
 * first is the startup state and is not news.
 */
export function usePluginNotifications(workbench: Workbench): void {
  useEffect(() => {
    const store = workbench.store;
    const tracker = new PluginChangeTracker();
    // An empty list is the store's initial value, not main's answer: wait for that.
    if (store.getState().plugins.length > 0) tracker.update(store.getState().plugins);
    return store.subscribe((state, previous) => {
      if (state.plugins === previous.plugins) return;
      for (const event of tracker.update(state.plugins)) state.notify(notificationFor(event, workbench));
    });
  }, [workbench]);
}

function notificationFor(event: PluginEvent, workbench: Workbench): NotificationRequest {
  const showPlugins = { label: 'Show Plugins', run: () => workbench.store.getState().showPanel('plugins') };
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
      const reenable = {
        label: 'Re-enable',
        run: () => {
          void workbench.api.request('plugins.reload', { path: event.path }).then((result) => {
            if (!result.ok) workbench.store.getState().notify({ severity: 'error', message: result.error.message });
          });
        },
      };
      // Main's message names the plugin, says why it was stopped and what to do.
      const message = event.message === '' ? `${event.name} was quarantined after crashing repeatedly.` : event.message;
      return { key, severity: 'error', message, actions: [reenable, showPlugins] };
    }
    case 'failed':
      return { key, severity: 'error', message: `${event.name} could not be loaded (${event.code}). ${event.message}`, actions: [showPlugins] };
  }
}
