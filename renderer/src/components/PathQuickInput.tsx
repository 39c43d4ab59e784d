import { useEffect, useState } from 'react';
import type { AppInfo, DirEntry } from '../../../app/contract.js';
import { completionsFor } from '../paths/completions.js';
import { resolveUserPath, splitTypedPath } from '../paths/user-path.js';
import type { PathContext } from '../paths/user-path.js';
import type { QuickInputRequest } from '../state/ui-slice.js';
import { QuickInput } from './QuickInput.js';
import type { QuickItem } from './QuickInput.js';
import { useWorkbench } from './workbench-context.js';

type Listing =
  | { status: 'loading' }
  | { status: 'ok'; entries: DirEntry[]; truncated: boolean }
  | { status: 'error'; message: string };

type PathRequest = QuickInputRequest & { kind: 'path' };

/**
 * The browser edition's file picker: type a path (absolute, `~/…`, or relative to where Quire
 * started), pick from the folder's entries below. Enter on a folder goes into it, on a file
 * opens it (or saves to it); Tab completes the highlighted name.
 */
export function PathQuickInput({ request, info }: { request: PathRequest; info: AppInfo }) {
  const workbench = useWorkbench();
  const context: PathContext = { cwd: info.cwd, homeDir: info.homeDir, sep: info.pathSeparator };
  const sep = context.sep;
  const saving = request.mode === 'save';
  const [value, setValue] = useState(request.initialValue);
  const [listings, setListings] = useState<ReadonlyMap<string, Listing>>(new Map());
  // Saving starts with nothing highlighted, so Enter saves to what is typed.
  const [activeIndex, setActiveIndex] = useState(saving ? -1 : 0);

  const { directory, prefix } = splitTypedPath(value, sep);
  const directoryPath = resolveUserPath(directory, context);
  const listing = listings.get(directoryPath);
  const entries = listing?.status === 'ok' ? completionsFor(listing.entries, prefix) : [];

  useEffect(() => {
    if (listings.has(directoryPath)) return;
    setListings((current) => new Map(current).set(directoryPath, { status: 'loading' }));
    void workbench.api.request('file.list', { path: directoryPath }).then((result) => {
      const loaded: Listing = result.ok
        ? { status: 'ok', entries: result.value.entries, truncated: result.value.truncated }
        : { status: 'error', message: result.error.message };
      setListings((current) => new Map(current).set(directoryPath, loaded));
    });
  }, [directoryPath, listings, workbench]);

  const changeValue = (next: string) => {
    setValue(next);
    setActiveIndex(saving ? -1 : 0);
  };

  const choose = (entry: DirEntry) => {
    const typed = directory + entry.name;
    if (entry.kind === 'directory') changeValue(typed + sep);
    else request.finish(resolveUserPath(typed, context));
  };

  const accept = () => {
    const highlighted = entries[activeIndex];
    if (highlighted) return choose(highlighted);
    if (prefix === '') return;
    const exact = listing?.status === 'ok' ? listing.entries.find((entry) => entry.name === prefix) : undefined;
    if (exact?.kind === 'directory') return changeValue(directory + exact.name + sep);
    request.finish(resolveUserPath(value, context));
  };

  const complete = () => {
    const entry = entries[activeIndex] ?? entries[0];
    if (entry) changeValue(directory + entry.name + (entry.kind === 'directory' ? sep : ''));
  };

  const items: QuickItem[] = entries.map((entry) => ({
    key: entry.name,
    label: entry.kind === 'directory' ? entry.name + sep : entry.name,
    matched: prefix.length,
    icon: entry.kind === 'directory' ? 'folder' : 'file',
  }));

  const nameStart = splitTypedPath(request.initialValue, sep).directory.length;
  const lastDot = request.initialValue.lastIndexOf('.');
  // Save As selects the file name without its extension, as native save dialogs do.
  const initialSelection: [number, number] | undefined = saving
    ? [nameStart, lastDot > nameStart ? lastDot : request.initialValue.length]
    : undefined;

  return (
    <QuickInput
      ariaLabel={saving ? 'Save as' : 'Open file'}
      title={saving ? 'Save As' : 'Open File'}
      hint={`Absolute, ~/…, or relative to ${info.cwd}. Enter ${saving ? 'saves' : 'opens'}, Tab completes.`}
      inputLabel="File path"
      placeholder={saving ? 'Path to save to' : 'Path of the file to open'}
      value={value}
      onValueChange={changeValue}
      items={items}
      activeIndex={Math.min(activeIndex, items.length - 1)}
      onActiveIndexChange={setActiveIndex}
      message={listingMessage(listing, items.length, prefix, saving)}
      onAccept={accept}
      onPick={(index) => {
        const entry = entries[index];
        if (entry) choose(entry);
      }}
      onTab={complete}
      onCancel={() => request.finish(null)}
      initialSelection={initialSelection}
    />
  );
}

function listingMessage(listing: Listing | undefined, shown: number, prefix: string, saving: boolean): string | undefined {
  if (!listing || listing.status === 'loading') return undefined;
  if (listing.status === 'error') return listing.message;
  if (listing.truncated) return 'This folder has more entries than can be listed; type more of the name.';
  // When saving, a name nothing matches is the usual case: a new file.
  if (shown === 0 && !saving) return prefix === '' ? 'This folder is empty.' : `No file or folder starts with “${prefix}”.`;
  return undefined;
}
