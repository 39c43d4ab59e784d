/**
 * The desktop shell's main process: one hardened window showing the renderer from
 * `quire://app/`, the API behind Electron IPC, the native menu and dialogs, and the quit
 * handshake with the page. Everything that can run without Electron lives in the modules it
 * imports from this folder, where it is tested.
 */
import os from 'node:os';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, shell } from 'electron';
import {
  IpcChannel,
  type AppInfo,
  type EventMessage,
  type EventName,
  type EventPayload,
} from '../../app/contract.js';
import { ApiSession, type PlatformHooks } from '../api/api-session.js';
import { parseDesktopArgs, type DesktopArgs } from '../cli/args.js';
import { hostEntryPath, installRoot, isRendererBuilt, rendererDir } from '../cli/install-paths.js';
import { pluginFolders } from '../plugins/discovery/plugin-folders.js';
import { childProcessLauncher } from '../plugins/host/host-launcher.js';
import { PluginService } from '../plugins/plugin-service.js';
import { SettingsService } from '../settings/settings-service.js';
import { Workspace } from '../workspace/workspace.js';
import { lastWorkspaceFolder } from '../workspace/workspace-state.js';
import { resolveConfigDir } from '../services/config-dir.js';
import { APP_ENTRY_URL } from './app-origin.js';
import { registerAppSchemePrivileges, serveRenderer } from './app-protocol.js';
import { userArguments } from './command-line.js';
import { hardenWebContents } from './hardening.js';
import { answerFromAppOnly } from './ipc-guard.js';
import { buildMenuTemplate } from './menu-template.js';
import { QuitCoordinator } from './quit-coordinator.js';

/** How long the page has to confirm a quit before the user is offered to quit anyway. */
const RENDERER_ANSWER_TIMEOUT_MS = 5000;

/** A command line's files (resolved where it was typed) and extra plugin folders. */
function commandLine(argv: readonly string[], workingDirectory: string) {
  // `defaultApp` is undefined in a packaged app. A second instance was started the same way
  // as this one, so this process's value describes its command line too.
  return parseDesktopArgs(userArguments(argv, process.defaultApp === true), workingDirectory);
}

