import type { QuireApi } from '../../../app/contract.js';
import type { CommandId } from '../commands/command-ids.js';
import { chordFor, keybindings } from '../commands/keybindings.js';
import type { Chord } from '../commands/keybindings.js';
import type { PaletteEntry } from '../commands/palette-ranking.js';
import { rememberRecentCommand } from '../commands/recent-commands.js';
import { DocumentModels } from '../documents/document-models.js';
import { explorerCommands } from '../explorer/explorer-commands.js';
import { BackupSync } from '../hotexit/backup-sync.js';
import { restoreBackups } from '../hotexit/restore-backups.js';
import { ExplorerService } from '../explorer/explorer-service.js';
import { lintOpenDocuments } from '../linting/lint-open-documents.js';
import type { OpenDocumentModels } from '../linting/lint-open-documents.js';
import { LintService } from '../linting/lint-service.js';
import { followColorScheme } from '../monaco/color-scheme.js';
import { toMonacoKeybinding } from '../monaco/monaco-keybinding.js';
import { monaco } from '../monaco/setup-monaco.js';
import { loadFormatOnSave } from '../plugins/format-on-save.js';
import { PluginCommandCenter } from '../plugins/plugin-command-center.js';
import { PluginEditRunner } from '../plugins/plugin-edit-runner.js';
import { PluginFormats } from '../plugins/plugin-formats.js';
import { PluginFormatting } from '../plugins/plugin-formatting.js';
import { RecentFilesTracker } from '../quickopen/recent-files-tracker.js';
import { SearchController } from '../search/search-controller.js';
import { followEditorSettings } from '../settings/editor-settings.js';
import { followSettingsFileModel } from '../settings/settings-json-language.js';
import { SettingsSync } from '../settings/settings-sync.js';
import { selectReadyPlugins } from '../state/ready-plugins.js';
import type { ReadyPlugins } from '../state/ready-plugins.js';
import type { QuireStore } from '../state/store.js';
import type { Connection } from '../transport/create-api.js';
import { createCommands } from './commands.js';
import type { Command } from './commands.js';
import { handleDiskChange } from './disk-changes.js';
import { DocumentService } from './document-service.js';
import { EditorHost } from './editor-host.js';
import { FilePickers } from './file-pickers.js';
import { installGlobalKeys } from './global-keys.js';
import { PluginNotifier } from './plugin-notifier.js';
import { SessionSync } from './session-sync.js';
import { restoreWorkbench } from './startup.js';

/**
 * The renderer's services, constructed and wired here and nowhere else (not in React hooks):
 * what the React components talk to. `start` connects them to main, once per page.
 */
export class Workbench {
  readonly api: QuireApi;
  readonly host: EditorHost;
  readonly documents: DocumentService;
  readonly commands: Map<CommandId, Command>;
  /** Search across files: the Search view's state and what it runs. */
  readonly search: SearchController;
  /** Recently opened files, listed first by quick open. */
  readonly recentFiles: RecentFilesTracker;
  private readonly sessionSync: SessionSync;
  /** Hot exit: unsaved changes backed up as they are made. */
  private readonly backups: BackupSync;
  private readonly settings: SettingsSync;
  private readonly pluginCommands: PluginCommandCenter;
  private readonly formats: PluginFormats;
  private readonly lint: LintService;
  private readonly notifier: PluginNotifier;
  /** The Explorer's tree of the workspace folder. */
  readonly explorer: ExplorerService;
  /** Set while the page reloads into another workspace: nothing is left unsaved to warn about. */
  private reloading = false;
  /** Which document each linted model belongs to; set by `start`. */
  private lintedModels: OpenDocumentModels | null = null;

