import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAllowedRequest, isAppUrl } from './app-origin.js';

describe('isAppUrl', () => {
  it('accepts the app entry and its files', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('quire://app/assets/index-3f2a.js?v=1#top')).toBe(true);
  });

  it('refuses look-alikes and other origins', () => {
    for (const url of [
      'quire://app.evil.example/index.html',
      'quire://apps/index.html',
      'quire://evil@app.example/',
      'https://app/index.html',
      'file:///work/dist/renderer/index.html',
      'devtools://devtools/bundled/inspector.html',
      '',
      'not a url',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('isAllowedRequest', () => {
  it("lets a page load the app's files, DevTools and local blob/data URLs", () => {
    for (const url of [
      'quire://app/assets/editor.worker.js',
      'devtools://devtools/bundled/inspector.html',
      'blob:quire://app/1b0c3c2e-6c1e-4bd2-9b3a-3f1f2d1c9e0a',
      'data:image/png;base64,iVBORw0KGgo=',
    ]) {
      expect(isAllowedRequest({ url, webContentsId: 1 }), url).toBe(true);
    }
  });

  it('refuses pages any remote or local-file content', () => {
    for (const url of [
      'https://example.com/tracker.js',
      'http://127.0.0.1:8080/',
      'ws://127.0.0.1:8080/api',
      'file:///etc/passwd',
      'ftp://example.com/',
      'garbage',
    ]) {
      expect(isAllowedRequest({ url, webContentsId: 1 }), url).toBe(false);
    }
  });

  it("lets main read the renderer's files, but not fetch remote content", () => {
    expect(isAllowedRequest({ url: 'file:///opt/Quire/resources/app.asar/dist/renderer/index.html' })).toBe(true);
    expect(isAllowedRequest({ url: 'https://example.com/' })).toBe(false);
  });
});
