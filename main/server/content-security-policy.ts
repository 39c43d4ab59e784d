/**
 * The renderer's Content Security Policy, sent as a header by both shells (the page carries the
 * same policy in a meta tag). 'unsafe-inline' styles are needed because Monaco injects style
 * elements at run time; scripts are only ever the app's own files.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
