import { describe, expect, it } from 'vitest';
import { userArguments } from './command-line.js';

describe('userArguments', () => {
  it('drops the executable of a packaged app', () => {
    expect(userArguments(['/opt/Quire/quire', 'a.txt', '--no-sandbox'], false)).toEqual(['a.txt', '--no-sandbox']);
  });

  it('drops the executable and the app path when Electron runs the app from a folder', () => {
    expect(userArguments(['/usr/lib/electron/electron', '/home/me/quire', 'a.txt'], true)).toEqual(['a.txt']);
  });

  it('gives nothing when there are no user arguments', () => {
    expect(userArguments(['/opt/Quire/quire'], false)).toEqual([]);
    expect(userArguments(['/usr/lib/electron/electron', '/home/me/quire'], true)).toEqual([]);
  });
});
