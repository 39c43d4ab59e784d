import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfigDir } from './config-dir.js';

describe('resolveConfigDir', () => {
  const home = '/home/ada';

  it('uses QUIRE_CONFIG_DIR first, made absolute', () => {
    expect(resolveConfigDir({ QUIRE_CONFIG_DIR: '/srv/quire', XDG_CONFIG_HOME: '/xdg' }, home)).toBe('/srv/quire');
    expect(resolveConfigDir({ QUIRE_CONFIG_DIR: 'rel/dir' }, home)).toBe(resolve('rel/dir'));
  });

  it('uses XDG_CONFIG_HOME next', () => {
    expect(resolveConfigDir({ XDG_CONFIG_HOME: '/xdg' }, home)).toBe(join('/xdg', 'Quire'));
  });

  it('falls back to ~/.config/Quire, also when XDG_CONFIG_HOME is empty or relative', () => {
    for (const env of [{}, { XDG_CONFIG_HOME: '' }, { XDG_CONFIG_HOME: 'relative' }, { QUIRE_CONFIG_DIR: '' }]) {
      expect(resolveConfigDir(env, home)).toBe('/home/ada/.config/Quire');
    }
  });
});
