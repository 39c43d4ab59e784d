import type { EntryRow, TreeRow } from './explorer-tree.js';

/** What a key does in the Explorer's tree, as VS Code's tree (and the ARIA tree pattern) does it. */
export type TreeKeyAction =
  | { type: 'focus'; path: string }
  | { type: 'expand'; path: string }
  | { type: 'collapse'; path: string }
  /** Enter on a file. */
  | { type: 'open'; path: string }
  | { type: 'rename'; path: string }
  | { type: 'delete'; path: string };

export interface TreeKey {
  key: string;
  /** Cmd on macOS, Ctrl elsewhere. */
  mod: boolean;
  alt: boolean;
  shift: boolean;
}

const isEntry = (row: TreeRow | undefined): row is EntryRow => row?.type === 'entry';

/**
 * The action for a key pressed while the row at `index` (-1: none) has the focus; null for a
 * key the tree leaves alone. `pageSize` is how many rows fit on screen (PageUp/PageDown).
 */
export function treeKeyAction(press: TreeKey, rows: readonly TreeRow[], index: number, pageSize: number, isMac: boolean): TreeKeyAction | null {
  const row = rows[index];
  const current = isEntry(row) ? row : null;
  const focus = (target: number, direction: 1 | -1): TreeKeyAction | null => {
    const found = nearestEntry(rows, target, direction) ?? nearestEntry(rows, target, direction === 1 ? -1 : 1);
    return found && found.path !== current?.path ? { type: 'focus', path: found.path } : null;
  };
  if (press.alt || press.shift || (press.mod && !(isMac && press.key === 'Backspace'))) return null;
  switch (press.key) {
    case 'ArrowDown':
      return current ? focus(index + 1, 1) : focus(0, 1);
    case 'ArrowUp':
      return current ? focus(index - 1, -1) : focus(rows.length - 1, -1);
    case 'Home':
      return focus(0, 1);
    case 'End':
      return focus(rows.length - 1, -1);
    case 'PageDown':
      return focus(Math.min(rows.length - 1, Math.max(index, 0) + Math.max(1, pageSize - 1)), -1);
    case 'PageUp':
      return focus(Math.max(0, index - Math.max(1, pageSize - 1)), 1);
  }
  if (!current) return null;
  switch (press.key) {
    case 'ArrowRight':
      if (current.kind !== 'directory') return null;
      if (!current.expanded) return { type: 'expand', path: current.path };
      return isEntry(rows[index + 1]) && rows[index + 1]?.level === current.level + 1 ? focus(index + 1, 1) : null;
    case 'ArrowLeft': {
      if (current.kind === 'directory' && current.expanded) return { type: 'collapse', path: current.path };
      const parent = rows.findIndex((candidate) => isEntry(candidate) && candidate.path === current.parent);
      return parent >= 0 ? focus(parent, -1) : null;
    }
    case 'Enter':
      if (current.kind !== 'directory') return { type: 'open', path: current.path };
      return { type: current.expanded ? 'collapse' : 'expand', path: current.path };
    case 'F2':
      return { type: 'rename', path: current.path };
    case 'Delete':
      return { type: 'delete', path: current.path };
    case 'Backspace':
      // Cmd+Backspace is macOS's delete key in file lists.
      return isMac && press.mod ? { type: 'delete', path: current.path } : null;
  }
  return null;
}

/** The first entry row from `start` on in `direction`, or null. */
function nearestEntry(rows: readonly TreeRow[], start: number, direction: 1 | -1): EntryRow | null {
  for (let index = start; index >= 0 && index < rows.length; index += direction) {
    const row = rows[index];
    if (isEntry(row)) return row;
  }
  return null;
}
