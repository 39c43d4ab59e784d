import { useEffect, useState } from 'react';
import type { AppInfo, DirEntry } from '../../../app/contract.js';
import { completionsFor } from '../paths/completions.js';
import { resolveUserPath, restartTypedPath, splitTypedPath } from '../paths/user-path.js';
import type { PathContext } from '../paths/user-path.js';
import type { QuickInputRequest } from '../state/ui-slice.js';
import { QuickInput } from './QuickInput.js';
import type { QuickItem } from './QuickInput.js';
import { useQuire, useWorkbench } from './workbench-context.js';

type Listing =
  | { status: 'loading' }
  | { status: 'ok'; entries: DirEntry[]; truncated: boolean }
  | { status: 'error'; message: string };

type PathRequest = QuickInputRequest & { kind: 'path' };

const TITLES = { open: 'Open File', save: 'Save As', folder: 'Open Folder' } as const;

/**
 * The browser edition's file and folder picker: type a path (absolute, `~/…`, or relative to
 * the workspace folder), pick from the folder's entries below. Enter on a folder goes into it,
 * on a file opens it (or saves to it); Tab completes the highlighted name. Typing `/` or `~/`
 * after the folder it opened on starts over from the root or the home folder. Picking a folder
 * (mode `folder`) lists folders only, and Enter picks the folder typed.
 */
export function PathQuickInput({ request, info }: { request: PathRequest; info: AppInfo }) {
  const workbench = useWorkbench();
  const workspaceFolder = useQuire((state) => state.workspace?.folder ?? null);
  const context: PathContext = { cwd: workspaceFolder ?? info.cwd, homeDir: info.homeDir, sep: info.pathSeparator };
  const sep = context.sep;
  const { mode } = request;
  const saving = mode === 'save';
  const picksFolder = mode === 'folder';
  const [value, setValue] = useState(request.initialValue);
  const [listings, setListings] = useState<ReadonlyMap<string, Listing>>(new Map());
  // Saving and picking a folder start with nothing highlighted, so Enter takes what is typed.
  const [activeIndex, setActiveIndex] = useState(mode === 'open' ? 0 : -1);
  const [problem, setProblem] = useState<string | null>(null);
  // Enter came before the folder's listing: picking waits for it.
  const [acceptWhenListed, setAcceptWhenListed] = useState(false);

  const { directory, prefix } = splitTypedPath(value, sep);
  const directoryPath = resolveUserPath(directory, context);
  const listing = listings.get(directoryPath);
  const completions = listing?.status === 'ok' ? completionsFor(listing.entries, prefix) : [];
  const entries = picksFolder ? completions.filter((entry) => entry.kind === 'directory') : completions;

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
    setValue(restartTypedPath(next, sep));
    setActiveIndex(mode === 'open' ? 0 : -1);
    setProblem(null);
    setAcceptWhenListed(false);
  };

  const choose = (entry: DirEntry) => {
    const typed = directory + entry.name;
    if (entry.kind === 'directory') changeValue(typed + sep);
    else request.finish(resolveUserPath(typed, context));
  };

  const accept = () => {
    const highlighted = entries[activeIndex];
    if (highlighted) return choose(highlighted);
    const exact = listing?.status === 'ok' ? listing.entries.find((entry) => entry.name === prefix) : undefined;
    if (picksFolder) return acceptFolder(exact);
    if (prefix === '') return;
    if (exact?.kind === 'directory') return changeValue(directory + exact.name + sep);
    request.finish(resolveUserPath(value, context));
  };

  // A folder is picked once it is known to be one: the folder listed, its parent (`..`), or a folder in it named exactly.
  const acceptFolder = (exact: DirEntry | undefined) => {
    if (!listing || listing.status === 'loading') return setAcceptWhenListed(true);
    if (listing.status === 'error') return;
    if (prefix === '') return request.finish(directoryPath);
    if (exact?.kind === 'directory' || prefix === '.' || prefix === '..') return request.finish(resolveUserPath(value, context));
    setProblem(`There is no folder “${prefix}” in ${directoryPath}.`);
  };

  useEffect(() => {
    if (!acceptWhenListed || !listing || listing.status === 'loading') return;
    setAcceptWhenListed(false);
    accept();
  });

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
  const verb = { open: 'opens', save: 'saves', folder: 'opens the folder' }[mode];
  const lastDot = request.initialValue.lastIndexOf('.');
  // Save As selects the file name without its extension, as native save dialogs do.
  const initialSelection: [number, number] | undefined = saving
    ? [nameStart, lastDot > nameStart ? lastDot : request.initialValue.length]
    : undefined;

  return (
    <QuickInput
      ariaLabel={{ open: 'Open file', save: 'Save as', folder: 'Open folder' }[mode]}
      title={TITLES[mode]}
      hint={`Absolute, ~/…, or relative to ${context.cwd}; / or ~/ starts over. Enter ${verb}, Tab completes.`}
      inputLabel={picksFolder ? 'Folder path' : 'File path'}
      placeholder={{ open: 'Path of the file to open', save: 'Path to save to', folder: 'Path of the folder to open' }[mode]}
      value={value}
      onValueChange={changeValue}
      items={items}
      activeIndex={Math.min(activeIndex, items.length - 1)}
      onActiveIndexChange={setActiveIndex}
      message={problem ?? listingMessage(listing, items.length, prefix, mode)}
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

function listingMessage(listing: Listing | undefined, shown: number, prefix: string, mode: PathRequest['mode']): string | undefined {
  if (!listing || listing.status === 'loading') return undefined;
  if (listing.status === 'error') return listing.message;
  if (listing.truncated) return 'This folder has more entries than can be listed; type more of the name.';
  if (shown > 0) return undefined;
  // When saving, a name nothing matches is the usual case: a new file.
  if (mode === 'save') return undefined;
  if (mode === 'folder') return prefix === '' ? 'This folder has no subfolders. Enter opens it.' : `No folder starts with “${prefix}”.`;
  return prefix === '' ? 'This folder is empty.' : `No file or folder starts with “${prefix}”.`;
}
