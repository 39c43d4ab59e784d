/**
 * Where the desktop renderer lives: the custom `quire://app/` origin, and which URLs its
 * window may load or request. Kept free of Electron imports so it is tested under Node.
 */

export const APP_SCHEME = 'quire';
export const APP_HOST = 'app';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for URLs of the app's own pages and files, and nothing that merely looks like them. */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/**
 * Schemes a page may request. `blob:` and `data:` never leave the machine (Monaco starts its
 * workers from blob URLs; fonts and images may be inlined); `devtools:` is DevTools itself.
 */
const PAGE_SCHEMES = new Set([`${APP_SCHEME}:`, 'devtools:', 'blob:', 'data:']);

export interface RequestOrigin {
  url: string;
  /** Absent when no page made the request (main's own `net.fetch`). */
  webContentsId?: number | undefined;
}

/**
 * Whether a network request may proceed. Pages get no remote content at all. Main itself
 * reads the renderer's files through `file:` URLs when serving `quire://`, so a `file:`
 * request that no page made is allowed; a page never gets one.
 */
export function isAllowedRequest(request: RequestOrigin): boolean {
  const parsed = parse(request.url);
  if (parsed === null) return false;
  if (PAGE_SCHEMES.has(parsed.protocol)) return true;
  return parsed.protocol === 'file:' && request.webContentsId === undefined;
}
