import type { QuireApi } from '../../../app/contract.js';
import type { CommandId } from '../commands/command-ids.js';
import { dirName } from '../paths/user-path.js';
import type { QuireStore } from '../state/store.js';
import type { DocumentService } from './document-service.js';
import type { EditorHost } from './editor-host.js';
import type { FilePickers } from './file-pickers.js';
import { loadFormatOnSave, storeFormatOnSave } from '../plugins/format-on-save.js';
import type { PluginFormatting } from '../plugins/plugin-formatting.js';
import { quickOpenFile } from '../quickopen/quick-open-command.js';
import type { SearchController } from '../search/search-controller.js';
import type { BackupSync } from '../hotexit/backup-sync.js';
import { openSettingsFile } from '../settings/open-settings.js';
import { quitQuire } from './quit.js';

export interface Command {
  id: CommandId;
  title: string;
  /** Listed in the command palette (the palette itself, Find and Quit are not). */
  inPalette: boolean;
  run(): Promise<void> | void;
}

export interface CommandDeps {
  api: QuireApi;
  store: QuireStore;
  documents: DocumentService;
  host: EditorHost;
  pickers: FilePickers;
  /** Opens Quire's command palette and runs what is picked. */
  showPalette(): Promise<void>;
  formatting: PluginFormatting;
  search: SearchController;
  backups: BackupSync;
}

/** Every command the workbench runs, by id: keys, native menus and the palette all go through here. */
export function createCommands({ api, store, documents, host, pickers, showPalette, formatting, search, backups }: CommandDeps): Map<CommandId, Command> {
  const withActive = (run: (id: string) => Promise<unknown> | void) => async () => {
    const active = documents.active();
    if (active) await run(active.id);
  };
  const list: Command[] = [
    { id: 'file.new', title: 'File: New Untitled Text File', inPalette: true, run: () => void documents.newUntitled() },
    {
      id: 'file.open',
      title: 'File: Open File…',
      inPalette: true,
      run: async () => {
        const active = documents.active();
        const sep = store.getState().appInfo?.pathSeparator ?? '/';
        const startDir = active?.path ? dirName(active.path, sep) : null;
        for (const path of await pickers.pickFilesToOpen(startDir)) await documents.openAndReport(path);
      },
    },
    { id: 'file.save', title: 'File: Save', inPalette: true, run: withActive((id) => documents.save(id)) },
    { id: 'file.saveAs', title: 'File: Save As…', inPalette: true, run: withActive((id) => documents.saveAs(id)) },
    { id: 'file.close', title: 'View: Close Editor', inPalette: true, run: withActive((id) => documents.close(id)) },
    { id: 'app.quit', title: 'Quit Quire', inPalette: false, run: () => quitQuire(api, store, documents, backups) },
    { id: 'editor.find', title: 'Find', inPalette: false, run: () => host.runAction('actions.find') },
    { id: 'workbench.commandPalette', title: 'Show All Commands', inPalette: false, run: showPalette },
    { id: 'workbench.quickOpen', title: 'Go to File…', inPalette: true, run: () => quickOpenFile(store, documents) },
    { id: 'workbench.findInFiles', title: 'Search: Find in Files', inPalette: true, run: () => search.show() },
    { id: 'workbench.openSettings', title: 'Preferences: Open Settings (JSON)', inPalette: true, run: () => openSettingsFile(api, store, documents) },
    {
      id: 'editor.changeLanguage',
      title: 'Change Language Mode',
      inPalette: true,
      run: withActive(async (id) => {
        const current = store.getState().documents[id]?.languageId ?? 'plaintext';
        const picked = await store.getState().askQuickInput({ kind: 'language', currentId: current });
        if (picked !== null) documents.setLanguage(id, picked);
        host.focus();
      }),
    },
    {
      id: 'editor.changeEol',
      title: 'Change End of Line Sequence (LF / CRLF)',
      inPalette: true,
      run: withActive((id) => documents.toggleEol(id)),
    },
    {
      id: 'editor.changeEncoding',
      title: 'Toggle UTF-8 Byte Order Mark',
      inPalette: true,
      run: withActive((id) => documents.toggleBom(id)),
    },
    { id: 'editor.formatDocument', title: 'Format Document', inPalette: true, run: () => formatting.format('document') },
    { id: 'editor.formatSelection', title: 'Format Selection', inPalette: true, run: () => formatting.format('selection') },
    {
      id: 'editor.toggleFormatOnSave',
      title: 'Toggle Format on Save',
      inPalette: true,
      run: () => {
        const on = !loadFormatOnSave(window.localStorage);
        storeFormatOnSave(window.localStorage, on);
        store.getState().notify({ severity: 'info', message: on ? 'Format on Save is on.' : 'Format on Save is off.' });
      },
    },
  ];
  return new Map(list.map((command) => [command.id, command]));
}
