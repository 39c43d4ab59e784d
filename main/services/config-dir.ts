import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Where Quire keeps its own state (the session): `QUIRE_CONFIG_DIR` when set, which tests and
 * portable installs use; otherwise the XDG config folder, `~/.config/Quire` by default.
 */
export function resolveConfigDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const override = env.QUIRE_CONFIG_DIR;
  if (override) return resolve(override);
  const xdg = env.XDG_CONFIG_HOME;
  // The XDG spec tells programs to ignore a relative XDG_CONFIG_HOME.
  if (xdg && isAbsolute(xdg)) return join(xdg, 'Quire');
  return join(home, '.config', 'Quire');
}
