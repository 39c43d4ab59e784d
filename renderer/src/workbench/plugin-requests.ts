import type { Method, Params, QuireApi } from '../../../app/contract.js';
import type { QuireStore } from '../state/store.js';

/** The requests the Plugins panel and plugin notifications make about a plugin file. */
export type PluginRequest = Extract<Method, 'plugins.reload' | 'plugins.setEnabled' | 'plugins.decide' | 'app.reveal'>;

/** What a plugin request needs: the API to ask, the store to report a refusal to (a `Workbench` has both). */
export interface PluginRequester {
  api: QuireApi;
  store: QuireStore;
}

/**
 * Asks main for an action; a refusal becomes an error notification. Success needs no word:
 * main's next plugin list shows what changed.
 */
export async function requestPluginAction<M extends PluginRequest>(workbench: PluginRequester, method: M, params: Params<M>): Promise<void> {
  const result = await workbench.api.request(method, params);
  if (!result.ok) workbench.store.getState().notify({ severity: 'error', message: result.error.message });
}

/** The user's Allow or Deny for the exact bytes they were shown (`sha256`). */
export function decidePlugin(workbench: PluginRequester, plugin: { path: string; sha256: string }, decision: 'allow' | 'deny'): Promise<void> {
  return requestPluginAction(workbench, 'plugins.decide', { path: plugin.path, sha256: plugin.sha256, decision });
}
