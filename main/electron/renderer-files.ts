import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../server/content-security-policy.js';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

/**
 * The file under `rendererDir` that a `quire://app/…` URL names, or null when the URL is not
 * the app's or would reach outside that folder. Chromium already folds `..` segments, so the
 * danger is percent-encoded ones (`%2e%2e%2f`), which only show up once decoded.
 */
export function resolveRendererFile(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  let relative: string;
  try {
    url = new URL(requestUrl);
    relative = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || relative.includes('\0')) return null;
  if (relative === '' || relative.endsWith('/')) relative += 'index.html';
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${path.sep}${relative}`);
  const inside = path.relative(root, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) return null;
  return file;
}

/** The same response with the renderer's Content Security Policy as a header. */
export function withContentSecurityPolicy(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

export function notFound(): Response {
  return new Response('Not found', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  });
}
