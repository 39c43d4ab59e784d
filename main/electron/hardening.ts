import type { Session, WebContents } from 'electron';
import { isAllowedRequest, isAppUrl } from './app-origin.js';

/** No permission is ever granted, and no request for anything but the app's own content. */
function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details) }));
}

/**
 * Applied to every web contents Electron creates (the window, DevTools, anything else): it
 * may not leave the app's pages, open windows, or reach the network. Reapplying to a session
 * that is already hardened replaces its handlers with the same ones.
 */
export function hardenWebContents(contents: WebContents): void {
  hardenSession(contents.session);
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
