import type { PluginStatus } from '../../../app/plugin-contract.js';

/** The buttons a plugin's row in the Plugins panel offers, in the order shown (first is primary). */
export type PluginActionId = 'allow' | 'deny' | 're-enable' | 'reload' | 'enable' | 'disable';

/**
 * A file waiting for consent offers Allow and Deny, and a denied one Allow: nothing else would
 * run it. A refused file is not a plugin Quire will run, so it offers nothing; fixing the file
 * (or its signature) is what changes that.
 */
export function pluginActionsFor(plugin: Pick<PluginStatus, 'state' | 'enabled' | 'sha256'>): PluginActionId[] {
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
