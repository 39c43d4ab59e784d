import { z } from 'zod';
import { TRUST_MODES } from '../../app/plugin-contract.js';
import { JsonFileStore } from './json-file-store.js';

const deadline = z.number().int().min(100).max(10 * 60_000);

export const Settings = z.object({
  /** Plugin files (real paths) the user disabled; their hosts are not started. */
  disabledPlugins: z.array(z.string().max(4096)).max(10_000).default([]),
  /** How long a plugin call may run before its host is ended and restarted, by kind (ms). */
  pluginDeadlinesMs: z.object({ command: deadline, format: deadline, lint: deadline }).partial().default({}),
  /** Which plugin files run without asking: `ask` (trust on first use), `signed-only`, or `all`. */
  'plugins.trust': z.enum(TRUST_MODES).default('ask'),
  /** Refuse to run a plugin whose host could not be fully sandboxed, instead of running it unconfined. */
  'plugins.requireSandbox': z.boolean().default(false),
  /** Resident memory a plugin's host may use, in MiB, before Quire stops it with `memory-limit`. */
  'plugins.memoryLimitMb': z.number().int().min(64).max(1024 * 1024).default(1024),
});
export type Settings = z.infer<typeof Settings>;

/** The user's settings, kept in `settings.json` in the config folder. */
export class SettingsStore extends JsonFileStore<Settings> {
  constructor(configDir: string) {
    super(configDir, 'settings.json', Settings as z.ZodType<Settings>, () => Settings.parse({}));
  }
}
