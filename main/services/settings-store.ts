import { z } from 'zod';
import { JsonFileStore } from './json-file-store.js';

const deadline = z.number().int().min(100).max(10 * 60_000);

export const Settings = z.object({
  /** Plugin files (real paths) the user disabled; their hosts are not started. */
  disabledPlugins: z.array(z.string().max(4096)).max(10_000).default([]),
  /** How long a plugin call may run before its host is ended and restarted, by kind (ms). */
  pluginDeadlinesMs: z.object({ command: deadline, format: deadline, lint: deadline }).partial().default({}),
});
export type Settings = z.infer<typeof Settings>;

/** The user's settings, kept in `settings.json` in the config folder. */
export class SettingsStore extends JsonFileStore<Settings> {
  constructor(configDir: string) {
    super(configDir, 'settings.json', Settings as z.ZodType<Settings>, () => ({ disabledPlugins: [], pluginDeadlinesMs: {} }));
  }
}
