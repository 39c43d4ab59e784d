import { useEffect, useMemo, useRef } from 'react';
import type { KeyboardEvent, MouseEvent, ReactNode } from 'react';
import { useStore } from 'zustand';
import { useQuire, useWorkbench } from '../components/workbench-context.js';
import { isMacPlatform } from '../workbench/global-keys.js';
import { deleteEntry } from './delete-entry.js';
import { namesIn, treeRows } from './explorer-tree.js';
import type { EntryRow, TreeRow, TreeState } from './explorer-tree.js';
import { fileIcon } from './file-icons.js';
import { NameInput } from './NameInput.js';
import type { NameRules } from './name-validation.js';
import { treeKeyAction } from './tree-navigation.js';
import type { TreeKeyAction } from './tree-navigation.js';
import { useVirtualWindow } from './use-virtual-window.js';

/** Every row is this tall (VS Code's 22 px), which is what lets the tree draw only the visible ones. */
const ROW_HEIGHT = 22;
/** Indentation per level, after VS Code's `workbench.tree.indent`. */
const INDENT = 8;
const LEFT_PADDING = 8;

/**
 * The workspace folder as an ARIA tree: one row per visible entry, drawn only where the
 * viewport shows it (plus the focused row, so the focus survives scrolling). Keyboard as in
 * VS Code: arrows, Home/End, PageUp/PageDown, Enter opens, F2 renames, Delete deletes.
 */
export function ExplorerTree({ tree, label }: { tree: TreeState; label: string }) {
  const workbench = useWorkbench();
  const { explorer } = workbench;
  const edit = useStore(explorer.state, (state) => state.edit);
  const selected = useStore(explorer.state, (state) => state.selected);
  const focusPending = useStore(explorer.state, (state) => state.focusPending);
  const scrollRequest = useStore(explorer.state, (state) => state.scrollRequest);
  const activePath = useQuire((state) => (state.activeId === null ? null : (state.documents[state.activeId]?.path ?? null)));
  const platform = useQuire((state) => state.appInfo?.platform ?? '');
  const pendingCreate = edit?.type === 'create' ? edit : null;
  const rows = useMemo(() => treeRows(tree, pendingCreate), [tree, pendingCreate]);
  const container = useRef<HTMLDivElement>(null);
  const { first, last, pageSize, scrollToRow } = useVirtualWindow(container, rows.length, ROW_HEIGHT);

  const selectedIndex = useMemo(() => (selected === null ? -1 : rows.findIndex((row) => row.type === 'entry' && row.path === selected)), [rows, selected]);
  const firstEntry = useMemo(() => rows.findIndex((row) => row.type === 'entry'), [rows]);
  const editIndex = useMemo(
    () => (edit === null ? -1 : rows.findIndex((row) => (edit.type === 'create' ? row.type === 'create' : row.type === 'entry' && row.path === edit.path))),
    [rows, edit],
  );
  // One tab stop: the selected row, else the first one.
  const tabStop = selectedIndex >= 0 ? selectedIndex : firstEntry;

  // Only when asked: other renders leave the focus where the user put it.
  useEffect(() => {
    if (!focusPending) return;
    scrollToRow(tabStop);
    const row = container.current?.querySelector<HTMLElement>('[role="treeitem"][tabindex="0"]');
    (row ?? container.current)?.focus({ preventScroll: true });
    explorer.focusHandled();
  }, [focusPending]);

  useEffect(() => {
    if (!scrollRequest) return;
    scrollToRow(rows.findIndex((row) => row.type === 'entry' && row.path === scrollRequest.path));
  }, [scrollRequest]);

  // The name box comes into view when it opens (a new entry's box may open below the fold).
  const editing = editIndex >= 0;
  useEffect(() => {
    if (editing) scrollToRow(editIndex);
  }, [editing]);

  const rules: NameRules = {
    sep: tree.sep,
    siblings: [],
    caseInsensitive: platform === 'darwin' || platform === 'win32',
  };
  const siblingsOf = (folder: string, except: string | null) => (namesIn(tree, folder) ?? []).filter((name) => name !== except);

  const openFile = async (path: string, focusEditor: boolean) => {
    const opened = await workbench.documents.openAndReport(path);
    if (opened && focusEditor) workbench.host.focus();
    // A click keeps the keyboard in the tree (the editor takes it when a document shows).
    else if (opened) explorer.focus();
  };

  const run = (action: TreeKeyAction, row: EntryRow | undefined) => {
    switch (action.type) {
      case 'focus':
        explorer.select(action.path);
        return explorer.focus();
      case 'expand':
        return void explorer.expand(action.path);
      case 'collapse':
        return explorer.collapse(action.path);
      case 'open':
        return void openFile(action.path, true);
      case 'rename':
        return explorer.startRename(action.path);
      case 'delete':
        return void deleteEntry({ api: workbench.api, store: workbench.store, explorer }, action.path, row?.kind ?? 'file');
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (edit !== null) return;
    const isMac = isMacPlatform();
    const press = { key: event.key, mod: isMac ? event.metaKey : event.ctrlKey, alt: event.altKey, shift: event.shiftKey };
    // Keys act on the focused row: the selected one, or the tab stop the focus landed on.
    const focusedPath = (event.target as HTMLElement).closest('[role="treeitem"]')?.getAttribute('data-path') ?? null;
    const focused = focusedPath === null ? -1 : rows.findIndex((row) => row.type === 'entry' && row.path === focusedPath);
    const index = focused >= 0 ? focused : selectedIndex;
    const action = treeKeyAction(press, rows, index, pageSize, isMac);
    if (!action) return;
    event.preventDefault();
    const row = rows[index];
    run(action, row?.type === 'entry' ? row : undefined);
  };

  const onRowClick = (row: EntryRow) => {
    explorer.select(row.path);
    if (row.kind === 'directory') explorer.toggle(row.path);
    else void openFile(row.path, false);
  };

  // A press on the empty space below the rows clears the selection: New File then goes to the top.
  const onBackgroundMouseDown = (event: MouseEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget && !(event.target as HTMLElement).classList.contains('q-explorer-rows')) return;
    explorer.select(null);
  };

  const drawn = new Set<number>();
  for (let index = first; index < last; index++) drawn.add(index);
  for (const index of [tabStop, editIndex]) if (index >= 0) drawn.add(index);

  return (
    <div
      ref={container}
      className="q-explorer-tree"
      role="tree"
      aria-label={label}
      tabIndex={firstEntry < 0 ? 0 : -1}
      data-testid="explorer-tree"
      onKeyDown={onKeyDown}
      onMouseDown={onBackgroundMouseDown}
    >
      <div className="q-explorer-rows" style={{ height: rows.length * ROW_HEIGHT }}>
        {[...drawn].map((index) => {
          const row = rows[index];
          if (!row) return null;
          const style = { top: index * ROW_HEIGHT, height: ROW_HEIGHT, paddingLeft: LEFT_PADDING + (row.level - 1) * INDENT };
          if (row.type === 'status') return <StatusRow key={row.key} row={row} style={style} />;
          if (row.type === 'create') {
            return (
              <div key={row.key} className="q-explorer-row editing" role="treeitem" aria-level={row.level} aria-label={row.kind === 'directory' ? 'New folder name' : 'New file name'} style={style}>
                <span className="q-explorer-twistie" aria-hidden="true" />
                <span className={`codicon codicon-${row.kind === 'directory' ? 'folder' : 'file'} q-explorer-icon`} aria-hidden="true" />
                <NameInput
                  label={row.kind === 'directory' ? 'New folder name' : 'New file name'}
                  initial=""
                  rules={{ ...rules, siblings: siblingsOf(row.parent, null) }}
                  onCommit={(name, viaKeyboard) => explorer.commitCreate(name, viaKeyboard)}
                  onCancel={(viaKeyboard) => explorer.cancelEdit(viaKeyboard)}
                />
              </div>
            );
          }
          const renaming = edit?.type === 'rename' && edit.path === row.path;
          return (
            <EntryRowView
              key={row.key}
              row={row}
              style={style}
              selected={index === selectedIndex}
              tabStop={index === tabStop}
              activeFile={row.path === activePath}
              onClick={() => onRowClick(row)}
              onDoubleClick={() => {
                if (row.kind !== 'directory') void openFile(row.path, true);
              }}
              renameBox={
                renaming ? (
                  <NameInput
                    label={`New name for ${row.name}`}
                    initial={row.name}
                    selectUntil={row.kind === 'directory' || row.name.lastIndexOf('.') <= 0 ? row.name.length : row.name.lastIndexOf('.')}
                    rules={{ ...rules, siblings: siblingsOf(row.parent, row.name) }}
                    onCommit={(name, viaKeyboard) => explorer.commitRename(name, viaKeyboard)}
                    onCancel={(viaKeyboard) => explorer.cancelEdit(viaKeyboard)}
                  />
                ) : null
              }
            />
          );
        })}
      </div>
    </div>
  );
}