  constructor(
    private readonly connection: Connection,
    readonly store: QuireStore,
  ) {
    this.api = connection.api;
    const models = new DocumentModels();
    this.host = new EditorHost(store, models);
    this.sessionSync = new SessionSync(this.api, store);
    const pickers = new FilePickers(this.api, store);
    const runner = new PluginEditRunner(this.api, store);
    const inform = (message: string) => store.getState().notify({ severity: 'info', message });
    this.formats = new PluginFormats({ store, setLanguage: (id, languageId) => this.documents.setLanguage(id, languageId) });
    const formatting = new PluginFormatting({
      runner,
      formats: this.formats,
      editor: () => this.host.codeEditor,
      activeDocument: () => this.documents.active(),
      inform,
    });
    this.documents = new DocumentService({
      api: this.api,
      store,
      models,
      host: this.host,
      pickers,
      onFilesChanged: () => this.sessionSync.filesChanged(),
      beforeSave: async (document, model) => {
        if (loadFormatOnSave(window.localStorage)) await formatting.formatBeforeSave(document, model);
      },
    });
    this.backups = new BackupSync({ api: this.api, store, models, host: this.host });
    this.settings = new SettingsSync({ api: this.api, store, openSettings: () => this.runCommand('workbench.openSettings') });
    followSettingsFileModel(store, models);
    this.search = new SearchController({ api: this.api, store, documents: this.documents, host: this.host, models });
    this.recentFiles = new RecentFilesTracker(store, window.localStorage);
    this.commands = createCommands({
      api: this.api,
      store,
      documents: this.documents,
      host: this.host,
      pickers,
      showPalette: () => this.showPalette(),
      formatting,
      search: this.search,
      backups: this.backups,
    });
    this.pluginCommands = new PluginCommandCenter({
      runner,
      builtInChords: this.builtInChords(),
      editor: () => this.host.codeEditor,
      activeDocument: () => this.documents.active(),
      inform,
    });
    this.lint = new LintService({ api: this.api, store, monaco });
    this.notifier = new PluginNotifier(this);
    this.explorer = new ExplorerService({ api: this.api, store, documents: this.documents });
    const reload = () => this.reloadPage();
    const explorerDeps = { api: this.api, store, documents: this.documents, pickers, backups: this.backups, session: this.sessionSync, explorer: this.explorer, host: this.host, reload };
    for (const command of explorerCommands(explorerDeps)) {
      this.commands.set(command.id, command);
    }
  }

  /** IPC in the desktop app, WebSocket in the browser edition (which decides the keys shown). */
  get connectionKind(): Connection['kind'] {
    return this.connection.kind;
  }

  runCommand(id: CommandId): void {
    const command = this.commands.get(id);
    if (command) this.runGuarded(command.title, () => command.run());
  }

  /** The palette's rows: Quire's commands and the ready plugins' (`selectReadyPlugins`). */
  paletteEntries(ready: ReadyPlugins): PaletteEntry[] {
    const inBrowser = this.connectionKind === 'websocket';
    const builtIn = [...this.commands.values()]
      .filter((command) => command.inPalette)
      .map((command) => ({ key: command.id, title: command.title, pluginName: null, chord: chordFor(command.id, inBrowser), overriddenBy: null }));
    return [...builtIn, ...this.pluginCommands.entries(ready)];
  }

  /** Runs a palette row's command: a built-in command id or a plugin command's key. */
  runPaletteEntry(key: string): void {
    const builtIn = [...this.commands.values()].find((command) => command.id === key);
    if (builtIn) return this.runCommand(builtIn.id);
    const command = this.pluginCommands.find(selectReadyPlugins(this.store.getState()), key);
    if (command) this.runGuarded(command.title, () => this.pluginCommands.run(command));
  }

  private async showPalette(): Promise<void> {
    const picked = await this.store.getState().askQuickInput({ kind: 'command' });
    if (picked === null) return;
    rememberRecentCommand(window.localStorage, picked);
    this.runPaletteEntry(picked);
  }

  private runGuarded(title: string, run: () => Promise<unknown> | unknown): void {
    Promise.resolve()
      .then(run)
      .catch((error: unknown) => {
        // A command failing this way is a bug, not a file error (those are values): say so.
        console.error(`Quire: command ${title} failed`, error);
        this.store.getState().notify({ severity: 'error', message: `${title} failed: ${String(error)}` });
      });
  }

  /** Every chord Quire's own commands use (in either edition), with the command's title. */
  private builtInChords(): Map<Chord, string> {
    return new Map(keybindings.map((binding) => [binding.chord, this.commands.get(binding.command)?.title ?? binding.command]));
  }

