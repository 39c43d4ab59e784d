import type { ConnectionContext, HandlerGroup } from '../api/handler-context.js';
import type { Workspace } from '../workspace/workspace.js';
import { BackupStore } from './backup-store.js';

/** Hot-exit backups, kept in the backup folder of whichever workspace is open when asked. */
export function backupHandlers(_context: ConnectionContext, workspace: Workspace): HandlerGroup<'backup.write' | 'backup.discard' | 'backup.list'> {
  const store = () => BackupStore.forFolder(workspace.backupFolder());
  return {
    'backup.write': async (backup) => store().write(backup),
    'backup.discard': async ({ key }) => store().discard(key),
    'backup.list': async () => store().list(),
  };
}
