import { spawn } from 'node:child_process';
import { desktopArgv, parseDesktopArgs, userDirectory } from './args.js';
import { fetchElectronRuntime, findElectronRuntime, hasDisplay } from './electron-runtime.js';
import { installRoot } from './install-paths.js';
import { runServe } from './serve-command.js';

const GET_RUNTIME =
  'run `node node_modules/electron/install.js` in the Quire folder on a machine that can reach Electron\'s release server';

/**
 * `quire [--plugins-dir DIR]... [--disable-plugins] [FILE ...]`: the desktop app when Electron's runtime is present (or can be fetched now)
 * and there is a display; otherwise one line saying why and how to get it, then the browser
 * edition with the same files, so there is always a working editor.
 */
export async function runDesktop(argv: string[]): Promise<number> {
  const root = installRoot();
  const args = parseDesktopArgs(argv, userDirectory());
  if (args.problems.length > 0) {
    for (const problem of args.problems) console.error(`quire: ${problem}`);
    return 2;
  }
  // Paths are absolute from here on: neither Electron nor the browser edition sees the user's folder.
  const forwarded = desktopArgv(args);
  let runtime = findElectronRuntime(root);
  let why = '';
  if (!runtime.ok) {
    console.log('Quire: fetching the Electron runtime…');
    const fetched = fetchElectronRuntime(root);
    runtime = findElectronRuntime(root);
    if (!runtime.ok) why = `the Electron runtime is not installed and could not be downloaded (${fetched.detail}); to get the desktop app, ${GET_RUNTIME}`;
  } else if (!hasDisplay()) {
    why = 'there is no display (DISPLAY/WAYLAND_DISPLAY is unset) for the desktop window';
  }
  if (!runtime.ok || why) {
    console.log(`Quire: ${why}. Starting the browser edition instead.`);
    return runServe(forwarded);
  }
  const child = spawn(runtime.executable, [root, ...forwarded], { stdio: 'inherit' });
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      console.error(`Quire: could not start Electron (${error.message}).`);
      resolve(1);
    });
  });
}
