import { describe, expect, it } from 'vitest';
import type { TreeEntry } from '../../../app/workspace-contract.js';
import {
  ancestorsToReveal,
  applyFileChanges,
  collapsedAll,
  emptyTree,
  treeRows,
  withEntryAdded,
  withEntryRemoved,
  withEntryRenamed,
  withExpanded,
  withFolder,
} from './explorer-tree.js';
import type { TreeState } from './explorer-tree.js';

const file = (name: string): TreeEntry => ({ name, kind: 'file', symlink: false });
const dir = (name: string): TreeEntry => ({ name, kind: 'directory', symlink: false });

function listed(tree: TreeState, path: string, entries: TreeEntry[], truncated = false): TreeState {
  return withFolder(tree, path, { status: 'loaded', entries, truncated });
}

/** /w with src/ (a.ts, lib/) and README.md; src expanded. */
function sample(): TreeState {
  let tree = emptyTree('/w', '/');
  tree = listed(tree, '/w', [dir('src'), file('README.md')]);
  tree = listed(tree, '/w/src', [dir('lib'), file('a.ts')]);
  return withExpanded(tree, '/w/src', true);
}

const shown = (tree: TreeState) =>
  treeRows(tree).map((row) => (row.type === 'entry' ? `${'  '.repeat(row.level - 1)}${row.name}${row.expanded ? '/' : ''}` : row.type === 'status' ? `[${row.text}]` : '+'));

describe('treeRows', () => {
  it('shows expanded folders’ entries under them, a level deeper, with their place among siblings', () => {
    expect(shown(sample())).toEqual(['src/', '  lib', '  a.ts', 'README.md']);
    const rows = treeRows(sample());
    expect(rows[1]).toMatchObject({ type: 'entry', path: '/w/src/lib', level: 2, parent: '/w/src', posInSet: 1, setSize: 2, expanded: false });
    expect(rows[3]).toMatchObject({ path: '/w/README.md', level: 1, posInSet: 2, setSize: 2 });
  });

  it('says a folder is loading, could not be listed, or was cut short', () => {
    let tree = withExpanded(sample(), '/w/src/lib', true);
    expect(shown(tree)).toEqual(['src/', '  lib/', '[Loading…]', '  a.ts', 'README.md']);
    tree = withFolder(tree, '/w/src/lib', { status: 'error', message: 'Permission denied' });
    expect(shown(tree)).toContain('[Permission denied]');
    tree = listed(tree, '/w/src/lib', [file('x')], true);
    expect(shown(tree)).toEqual(['src/', '  lib/', '    x', '[Not every entry is shown: this folder holds too many.]', '  a.ts', 'README.md']);
  });

  it('puts a new folder’s name box first and a new file’s after the folders', () => {
    const keys = (kind: 'file' | 'directory', parent = '/w/src') =>
      treeRows(sample(), { parent, kind }).map((row) => (row.type === 'create' ? `+${row.kind}` : row.type === 'entry' ? row.name : row.text));
    expect(keys('directory')).toEqual(['src', '+directory', 'lib', 'a.ts', 'README.md']);
    expect(keys('file')).toEqual(['src', 'lib', '+file', 'a.ts', 'README.md']);
    expect(keys('file', '/w')).toEqual(['src', 'lib', 'a.ts', '+file', 'README.md']);
    const onlyFolders = listed(sample(), '/w/src', [dir('lib')]);
    expect(treeRows(onlyFolders, { parent: '/w/src', kind: 'file' }).map((row) => row.type)).toEqual(['entry', 'entry', 'create', 'entry']);
  });
});