interface RowStyle {
  top: number;
  height: number;
  paddingLeft: number;
}

interface EntryRowProps {
  row: EntryRow;
  style: RowStyle;
  selected: boolean;
  tabStop: boolean;
  activeFile: boolean;
  onClick(): void;
  onDoubleClick(): void;
  /** The rename box, shown instead of the name while renaming. */
  renameBox: ReactNode;
}

function EntryRowView({ row, style, selected, tabStop, activeFile, onClick, onDoubleClick, renameBox }: EntryRowProps) {
  const folder = row.kind === 'directory';
  const classes = ['q-explorer-row', selected && 'selected', activeFile && 'active-file', renameBox !== null && 'editing'].filter(Boolean).join(' ');
  const icon = folder ? (row.expanded ? 'folder-opened' : 'folder') : fileIcon(row.name);
  return (
    <div
      className={classes}
      role="treeitem"
      aria-level={row.level}
      aria-setsize={row.setSize}
      aria-posinset={row.posInSet}
      aria-expanded={folder ? row.expanded : undefined}
      aria-selected={selected}
      aria-current={activeFile ? 'true' : undefined}
      aria-label={row.name}
      tabIndex={tabStop ? 0 : -1}
      title={row.symlink ? `${row.path} (symbolic link)` : row.path}
      data-path={row.path}
      data-kind={row.kind}
      data-testid="explorer-row"
      style={style}
      onClick={onClick}
      onDoubleClick={onDoubleClick}
    >
      <span className={folder ? `codicon codicon-chevron-${row.expanded ? 'down' : 'right'} q-explorer-twistie` : 'q-explorer-twistie'} aria-hidden="true" />
      <span className={`codicon codicon-${icon} q-explorer-icon${folder ? ' folder' : ''}`} aria-hidden="true" />
      {renameBox ?? <span className="q-explorer-label">{row.name}</span>}
      {row.symlink && renameBox === null && <span className="codicon codicon-link q-explorer-link" aria-hidden="true" />}
    </div>
  );
}

function StatusRow({ row, style }: { row: Extract<TreeRow, { type: 'status' }>; style: RowStyle }) {
  return (
    <div className={`q-explorer-row status ${row.tone}`} role="treeitem" aria-level={row.level} aria-disabled="true" style={style}>
      <span className="q-explorer-twistie" aria-hidden="true" />
      <span className="q-explorer-label">{row.text}</span>
    </div>
  );
}
