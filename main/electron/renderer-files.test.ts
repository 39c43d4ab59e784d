import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../server/content-security-policy.js';
import { notFound, resolveRendererFile, withContentSecurityPolicy } from './renderer-files.js';

let base: string;
let renderer: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'quire-renderer-files-'));
  renderer = path.join(base, 'renderer');
  await mkdir(path.join(renderer, 'assets'), { recursive: true });
  await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>Quire</title>');
  await writeFile(path.join(renderer, 'assets', 'main.js'), 'export {};');
  await writeFile(path.join(base, 'secret.txt'), 'outside the renderer');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('resolveRendererFile', () => {
  it('maps app URLs to files inside the renderer folder', async () => {
    const script = resolveRendererFile(renderer, 'quire://app/assets/main.js?v=2#x');
    expect(script).toBe(path.join(renderer, 'assets', 'main.js'));
    expect(await readFile(script as string, 'utf8')).toBe('export {};');
  });

  it('serves index.html for the root and for folder URLs', () => {
    expect(resolveRendererFile(renderer, 'quire://app/')).toBe(path.join(renderer, 'index.html'));
    expect(resolveRendererFile(renderer, 'quire://app')).toBe(path.join(renderer, 'index.html'));
    expect(resolveRendererFile(renderer, 'quire://app/assets/')).toBe(path.join(renderer, 'assets', 'index.html'));
  });

  it('decodes percent-encoded names', () => {
    expect(resolveRendererFile(renderer, 'quire://app/assets/a%20b.js')).toBe(path.join(renderer, 'assets', 'a b.js'));
  });

  it('refuses to reach outside the renderer folder', () => {
    for (const url of [
      'quire://app/..%2fsecret.txt',
      'quire://app/%2e%2e/secret.txt',
      'quire://app/%2E%2E%2Fsecret.txt',
      'quire://app/assets/..%2f..%2fsecret.txt',
      'quire://app/..%5csecret.txt',
      'quire://app/%2e%2e',
    ]) {
      const file = resolveRendererFile(renderer, url);
      if (file === null) continue;
      // On POSIX `..\\secret.txt` is an ordinary name inside the folder; what matters is
      // that no URL lands outside it.
      const inside = path.relative(renderer, file);
      expect(inside === '..' || inside.startsWith(`..${path.sep}`), `${url} -> ${file}`).toBe(false);
    }
    expect(resolveRendererFile(renderer, 'quire://app/..%2fsecret.txt')).toBeNull();
    expect(resolveRendererFile(renderer, 'quire://app/assets/..%2f..%2fsecret.txt')).toBeNull();
    // The URL parser itself folds an encoded `..` segment, so this one stays at the root.
    expect(resolveRendererFile(renderer, 'quire://app/%2e%2e')).toBe(path.join(renderer, 'index.html'));
  });

  it('refuses other origins, broken escapes and NUL bytes', () => {
    for (const url of [
      'quire://other/index.html',
      'file:///etc/passwd',
      'quire://app/%E0%A4%A',
      'quire://app/index.html%00.js',
      'nonsense',
    ]) {
      expect(resolveRendererFile(renderer, url), url).toBeNull();
    }
  });
});

describe('withContentSecurityPolicy', () => {
  it('adds the policy and keeps status, headers and body', async () => {
    const original = new Response('<p>hi</p>', { status: 200, headers: { 'Content-Type': 'text/html' } });
    const response = withContentSecurityPolicy(original);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/html');
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe('<p>hi</p>');
  });

  it('replaces a policy the response already had', () => {
    const original = new Response('', { headers: { 'Content-Security-Policy': "default-src *" } });
    expect(withContentSecurityPolicy(original).headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('notFound', () => {
  it('is a 404 under the same policy', async () => {
    const response = notFound();
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe('Not found');
  });
});
