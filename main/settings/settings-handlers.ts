import { unsupported, type ConnectionContext, type HandlerGroup } from '../api/handler-context.js';
import type { SettingsService } from './settings-service.js';

/** PLACEHOLDER (helper C replaces). */
export function settingsHandlers(context: ConnectionContext, _settings: SettingsService): HandlerGroup<'settings.get'> {
  return { 'settings.get': async () => unsupported('Settings', context.appInfo.edition) };
}
