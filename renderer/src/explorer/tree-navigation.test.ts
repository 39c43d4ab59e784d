import { describe, expect, it } from 'vitest';
import type { TreeEntry } from '../../../app/workspace-contract.js';
import { emptyTree, treeRows, withExpanded, withFolder } from './explorer-tree.js';
import { treeKeyAction } from './tree-navigation.js';
import type { TreeKey } from './tree-navigation.js';

const file = (name: string): TreeEntry => ({ name, kind: 'file', symlink: false });
const dir = (name: string): TreeEntry => ({ name, kind: 'directory', symlink: false });

// src/ (expanded: lib/ (loading), a.ts), docs/, README.md
let tree = emptyTree('/w', '/');
tree = withFolder(tree, '/w', { status: 'loaded', entries: [dir('src'), dir('docs'), file('README.md')], truncated: false });
tree = withFolder(tree, '/w/src', { status: 'loaded', entries: [dir('lib'), file('a.ts')], truncated: false });
tree = withExpanded(withExpanded(tree, '/w/src', true), '/w/src/lib', true);
const rows = treeRows(tree);
const at = (path: string) => rows.findIndex((row) => row.type === 'entry' && row.path === path);
const key = (name: string, modifiers: Partial<TreeKey> = {}): TreeKey => ({ key: name, mod: false, alt: false, shift: false, ...modifiers });
const press = (name: string, path: string | null, modifiers: Partial<TreeKey> = {}, isMac = false) =>
  treeKeyAction(key(name, modifiers), rows, path === null ? -1 : at(path), 3, isMac);

describe('treeKeyAction', () => {
  it('moves up and down over entries, skipping status rows', () => {
    expect(rows.map((row) => row.type)).toEqual(['entry', 'entry', 'status', 'entry', 'entry', 'entry']);
    expect(press('ArrowDown', '/w/src/lib')).toEqual({ type: 'focus', path: '/w/src/a.ts' });
    expect(press('ArrowUp', '/w/src/a.ts')).toEqual({ type: 'focus', path: '/w/src/lib' });
    expect(press('ArrowUp', '/w/src')).toBeNull();
    expect(press('ArrowDown', '/w/README.md')).toBeNull();
    expect(press('ArrowDown', null)).toEqual({ type: 'focus', path: '/w/src' });
  });

  it('jumps with Home, End and by a page', () => {
    expect(press('Home', '/w/docs')).toEqual({ type: 'focus', path: '/w/src' });
    expect(press('End', '/w/src')).toEqual({ type: 'focus', path: '/w/README.md' });
    expect(press('PageDown', '/w/src')).toEqual({ type: 'focus', path: '/w/src/lib' });
    expect(press('PageDown', '/w/src/a.ts')).toEqual({ type: 'focus', path: '/w/README.md' });
    expect(press('PageUp', '/w/README.md')).toEqual({ type: 'focus', path: '/w/src/a.ts' });
  });

  it('expands, enters, collapses and climbs with Right and Left', () => {
    expect(press('ArrowRight', '/w/docs')).toEqual({ type: 'expand', path: '/w/docs' });
    expect(press('ArrowRight', '/w/src')).toEqual({ type: 'focus', path: '/w/src/lib' });
    // lib is expanded but still loading: there is no first child to go to yet.
    expect(press('ArrowRight', '/w/src/lib')).toBeNull();
    expect(press('ArrowRight', '/w/README.md')).toBeNull();
    expect(press('ArrowLeft', '/w/src')).toEqual({ type: 'collapse', path: '/w/src' });
    expect(press('ArrowLeft', '/w/src/a.ts')).toEqual({ type: 'focus', path: '/w/src' });
    expect(press('ArrowLeft', '/w/README.md')).toBeNull();
  });

  it('opens a file and toggles a folder with Enter; F2 renames; Delete deletes', () => {
    expect(press('Enter', '/w/src/a.ts')).toEqual({ type: 'open', path: '/w/src/a.ts' });
    expect(press('Enter', '/w/src')).toEqual({ type: 'collapse', path: '/w/src' });
    expect(press('Enter', '/w/docs')).toEqual({ type: 'expand', path: '/w/docs' });
    expect(press('F2', '/w/docs')).toEqual({ type: 'rename', path: '/w/docs' });
    expect(press('Delete', '/w/docs')).toEqual({ type: 'delete', path: '/w/docs' });
    expect(press('Backspace', '/w/docs', { mod: true }, true)).toEqual({ type: 'delete', path: '/w/docs' });
    expect(press('Backspace', '/w/docs')).toBeNull();
  });

  it('leaves chords and other keys to others', () => {
    expect(press('ArrowDown', '/w/src', { mod: true })).toBeNull();
    expect(press('ArrowDown', '/w/src', { alt: true })).toBeNull();
    expect(press('Delete', '/w/src', { shift: true })).toBeNull();
    expect(press('x', '/w/src')).toBeNull();
  });
});
