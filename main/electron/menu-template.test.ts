import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { MenuCommand } from '../../app/contract.js';
import { buildMenuTemplate } from './menu-template.js';

function build(isPackaged: boolean) {
  const sent: MenuCommand[] = [];
  const template = buildMenuTemplate({ send: (command) => sent.push(command), isPackaged });
  return { template, sent };
}

function submenu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const menu = template.find((item) => item.label === label);
  expect(menu, `menu ${label}`).toBeDefined();
  expect(Array.isArray(menu?.submenu)).toBe(true);
  return menu?.submenu as MenuItemConstructorOptions[];
}

function itemLabeled(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const item = items.find((candidate) => candidate.label === label);
  expect(item, `item ${label}`).toBeDefined();
  return item as MenuItemConstructorOptions;
}

/** Chooses an item as a click would. The template's handlers ignore Electron's arguments. */
function choose(item: MenuItemConstructorOptions): void {
  expect(item.click).toBeTypeOf('function');
  (item.click as () => void)();
}

const commandItems: [menu: string, label: string, accelerator: string | undefined, command: MenuCommand][] = [
  ['&File', 'New', 'CmdOrCtrl+N', 'file.new'],
  ['&File', 'Open…', 'CmdOrCtrl+O', 'file.open'],
  ['&File', 'Open Folder…', undefined, 'file.openFolder'],
  ['&File', 'Save', 'CmdOrCtrl+S', 'file.save'],
  ['&File', 'Save As…', 'CmdOrCtrl+Shift+S', 'file.saveAs'],
  ['&File', 'Close Editor', 'CmdOrCtrl+W', 'file.close'],
  ['&File', 'Quit', 'CmdOrCtrl+Q', 'app.quit'],
  ['&Edit', 'Find', 'CmdOrCtrl+F', 'editor.find'],
  ['&View', 'Command Palette', 'CmdOrCtrl+Shift+P', 'workbench.commandPalette'],
];

describe('buildMenuTemplate', () => {
  it('has the File, Edit, View and Help menus in that order', () => {
    expect(build(false).template.map((menu) => menu.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
  });

  it.each(commandItems)('%s › %s has %s and sends %s', (menu, label, accelerator, command) => {
    const { template, sent } = build(true);
    const item = itemLabeled(submenu(template, menu), label);
    expect(item.accelerator).toBe(accelerator);
    choose(item);
    expect(sent).toEqual([command]);
  });

  it('offers every editor command of the contract exactly once', () => {
    const { template, sent } = build(true);
    for (const menu of template) {
      for (const item of menu.submenu as MenuItemConstructorOptions[]) if (item.click) choose(item);
    }
    expect([...sent].sort()).toEqual([...MenuCommand.options].sort());
  });

  it('separates Quit from the file commands', () => {
    const file = submenu(build(true).template, '&File');
    expect(file.at(-2)?.type).toBe('separator');
    expect(file.at(-1)?.label).toBe('Quit');
  });

  it('leaves undo, redo and the clipboard to Electron roles', () => {
    const roles = submenu(build(true).template, '&Edit').map((item) => item.role).filter(Boolean);
    expect(roles).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
  });

  it('offers zoom roles and the About panel', () => {
    const { template } = build(true);
    expect(submenu(template, '&View').map((item) => item.role)).toEqual(
      expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut']),
    );
    expect(submenu(template, '&Help').map((item) => item.role)).toEqual(['about']);
  });

  it('offers developer tools only in development builds', () => {
    const roles = (isPackaged: boolean) => submenu(build(isPackaged).template, '&View').map((item) => item.role);
    expect(roles(false)).toContain('toggleDevTools');
    expect(roles(true)).not.toContain('toggleDevTools');
  });
});
