import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSettings, SETTINGS_FILE_NAME, withSettings, type SettingChanges } from '../settings/settings-file.js';
import type { ResolvedSettings } from '../../app/settings-schema.js';
import { writeTextFile } from './file-service.js';

type PluginSettingKey = 'disabledPlugins' | 'pluginDeadlinesMs' | 'plugins.trust' | 'plugins.requireSandbox' | 'plugins.memoryLimitMb';
const PLUGIN_SETTING_KEYS: readonly PluginSettingKey[] = ['disabledPlugins', 'pluginDeadlinesMs', 'plugins.trust', 'plugins.requireSandbox', 'plugins.memoryLimitMb'];

/** The plugin settings (app/settings-schema.ts says what each means and checks it). */
export type Settings = Pick<ResolvedSettings, PluginSettingKey>;

/**
 * The plugin service's view of `settings.json`: its plugin settings, each checked on its own
 * (an invalid one gets its default; the settings service reports it), and writes that change
 * only the keys whose values differ, leaving the user's comments and other settings as they
 * were. Writes run one after another.
 */
export class SettingsStore {
  private readonly file: string;
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly configDir: string) {
    this.file = join(configDir, SETTINGS_FILE_NAME);
  }

  async get(): Promise<Settings> {
    await this.writes;
    return pluginSettingsOf((await loadSettings(this.file)).values);
  }

  /** Saves atomically; throws with a readable message when the file cannot be changed. */
  set(value: Settings): Promise<void> {
    const write = this.writes.then(() => this.write(value));
    this.writes = write.catch(() => undefined);
    return write;
  }

  private async write(value: Settings): Promise<void> {
    const current = await loadSettings(this.file);
    const changes: SettingChanges = {};
    for (const key of PLUGIN_SETTING_KEYS) {
      if (JSON.stringify(value[key]) !== JSON.stringify(current.values[key])) Object.assign(changes, { [key]: value[key] });
    }
    if (Object.keys(changes).length === 0) return;
    const text = withSettings(current.text, changes);
    if (text === null) {
      throw new Error(`${this.file} is not valid JSON, so Quire cannot record this change in it. Fix the file (Preferences: Open Settings (JSON)) and try again.`);
    }
    // The config folder holds the user's file list and settings: keep it private.
    await mkdir(this.configDir, { recursive: true, mode: 0o700 });
    const saved = await writeTextFile(this.file, text, { bom: false, eol: text.includes('\r\n') ? 'CRLF' : 'LF' });
    if (!saved.ok) throw new Error(saved.error.message);
  }
}

export function pluginSettingsOf(values: ResolvedSettings): Settings {
  return Object.fromEntries(PLUGIN_SETTING_KEYS.map((key) => [key, values[key]])) as Settings;
}
