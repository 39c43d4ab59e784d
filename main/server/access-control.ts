import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may talk to a browser-edition server: only someone holding the per-launch token, from a
 * page served by this server. The token arrives once in the printed URL (`?token=`) and then
 * lives in an HttpOnly, SameSite=Strict cookie, so assets, workers and the WebSocket carry it
 * without the page ever seeing it.
 */
export class AccessControl {
  readonly token = randomBytes(24).toString('base64url');

  private readonly allowedHosts: Set<string> | null;

  /**
   * `port` is the listening port: cookies are shared across ports, so their name carries it.
   * On loopback the Host header must name this server, which defeats DNS rebinding; a server
   * the user deliberately exposed on another interface is reached under names we cannot know.
   */
  constructor(
    private readonly port: number,
    boundHost: string,
    loopback: boolean,
  ) {
    this.allowedHosts = loopback
      ? new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${formatHost(boundHost)}:${port}`])
      : null;
  }

  get cookieName(): string {
    return `quire-token-${this.port}`;
  }

  private hostAllowed(req: IncomingMessage): boolean {
    return this.allowedHosts === null || this.allowedHosts.has(req.headers.host ?? '');
  }

  matchesToken(candidate: string | null | undefined): boolean {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private tokenFromCookie(req: IncomingMessage): string | null {
    const header = req.headers.cookie;
    if (!header) return null;
    for (const part of header.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === this.cookieName) return part.slice(eq + 1).trim();
    }
    return null;
  }

  /** The `Set-Cookie` value that lets the browser keep the token after the first visit. */
  sessionCookie(): string {
    return `${this.cookieName}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
  }

  /**
   * Decides an HTTP request. `redirect` means: the URL carried a valid token; set the cookie
   * and send the browser to the same path without it, so the token leaves the address bar.
   */
  checkHttp(req: IncomingMessage, url: URL): 'allow' | 'redirect' | 401 | 403 {
    if (!this.hostAllowed(req)) return 403;
    if (this.matchesToken(url.searchParams.get('token'))) return 'redirect';
    return this.matchesToken(this.tokenFromCookie(req)) ? 'allow' : 401;
  }

  /**
   * Decides a WebSocket upgrade. Browsers always send Origin; a page on another origin must
   * never reach the API even if the user's browser holds the cookie. Non-browser clients may
   * pass the token as `?token=`.
   */
  checkUpgrade(req: IncomingMessage, url: URL): 'allow' | 401 | 403 {
    if (!this.hostAllowed(req)) return 403;
    const hasToken =
      this.matchesToken(this.tokenFromCookie(req)) || this.matchesToken(url.searchParams.get('token'));
    if (!hasToken) return 401;
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) return 403;
    return 'allow';
  }
}

/** A host as it appears in a URL or Host header (IPv6 addresses in brackets). */
export function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host);
}
