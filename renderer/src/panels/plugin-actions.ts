import type { PluginStatus } from '../../../app/plugin-contract.js';

/** The buttons a plugin's row in the Plugins panel offers, in the order shown (first is primary). */
export type PluginActionId = 'allow' | 'deny' | 're-enable' | 'reload' | 'enable' | 'disable' | 'enable-safe-mode';

/**
 * A file waiting for consent offers Allow and Deny, and a denied one Allow: nothing else would
 * run it. A refused file is not a plugin Quire will run, so it offers nothing; fixing the file
 * (or its signature) is what changes that. A file safe mode held back offers only Enable, which
 * loads it for this run (nothing about it is known to reload, and it is not disabled by the user).
 */
export function pluginActionsFor(plugin: Pick<PluginStatus, 'state' | 'enabled' | 'sha256'> & Partial<Pick<PluginStatus, 'failure'>>): PluginActionId[] {
  if (plugin.state === 'disabled' && plugin.failure?.code === 'safe-mode') return ['enable-safe-mode'];
  switch (plugin.state) {
    case 'awaiting-consent':
      // The decision names the exact bytes; until they are hashed there is nothing to decide on.
      return plugin.sha256 === null ? [] : ['allow', 'deny'];
    case 'denied':
      return plugin.sha256 === null ? [] : ['allow'];
    case 'refused':
      return [];
    case 'quarantined':
      return ['re-enable', plugin.enabled ? 'disable' : 'enable'];
    default:
      return ['reload', plugin.enabled ? 'disable' : 'enable'];
  }
}