describe('applyFileChanges', () => {
  it('adds and removes entries in listed folders, in the Explorer’s order', () => {
    const tree = applyFileChanges(sample(), [
      { path: '/w/src/b.ts', kind: 'added', isDirectory: false },
      { path: '/w/src/a10.ts', kind: 'added', isDirectory: false },
      { path: '/w/src/a2.ts', kind: 'added', isDirectory: false },
      { path: '/w/src/docs', kind: 'added', isDirectory: true },
      { path: '/w/README.md', kind: 'removed', isDirectory: false },
    ]);
    expect(shown(tree)).toEqual(['src/', '  docs', '  lib', '  a.ts', '  a2.ts', '  a10.ts', '  b.ts']);
  });

  it('ignores changes in folders never listed, and changes to a file’s contents', () => {
    const tree = sample();
    expect(applyFileChanges(tree, [{ path: '/w/other/x', kind: 'added', isDirectory: false }])).toBe(tree);
    expect(applyFileChanges(tree, [{ path: '/w/src/a.ts', kind: 'changed', isDirectory: false }])).toBe(tree);
  });

  it('changes nothing when told twice', () => {
    const once = applyFileChanges(sample(), [{ path: '/w/new.txt', kind: 'added', isDirectory: false }]);
    expect(applyFileChanges(once, [{ path: '/w/new.txt', kind: 'added', isDirectory: false }])).toBe(once);
    const gone = applyFileChanges(once, [{ path: '/w/new.txt', kind: 'removed', isDirectory: false }]);
    expect(applyFileChanges(gone, [{ path: '/w/new.txt', kind: 'removed', isDirectory: false }])).toBe(gone);
  });

  it('forgets what was listed and expanded under a folder that vanished', () => {
    let tree = withExpanded(listed(sample(), '/w/src/lib', [file('x')]), '/w/src/lib', true);
    tree = applyFileChanges(tree, [{ path: '/w/src', kind: 'removed', isDirectory: true }]);
    expect(shown(tree)).toEqual(['README.md']);
    expect([...tree.folders.keys()]).toEqual(['/w']);
    expect(tree.expanded.size).toBe(0);
    // Coming back, it is a folder to list afresh.
    tree = applyFileChanges(tree, [{ path: '/w/src', kind: 'added', isDirectory: true }]);
    expect(shown(tree)).toEqual(['src', 'README.md']);
  });

  it('takes a path that turned from a file into a folder', () => {
    const tree = applyFileChanges(sample(), [{ path: '/w/README.md', kind: 'added', isDirectory: true }]);
    expect(treeRows(tree).find((row) => row.type === 'entry' && row.name === 'README.md')).toMatchObject({ kind: 'directory', posInSet: 1 });
  });

  it('re-sorts a big batch in one go with the same result as one by one', () => {
    const names = Array.from({ length: 200 }, (_, i) => `f${(i * 7919) % 1000}.txt`);
    const changes = names.map((name) => ({ path: `/w/src/${name}`, kind: 'added' as const, isDirectory: false }));
    const batch = applyFileChanges(sample(), changes);
    let single = sample();
    for (const change of changes) single = applyFileChanges(single, [change]);
    expect(shown(batch)).toEqual(shown(single));
  });

  it('keeps 100,000 entries sorted and answers in well under a frame per small change', () => {
    const entries = Array.from({ length: 100_000 }, (_, i) => file(`file${String(i).padStart(6, '0')}.txt`));
    let tree = listed(emptyTree('/w', '/'), '/w', entries);
    const started = performance.now();
    tree = applyFileChanges(tree, [{ path: '/w/file050000a.txt', kind: 'added', isDirectory: false }]);
    tree = applyFileChanges(tree, [{ path: '/w/file000001.txt', kind: 'removed', isDirectory: false }]);
    const elapsed = performance.now() - started;
    const rows = treeRows(tree);
    expect(rows).toHaveLength(100_000);
    expect(rows[49_999]).toMatchObject({ name: 'file050000.txt' });
    expect(rows[50_000]).toMatchObject({ name: 'file050000a.txt' });
    expect(elapsed).toBeLessThan(200);
  });
});

describe('edits from the Explorer', () => {
  it('adds and removes an entry straight away', () => {
    let tree = withEntryAdded(sample(), '/w/src/new.ts', 'file');
    expect(shown(tree)).toContain('  new.ts');
    tree = withEntryRemoved(tree, '/w/src');
    expect(shown(tree)).toEqual(['README.md']);
  });

  it('moves a renamed folder with its listings and expanded subfolders', () => {
    let tree = withExpanded(listed(sample(), '/w/src/lib', [file('x.ts')]), '/w/src/lib', true);
    tree = withEntryRenamed(tree, '/w/src', '/w/code');
    expect(shown(tree)).toEqual(['code/', '  lib/', '    x.ts', '  a.ts', 'README.md']);
    expect(tree.expanded.has('/w/code/lib')).toBe(true);
    expect(tree.folders.has('/w/src')).toBe(false);
  });

  it('keeps a renamed symbolic link a symbolic link', () => {
    const tree = withEntryRenamed(listed(sample(), '/w', [{ name: 'link', kind: 'file', symlink: true }]), '/w/link', '/w/z-link');
    expect(treeRows(tree)[0]).toMatchObject({ name: 'z-link', symlink: true });
  });
});

describe('collapsedAll and ancestorsToReveal', () => {
  it('folds every folder but keeps their listings', () => {
    const tree = collapsedAll(sample());
    expect(shown(tree)).toEqual(['src', 'README.md']);
    expect(tree.folders.has('/w/src')).toBe(true);
  });

  it('lists the folders to open to show a path, outermost first', () => {
    const tree = sample();
    expect(ancestorsToReveal(tree, '/w/src/lib/deep/x.ts')).toEqual(['/w/src', '/w/src/lib', '/w/src/lib/deep']);
    expect(ancestorsToReveal(tree, '/w/README.md')).toEqual([]);
    expect(ancestorsToReveal(tree, '/elsewhere/x')).toBeNull();
    expect(ancestorsToReveal(tree, '/w')).toBeNull();
  });
});
