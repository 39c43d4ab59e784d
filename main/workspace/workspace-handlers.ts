import { unsupported, type ConnectionContext, type HandlerGroup } from '../api/handler-context.js';
import type { Workspace } from './workspace.js';

type WorkspaceMethod = 'workspace.get' | 'workspace.open' | 'workspace.list' | 'workspace.findFiles' | 'workspace.createFile' | 'workspace.createFolder' | 'workspace.rename' | 'workspace.delete';

/** PLACEHOLDER (helper A replaces). */
export function workspaceHandlers(context: ConnectionContext, _workspace: Workspace): HandlerGroup<WorkspaceMethod> {
  const no = async () => unsupported('Workspaces', context.appInfo.edition);
  return { 'workspace.get': no, 'workspace.open': no, 'workspace.list': no, 'workspace.findFiles': no, 'workspace.createFile': no, 'workspace.createFolder': no, 'workspace.rename': no, 'workspace.delete': no };
}
