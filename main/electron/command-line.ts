/**
 * The user's own arguments in an Electron command line. Electron puts its executable first
 * and, when started as `electron APP_PATH …` (a "default app", as the `quire` CLI does in
 * development), the app's path second; everything after is the user's.
 */
export function userArguments(argv: readonly string[], defaultApp: boolean): string[] {
  return argv.slice(defaultApp ? 2 : 1);
}
