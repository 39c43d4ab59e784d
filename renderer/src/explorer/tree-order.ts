import type { TreeEntry } from '../../../app/workspace-contract.js';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * The Explorer's order, the same as main lists a folder in: folders first, then names in
 * natural, case-insensitive order (`file2` before `file10`), ties broken by code unit so the
 * order is total.
 */
export function compareTreeEntries(a: Pick<TreeEntry, 'name' | 'kind'>, b: Pick<TreeEntry, 'name' | 'kind'>): number {
  const folderFirst = Number(b.kind === 'directory') - Number(a.kind === 'directory');
  if (folderFirst !== 0) return folderFirst;
  return collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Where `entry` goes in `entries` (sorted by `compareTreeEntries`) to keep them sorted. */
export function insertionIndex(entries: readonly TreeEntry[], entry: Pick<TreeEntry, 'name' | 'kind'>): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareTreeEntries(entries[middle] as TreeEntry, entry) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
