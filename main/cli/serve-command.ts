import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isLoopbackHost } from '../server/access-control.js';
import { startBrowserServer } from '../server/browser-server.js';
import { pluginFolders } from '../plugins/discovery/plugin-folders.js';
import { childProcessLauncher } from '../plugins/host/host-launcher.js';
import { PluginService } from '../plugins/plugin-service.js';
import { SettingsService } from '../settings/settings-service.js';
import { Workspace } from '../workspace/workspace.js';
import { resolveConfigDir } from '../services/config-dir.js';
import { parseServeArgs, userDirectory } from './args.js';
import { hostEntryPath, installRoot, isRendererBuilt, packageVersion, rendererDir } from './install-paths.js';

export const SERVE_USAGE = `Usage: quire serve [options] [FILE|DIR ...]

Serves the browser edition and prints its URL (with a per-launch token). The first folder
(else the current one) is the workspace: the page can reach only files inside it, the files
named here, which open in tabs, and settings.json. Stops on Ctrl+C.

Options:
  --host HOST        interface to listen on (default 127.0.0.1; anything but loopback
                     exposes your files to the network, protected only by the token)
  --port N           port to listen on (default 0: a free port)
  --config-dir DIR   where Quire keeps settings and the session (default ~/.config/Quire)
  --plugins-dir DIR  also load plugins from DIR (repeatable; relative to the current
                     directory, like FILE; it must be an existing folder)
  --trust-plugins MODE  which plugins run without asking, for this run: ask (the default:
                     a new plugin file waits for Allow in the Plugins panel), signed-only
                     (only files signed by a key in <config>/trusted-keys), or all
  --disable-plugins  safe mode: start with no plugin loaded; the Plugins panel lists them
                     and loads the ones you enable, for this run only
  -h, --help         show this help`;

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Runs the browser edition until SIGINT/SIGTERM; resolves to the process exit code. */
export async function runServe(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(SERVE_USAGE);
    return 0;
  }
  const args = parseServeArgs(argv, isDirectory, userDirectory());
  if (!args.ok) {
    console.error(`quire serve: ${args.message}${args.usage ? `\n\n${SERVE_USAGE}` : ''}`);
    return 2;
  }
  if (!isRendererBuilt()) {
    console.error('quire serve: the editor is not built yet. Run `npm run build` (or `npm start`) in the Quire folder first.');
    return 1;
  }
  const { host, port, files, workspaceDir, pluginsDirs, trustMode, disablePlugins } = args.value;
  const configDir = args.value.configDir ?? resolveConfigDir();
  if (!isLoopbackHost(host)) {
    console.warn(`quire serve: listening on ${host}: anyone who can reach it and has the token can read and write your files.`);
  }
  const settings = new SettingsService(configDir);
  // The folders are scanned before the server starts (milliseconds); plugins load in the background.
  const plugins = await PluginService.start({
    folders: pluginFolders({ installRoot: installRoot(), packaged: false, configDir, extraDirs: pluginsDirs }),
    configDir,
    settings,
    launcher: childProcessLauncher,
    hostEntry: hostEntryPath(),
    ...(trustMode ? { trustMode } : {}),
    safeMode: disablePlugins,
  });
  // Confined: the page reaches only the served folder, the files named here and settings.json.
  const workspace = new Workspace({
    configDir,
    folder: workspaceDir,
    confined: true,
    namedFiles: files,
    excludes: () => settings.excludes(),
    onExcludesChange: (listener) => settings.onChange(listener),
  });
  let server;
  try {
    server = await startBrowserServer({
      host,
      port,
      rendererDir: rendererDir(),
      configDir,
      plugins,
      workspace,
      settings,
      appInfo: {
        edition: 'browser',
        version: packageVersion(),
        platform: process.platform,
        cwd: workspaceDir,
        homeDir: os.homedir(),
        pathSeparator: path.sep,
        initialFiles: files,
        initialFolder: workspace.folder(),
        settingsFile: path.join(configDir, 'settings.json'),
        nativeDialogs: false,
      },
    });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const reason =
      code === 'EADDRINUSE'
        ? `port ${port} is already in use; choose another with --port, or --port 0 for a free one`
        : code === 'EADDRNOTAVAIL'
          ? `${host} is not an address of this machine`
          : (cause as Error).message;
    console.error(`quire serve: cannot listen on ${host}:${port}: ${reason}.`);
    await workspace.close();
    await plugins.stop();
    return 1;
  }
  console.log(`Quire is running at ${server.url}`);
  console.log('Open that address in a browser. Press Ctrl+C to stop.');
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  await server.close();
  await workspace.close();
  await plugins.stop();
  console.log(`Quire stopped (${signal}).`);
  return 0;
}
