import type { DirEntry } from '../../../app/contract.js';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * The directory entries to offer for a typed name prefix, best first: an exact name, then
 * folders, then files, each alphabetically. Dotfiles appear only once the prefix asks for them,
 * as in a shell.
 */
export function completionsFor(entries: readonly DirEntry[], prefix: string): DirEntry[] {
  const wanted = prefix.toLocaleLowerCase();
  const showHidden = prefix.startsWith('.');
  return entries
    .filter((entry) => (showHidden || !entry.name.startsWith('.')) && entry.name.toLocaleLowerCase().startsWith(wanted))
    .sort((a, b) => rank(a, prefix) - rank(b, prefix) || collator.compare(a.name, b.name));
}

function rank(entry: DirEntry, prefix: string): number {
  if (prefix !== '' && entry.name === prefix) return 0;
  return entry.kind === 'directory' ? 1 : 2;
}
