/**
 * The user's settings.json for one running Quire: read at once, checked key by key, and read
 * again whenever the file changes (saved in Quire's settings tab or by any other program), with
 * every subscriber told. Reading never fails and never throws: a bad value costs its key, a bad
 * file costs nothing but the defaults, and both are reported as problems.
 */
import { mkdirSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { SettingsState } from '../../app/workspace-contract.js';
import { loadSettings, loadSettingsSync, SETTINGS_FILE_NAME, type LoadedSettings } from './settings-file.js';
import { activeGlobs, editorSettingsOf, type ResolvedSettings } from '../../app/settings-schema.js';

/** How long a burst of file events (an editor's write, rename and chmod) is gathered into one read. */
const SETTLE_MS = 40;

export type SettingsListener = (state: SettingsState) => void;

export class SettingsService {
  /** Absolute path of settings.json. */
  readonly file: string;
  private loaded: LoadedSettings;
  private readonly listeners = new Set<SettingsListener>();
  private watcher: FSWatcher | null = null;
  private settleTimer: NodeJS.Timeout | null = null;
  private reading: Promise<void> | null = null;
  private readAgain = false;

  constructor(readonly configDir: string) {
    this.file = join(configDir, SETTINGS_FILE_NAME);
    this.loaded = loadSettingsSync(this.file);
    this.watch();
  }

  /** Every setting as it applies now (defaults where the file says nothing or something invalid). */
  values(): ResolvedSettings {
    return this.loaded.values;
  }

  /** What the renderer is sent: the file's path, the settings it acts on, and the problems. */
  state(): SettingsState {
    return { path: this.file, values: editorSettingsOf(this.loaded.values), problems: this.loaded.problems };
  }

  /** `files.exclude`'s patterns that are on: hidden from the Explorer, quick open and search. */
  excludes(): string[] {
    return activeGlobs(this.loaded.values['files.exclude']);
  }

  /** `search.exclude`'s patterns that are on: left out of search, on top of `excludes()`. */
  searchExcludes(): string[] {
    return activeGlobs(this.loaded.values['search.exclude']);
  }

  /** Calls `listener` after settings.json changed and was read again; returns the unsubscribe. */
  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Reads the file again now and tells the subscribers if anything changed. */
  async reload(): Promise<SettingsState> {
    if (this.reading) {
      this.readAgain = true;
      await this.reading;
      return this.state();
    }
    this.reading = this.readLoop();
    try {
      await this.reading;
    } finally {
      this.reading = null;
    }
    return this.state();
  }

  /** Stops watching the file. */
  close(): void {
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = null;
    this.watcher?.close();
    this.watcher = null;
    this.listeners.clear();
  }

  private async readLoop(): Promise<void> {
    do {
      this.readAgain = false;
      const next = await loadSettings(this.file);
      const changed = next.text !== this.loaded.text || JSON.stringify(next.problems) !== JSON.stringify(this.loaded.problems);
      this.loaded = next;
      if (changed) this.notify();
    } while (this.readAgain);
  }

  private notify(): void {
    const state = this.state();
    for (const listener of [...this.listeners]) {
      try {
        listener(state);
      } catch (error) {
        console.error('Quire: a settings listener failed', error);
      }
    }
  }

  /**
   * Watches the config folder rather than the file: saves replace the file by rename (Quire's
   * own and most editors'), which would end a watch on the old file, and the file may not exist
   * yet. The watch does not keep the process alive.
   */
  private watch(): void {
    try {
      mkdirSync(this.configDir, { recursive: true, mode: 0o700 });
      this.watcher = watch(this.configDir, { persistent: false }, (_event, name) => {
        if (name === null || name === SETTINGS_FILE_NAME) this.scheduleReload();
      });
      this.watcher.on('error', (error) => {
        console.error(`Quire: stopped watching ${this.file} for changes`, error);
        this.watcher?.close();
        this.watcher = null;
      });
    } catch (error) {
      console.error(`Quire: cannot watch ${this.file} for changes; restart Quire to apply edits to it`, error);
    }
  }

  private scheduleReload(): void {
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      void this.reload();
    }, SETTLE_MS);
    this.settleTimer.unref();
  }
}
