import type { FileMatch } from '../../../app/workspace-contract.js';

/** A quick-open row's two parts: the file name and the folder it is in, each with its matched characters. */
export interface FileLabel {
  name: string;
  namePositions: number[];
  /** The folder relative to the workspace, '' at its top. */
  folder: string;
  folderPositions: number[];
}

/**
 * Splits a match's relative path at its last separator (either slash: Windows paths may have
 * both) and moves the matched positions to the part they fall in.
 */
export function fileLabel(match: Pick<FileMatch, 'relativePath' | 'positions'>): FileLabel {
  const path = match.relativePath;
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const nameStart = cut + 1;
  return {
    name: path.slice(nameStart),
    namePositions: match.positions.filter((position) => position >= nameStart).map((position) => position - nameStart),
    folder: cut < 0 ? '' : path.slice(0, cut),
    folderPositions: match.positions.filter((position) => position < cut),
  };
}
