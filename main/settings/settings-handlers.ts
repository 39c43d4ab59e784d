import { ok, type ConnectionContext, type HandlerGroup } from '../api/handler-context.js';
import type { SettingsService } from './settings-service.js';

/** `settings.get`, and `settings.changed` sent to this connection whenever settings.json changes. */
export function settingsHandlers(context: ConnectionContext, settings: SettingsService): HandlerGroup<'settings.get'> {
  const unsubscribe = settings.onChange((state) => context.emit('settings.changed', state));
  context.onDispose(unsubscribe);
  return { 'settings.get': async () => ok(settings.state()) };
}
