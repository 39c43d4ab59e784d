import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { APP_SCHEME } from './app-origin.js';
import { notFound, resolveRendererFile, withContentSecurityPolicy } from './renderer-files.js';

/**
 * Gives `quire:` the rights of a web origin (relative URLs, secure context, `fetch`, module
 * workers). Chromium fixes scheme privileges at startup, so this runs before `ready`.
 */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer at `quire://app/`, with its Content Security Policy as a header. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveRendererFile(rendererDir, request.url);
    if (file === null) return notFound();
    try {
      return withContentSecurityPolicy(await net.fetch(pathToFileURL(file).toString()));
    } catch {
      // net.fetch rejects for a missing file (net::ERR_FILE_NOT_FOUND).
      return notFound();
    }
  });
}
