import { describe, expect, it } from 'vitest';
import { formatFolderTable } from './doctor-folders.js';

describe('quire doctor --folders', () => {
  it('lists each folder with its state, and says where the user’s own plugins go', () => {
    const table = formatFolderTable([
      { path: '/opt/Quire/plugins', origin: 'bundled', exists: true, writable: false },
      { path: '/home/me/.config/Quire/plugins', origin: 'user', exists: false, writable: true },
      { path: '/srv/more', origin: 'command-line', exists: true, writable: true },
    ]);
    expect(table.split('\n')).toEqual([
      'ORIGIN        FOLDER                          STATE',
      'bundled       /opt/Quire/plugins              read-only',
      'user          /home/me/.config/Quire/plugins  not created yet (make it to add plugins)',
      'command-line  /srv/more                       writable',
      '',
      'Put your own plugins in /home/me/.config/Quire/plugins (mkdir -p /home/me/.config/Quire/plugins).',
    ]);
  });

  it('gives no advice when the user’s folder cannot take plugins', () => {
    expect(formatFolderTable([{ path: '/ro/plugins', origin: 'user', exists: true, writable: false }])).not.toContain('Put your own plugins');
  });
});
