import { ok, type ConnectionContext, type HandlerGroup } from '../api/handler-context.js';
import type { Workspace } from './workspace.js';

type WorkspaceMethod =
  | 'workspace.get'
  | 'workspace.open'
  | 'workspace.list'
  | 'workspace.findFiles'
  | 'workspace.createFile'
  | 'workspace.createFolder'
  | 'workspace.rename'
  | 'workspace.delete';

/**
 * The workspace requests of one connection, and its share of the workspace's events. The
 * workspace applies the path policy itself, so every path named here is checked.
 */
export function workspaceHandlers(context: ConnectionContext, workspace: Workspace): HandlerGroup<WorkspaceMethod> {
  const stopChanges = workspace.onDidChange((info) => context.emit('workspace.changed', info));
  const stopFiles = workspace.onFiles((changes) => context.emit('workspace.files', { changes }));
  context.onDispose(() => {
    stopChanges();
    stopFiles();
  });
  return {
    'workspace.get': async () => ok(workspace.info()),
    'workspace.open': async ({ folder }) => workspace.open(folder),
    'workspace.list': async ({ path }) => workspace.list(path),
    'workspace.findFiles': async ({ query, limit, recent }) => ok(workspace.findFiles(query, limit, recent)),
    'workspace.createFile': async ({ path }) => workspace.createFile(path),
    'workspace.createFolder': async ({ path }) => workspace.createFolder(path),
    'workspace.rename': async ({ from, to }) => workspace.rename(from, to),
    'workspace.delete': async ({ path, permanently }) => workspace.delete(path, permanently),
  };
}
