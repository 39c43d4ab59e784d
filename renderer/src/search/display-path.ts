/** `path` relative to the workspace folder for showing (`src/a.ts`), or as it is when outside it. */
export function displayPath(path: string, folder: string | null): string {
  if (folder === null || folder === '') return path;
  for (const sep of ['/', '\\']) {
    const prefix = folder.endsWith(sep) ? folder : folder + sep;
    if (path.startsWith(prefix)) return path.slice(prefix.length);
  }
  return path;
}

/** A displayed path's file name and the folder it is in ('' at the top). */
export function splitDisplayPath(shown: string): { name: string; folder: string } {
  const cut = Math.max(shown.lastIndexOf('/'), shown.lastIndexOf('\\'));
  return { name: shown.slice(cut + 1), folder: cut < 0 ? '' : shown.slice(0, cut) };
}
