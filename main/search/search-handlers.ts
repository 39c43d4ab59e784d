import { unsupported, type ConnectionContext, type HandlerGroup } from '../api/handler-context.js';
import type { Workspace } from '../workspace/workspace.js';

/** PLACEHOLDER (helper B replaces). */
export function searchHandlers(context: ConnectionContext, _workspace: Workspace): HandlerGroup<'search.start' | 'search.cancel'> {
  const no = async () => unsupported('Search', context.appInfo.edition);
  return { 'search.start': no, 'search.cancel': no };
}
