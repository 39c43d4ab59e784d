import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../app/contract.js';

export interface MenuTemplateOptions {
  /** Runs an editor command; the page carries it out, since it holds the documents. */
  send(command: MenuCommand): void;
  /** Developer tools are offered only in development builds. */
  isPackaged: boolean;
}

/**
 * The native application menu. Editor commands go to the page as `menu.command`; clipboard
 * and undo items use Electron's roles, which Monaco receives as ordinary DOM editing events.
 * Only types come from Electron, so the structure is tested without its runtime.
 */
export function buildMenuTemplate({ send, isPackaged }: MenuTemplateOptions): MenuItemConstructorOptions[] {
  // Without an accelerator the page's own keybinding applies (a chord like Ctrl+K Ctrl+O cannot be one).
  const command = (label: string, id: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(id),
  });
  const developerItems: MenuItemConstructorOptions[] = isPackaged ? [] : [{ role: 'toggleDevTools' }];
  return [
    {
      label: '&File',
      submenu: [
        command('New', 'file.new', 'CmdOrCtrl+N'),
        command('Open…', 'file.open', 'CmdOrCtrl+O'),
        command('Open Folder…', 'file.openFolder'),
        command('Save', 'file.save', 'CmdOrCtrl+S'),
        command('Save As…', 'file.saveAs', 'CmdOrCtrl+Shift+S'),
        command('Close Editor', 'file.close', 'CmdOrCtrl+W'),
        { type: 'separator' },
        command('Settings (JSON)', 'workbench.openSettings', 'CmdOrCtrl+,'),
        { type: 'separator' },
        command('Quit', 'app.quit', 'CmdOrCtrl+Q'),
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        command('Find', 'editor.find', 'CmdOrCtrl+F'),
      ],
    },
    {
      label: '&View',
      submenu: [
        command('Command Palette', 'workbench.commandPalette', 'CmdOrCtrl+Shift+P'),
        command('Go to File…', 'workbench.quickOpen', 'CmdOrCtrl+P'),
        command('Search in Files', 'workbench.findInFiles', 'CmdOrCtrl+Shift+F'),
        command('Toggle Side Bar', 'workbench.toggleSideBar', 'CmdOrCtrl+B'),
        ...developerItems,
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
      ],
    },
    { label: '&Help', submenu: [{ role: 'about' }] },
  ];
}
