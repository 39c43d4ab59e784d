import { describe, expect, it } from 'vitest';
import { pluginActionsFor } from './plugin-actions.js';

const HASH = 'ab'.repeat(32);

describe('pluginActionsFor', () => {
  it('offers Allow and Deny while waiting for consent, and Allow once denied', () => {
    expect(pluginActionsFor({ state: 'awaiting-consent', enabled: true, sha256: HASH })).toEqual(['allow', 'deny']);
    expect(pluginActionsFor({ state: 'denied', enabled: true, sha256: HASH })).toEqual(['allow']);
  });

  it('offers no decision without the hash it would be about', () => {
    expect(pluginActionsFor({ state: 'awaiting-consent', enabled: true, sha256: null })).toEqual([]);
    expect(pluginActionsFor({ state: 'denied', enabled: true, sha256: null })).toEqual([]);
  });

  it('offers nothing for a refused file, Re-enable for a quarantined one, Reload otherwise', () => {
    expect(pluginActionsFor({ state: 'refused', enabled: true, sha256: HASH })).toEqual([]);
    expect(pluginActionsFor({ state: 'quarantined', enabled: true, sha256: HASH })).toEqual(['re-enable', 'disable']);
    expect(pluginActionsFor({ state: 'ready', enabled: true, sha256: HASH })).toEqual(['reload', 'disable']);
    expect(pluginActionsFor({ state: 'disabled', enabled: false, sha256: HASH })).toEqual(['reload', 'enable']);
  });

  it('offers only Enable for a file safe mode held back, and the usual actions once enabled', () => {
    const held = { code: 'safe-mode' as const, message: 'Quire started in safe mode (--disable-plugins)…' };
    expect(pluginActionsFor({ state: 'disabled', enabled: false, sha256: null, failure: held })).toEqual(['enable-safe-mode']);
    expect(pluginActionsFor({ state: 'disabled', enabled: false, sha256: null, failure: null })).toEqual(['reload', 'enable']);
    expect(pluginActionsFor({ state: 'ready', enabled: true, sha256: HASH, failure: null })).toEqual(['reload', 'disable']);
  });
});