function desktopAppInfo(initialFiles: string[], initialFolder: string | null, configDir: string): AppInfo {
  return {
    edition: 'desktop',
    version: app.getVersion(),
    platform: process.platform,
    cwd: process.cwd(),
    homeDir: os.homedir(),
    pathSeparator: path.sep,
    initialFiles,
    initialFolder,
    settingsFile: path.join(configDir, 'settings.json'),
    nativeDialogs: true,
  };
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    show: false,
    title: 'Quire',
    webPreferences: {
      preload: path.join(import.meta.dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  return window;
}

function dialogHooks(window: BrowserWindow, quit: () => void): PlatformHooks {
  return {
    async openDialog() {
      const result = await dialog.showOpenDialog(window, { properties: ['openFile', 'multiSelections'] });
      return result.canceled || result.filePaths.length === 0 ? null : { paths: result.filePaths };
    },
    async openFolderDialog() {
      const result = await dialog.showOpenDialog(window, { properties: ['openDirectory', 'createDirectory'] });
      const [folder] = result.filePaths;
      return result.canceled || folder === undefined ? null : { path: folder };
    },
    async saveDialog(defaultPath) {
      const result = await dialog.showSaveDialog(window, {
        defaultPath,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return result.canceled || result.filePath === '' ? null : { path: result.filePath };
    },
    reveal: (target) => shell.showItemInFolder(target),
    quit,
  };
}

async function askToQuitAnyway(window: BrowserWindow): Promise<boolean> {
  const { response } = await dialog.showMessageBox(window, {
    type: 'warning',
    title: 'Quit Quire?',
    message: 'The Quire window has not confirmed quitting.',
    detail:
      'If it is asking about unsaved changes, choose Keep Waiting and answer it there. ' +
      'If it is not responding, Quit Anyway closes Quire and its unsaved changes are lost.',
    buttons: ['Keep Waiting', 'Quit Anyway'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  });
  return response === 1;
}

async function offerReload(window: BrowserWindow, reason: string, quit: QuitCoordinator): Promise<void> {
  const { response } = await dialog.showMessageBox(window, {
    type: 'error',
    title: 'Quire',
    message: 'The Quire window stopped working.',
    detail: `Its page ended (${reason}); changes that were not saved are lost. Reload opens it again.`,
    buttons: ['Reload', 'Quit'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  });
  if (window.isDestroyed()) return;
  if (response === 0) window.webContents.reload();
  else quit.confirmQuit();
}

/** Says why Quire cannot start, where a person starting it from a desktop icon will see it. */
function failStart(title: string, detail: string): void {
  dialog.showErrorBox(title, detail);
  app.exit(1);
}

/** Stops every plugin host before Electron exits, so none is left behind (they would also die with us). */
function stopPluginsOnQuit(plugins: PluginService): void {
  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    void plugins.stop().finally(() => {
      stopped = true;
      app.quit();
    });
  });
}

async function startApp({ files: initialFiles, folder, pluginsDirs, trustMode, disablePlugins, problems }: DesktopArgs): Promise<void> {
  if (problems.length > 0) {
    failStart('Quire cannot start', `${problems.join('\n')}\n\nCorrect the command line or the shortcut that started Quire.`);
    return;
  }
  if (!isRendererBuilt()) {
    failStart('Quire is incomplete', `Its window files are missing (${rendererDir()}). Build Quire again, or reinstall it.`);
    return;
  }
  const configDir = resolveConfigDir();
  const settings = new SettingsService(configDir);
  // Scanning the folders takes milliseconds; the plugins themselves load in the background.
  const plugins = await PluginService.start({
    folders: pluginFolders({ installRoot: installRoot(), packaged: app.isPackaged, configDir, extraDirs: pluginsDirs }),
    configDir,
    settings,
    // Hosts are child processes of Electron's binary run as Node, behind the sandbox launcher:
    // a utility process cannot be wrapped, and Chromium's sandbox is off for it anyway.
    launcher: childProcessLauncher,
    hostEntry: hostEntryPath(),
    ...(trustMode ? { trustMode } : {}),
    safeMode: disablePlugins,
  });
  stopPluginsOnQuit(plugins);
  serveRenderer(rendererDir());
  app.setAboutPanelOptions({ applicationName: 'Quire', applicationVersion: app.getVersion() });

  const window = createWindow();
  const page = window.webContents;
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    const message: EventMessage = { event, payload };
    if (!page.isDestroyed()) page.send(IpcChannel.event, message);
  };

  const quit = new QuitCoordinator({
    askRenderer: () => emit('menu.command', { command: 'app.quit' }),
    rendererAlive: () => !page.isDestroyed() && !page.isCrashed(),
    confirmUnanswered: () => askToQuitAnyway(window),
    exit: () => app.quit(),
    answerTimeoutMs: RENDERER_ANSWER_TIMEOUT_MS,
  });

  // `quire DIR` opens DIR; plain `quire` the folder open at the last quit, if it is still there.
  const workspace = new Workspace({
    configDir,
    folder: folder ?? (await lastWorkspaceFolder(configDir)),
    confined: false,
    namedFiles: initialFiles,
    excludes: () => settings.excludes(),
    onExcludesChange: (listener) => settings.onChange(listener),
  });
  const api = new ApiSession({
    appInfo: desktopAppInfo(initialFiles, folder === null ? null : workspace.folder(), configDir),
    configDir,
    hooks: dialogHooks(window, () => quit.confirmQuit()),
    plugins,
    workspace,
    settings,
    emit,
  });
  ipcMain.handle(IpcChannel.request, (event, message: unknown) =>
    answerFromAppOnly(event.senderFrame?.url, message, (request) => {
      quit.pageActive();
      return api.handle(request);
    }),
  );

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        isPackaged: app.isPackaged,
        // Quit goes through the coordinator so that a page that never answers cannot block it.
        send: (command) => (command === 'app.quit' ? quit.requestQuit() : emit('menu.command', { command })),
      }),
    ),
  );

  window.on('close', (event) => {
    if (!quit.mayClose()) event.preventDefault();
  });
  page.on('render-process-gone', (_event, details) => {
    if (!quit.quitting && details.reason !== 'clean-exit') void offerReload(window, details.reason, quit);
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
    const paths = commandLine(argv, workingDirectory).files;
    if (paths.length > 0) emit('app.openFiles', { paths });
  });
  app.on('window-all-closed', () => app.quit());

  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    failStart(
      'Quire could not show its window',
      `Loading ${APP_ENTRY_URL} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
}

if (app.requestSingleInstanceLock()) {
  const args = commandLine(process.argv, process.cwd());
  registerAppSchemePrivileges();
  // Registered before any window exists, so the main window is hardened like everything else.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  void app.whenReady().then(() => startApp(args));
} else {
  // A Quire is already running; it receives this command line through `second-instance`.
  app.quit();
}