  /** Connects to main and restores the last session. Runs once, for the life of the page. */
  start(): void {
    const state = () => this.store.getState();
    state().setConnection(this.connection.state());
    this.connection.onStateChange((connection) => {
      const wasDown = state().connection === 'reconnecting';
      state().setConnection(connection);
      // A new connection may be a new server-side session: it knows nothing of our watch list.
      if (connection === 'connected' && wasDown) this.sessionSync.filesChanged();
    });
    this.api.on('file.changed', (change) => void handleDiskChange(change, this.documents, this.store));
    this.api.on('app.openFiles', ({ paths }) => {
      void (async () => {
        for (const path of paths) await this.documents.openAndReport(path);
      })();
    });
    this.api.on('menu.command', ({ command }) => this.runCommand(command));
    this.api.on('plugins.changed', ({ plugins }) => state().setPlugins(plugins));
    this.settings.start();
    followEditorSettings(this.store, () => this.host.codeEditor);
    this.formats.start();
    this.api.on('workspace.changed', (workspace) => state().setWorkspace(workspace));
    this.explorer.start();
    this.search.start();
    this.recentFiles.start();
    // Before any document opens: the lint wiring pairs each new model with its document.
    this.lintedModels = lintOpenDocuments(monaco, this.store, this.lint);
    this.notifier.start();
    void this.loadPlugins();
    installGlobalKeys({
      run: (command) => this.runCommand(command),
      otherCommand: (chord) => {
        const command = this.pluginCommands.commandForChord(selectReadyPlugins(state()), chord);
        return command && (() => this.runGuarded(command.title, () => this.pluginCommands.run(command)));
      },
      isBlocked: () => state().choices.length > 0 || state().quickInput !== null,
    });
    followColorScheme();
    this.guardUnload();
    // Before any document opens, so every one is backed up once it has unsaved changes.
    this.backups.start();
    const restoreUnsaved = () => restoreBackups({ api: this.api, store: this.store, documents: this.documents, host: this.host, backups: this.backups });
    void restoreWorkbench(this.api, this.store, this.documents, restoreUnsaved).then((started) => {
      if (started) this.sessionSync.start();
    });
  }

  /** Fetches the plugin list and folders once; `plugins.changed` keeps the list current after that. */
  private async loadPlugins(): Promise<void> {
    const [list, folders] = await Promise.all([this.api.request('plugins.list', {}), this.api.request('plugins.folders', {})]);
    if (list.ok) this.store.getState().setPlugins(list.value.plugins);
    if (folders.ok) this.store.getState().setPluginFolders(folders.value.folders, folders.value.safeMode);
  }

  /** The open document a model (by its URI) belongs to, for the Problems panel. */
  documentIdOf(resource: string): string | undefined {
    return this.lintedModels?.documentIdOf(resource);
  }

  /** Creates the editor in `container` with Quire's commands in Monaco's own palette too (its context menu). */
  mountEditor(container: HTMLElement): () => void {
    const unmount = this.host.mount(container);
    const editor = this.host.codeEditor;
    const inBrowser = this.connectionKind === 'websocket';
    const actions = [...this.commands.values()]
      .filter((command) => command.inPalette)
      .map((command) => {
        const chord = chordFor(command.id, inBrowser);
        const keybinding = chord === null ? null : toMonacoKeybinding(chord);
        return editor?.addAction({
          id: `quire.${command.id}`,
          label: command.title,
          keybindings: keybinding === null ? [] : [keybinding],
          run: () => this.runCommand(command.id),
        });
      });
    return () => {
      for (const action of actions) action?.dispose();
      unmount();
    };
  }

  /**
   * In a browser tab, closing or reloading the page with unsaved changes: with hot exit on, the
   * last of them are backed up at once and the page goes without asking (they come back next
   * start); with it off, the browser asks first, and leaving anyway drops their backups. (The
   * desktop app does this in the quit flow instead; a blocked unload there would just hang.)
   */
  private guardUnload(): void {
    if (this.connectionKind === 'ipc') return;
    const state = () => this.store.getState();
    window.addEventListener('beforeunload', (event) => {
      if (this.reloading) return;
      if (!Object.values(state().documents).some((document) => document.dirty)) return;
      if (state().settings.hotExit && this.backups.sendAllNow()) return;
      event.preventDefault();
    });
    window.addEventListener('pagehide', () => {
      if (!this.reloading && !state().settings.hotExit) this.backups.dropAllNow();
    });
  }

  /** Starts the page over (another workspace was opened); unsaved changes have been dealt with. */
  private reloadPage(): void {
    this.reloading = true;
    window.location.reload();
  }
}
