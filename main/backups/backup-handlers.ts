import { unsupported, type ConnectionContext, type HandlerGroup } from '../api/handler-context.js';
import type { Workspace } from '../workspace/workspace.js';

/** PLACEHOLDER (helper C replaces). */
export function backupHandlers(context: ConnectionContext, _workspace: Workspace): HandlerGroup<'backup.write' | 'backup.discard' | 'backup.list'> {
  const no = async () => unsupported('Backups', context.appInfo.edition);
  return { 'backup.write': no, 'backup.discard': no, 'backup.list': no };
}
