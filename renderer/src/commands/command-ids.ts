import type { MenuCommand } from '../../../app/contract.js';

/** Commands the workbench runs: the native menu's, plus ones only the renderer offers. */
export type CommandId =
  | MenuCommand
  | 'editor.changeLanguage'
  | 'editor.changeEol'
  | 'editor.changeEncoding'
  | 'editor.formatDocument'
  | 'editor.formatSelection'
  | 'editor.toggleFormatOnSave'
  | 'workbench.view.explorer'
  | 'explorer.revealActiveFile'
  | 'explorer.newFile'
  | 'explorer.newFolder'
  | 'explorer.refresh'
  | 'explorer.collapseAll';
