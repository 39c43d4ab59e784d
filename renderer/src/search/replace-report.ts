import { displayPath } from './display-path.js';

/** How many files the confirmation lists by name before summing up the rest. */
const LISTED_FILES = 12;

export interface ReplaceReport {
  /** Occurrences replaced. */
  replaced: number;
  /** Files changed. */
  files: string[];
  /** Changed files that had unsaved changes before, so were not saved. */
  leftUnsaved: string[];
  /** Files where nothing matched any more (their text changed since the search). */
  skipped: string[];
  failed: { path: string; message: string }[];
}

const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/** The question Replace All asks first: how much changes where, and with what. */
export function replaceConfirmation(counts: readonly { path: string; count: number }[], replace: string, folder: string | null): { message: string; detail: string; items: string[] } {
  const total = counts.reduce((sum, file) => sum + file.count, 0);
  const withWhat = replace === '' ? 'with nothing (deleting them)' : `with '${replace}'`;
  const items = counts.slice(0, LISTED_FILES).map((file) => `${displayPath(file.path, folder)} (${file.count.toLocaleString('en-US')})`);
  if (counts.length > LISTED_FILES) items.push(`… and ${plural(counts.length - LISTED_FILES, 'more file')}`);
  return {
    message: `Replace ${plural(total, 'occurrence')} across ${plural(counts.length, 'file')} ${withWhat}?`,
    detail: 'Each file changes in one step that Ctrl+Z in that file undoes. Files without unsaved changes are saved; files that are not open open in a tab.',
    items,
  };
}

/** What Replace All tells afterwards: what changed, and every file it did not change or save, with why. */
export function replaceReportMessage(report: ReplaceReport, folder: string | null): { message: string; detail: string[] } {
  const names = (paths: readonly string[]) => paths.map((path) => displayPath(path, folder)).join(', ');
  const message = report.replaced === 0 ? 'Nothing was replaced.' : `Replaced ${plural(report.replaced, 'occurrence')} in ${plural(report.files.length, 'file')}.`;
  const detail: string[] = [];
  if (report.leftUnsaved.length > 0) detail.push(`Not saved, as they had unsaved changes before: ${names(report.leftUnsaved)}. Save them to write the replacement.`);
  if (report.skipped.length > 0) detail.push(`Skipped, their text changed since the search and nothing matches any more: ${names(report.skipped)}.`);
  for (const failure of report.failed) detail.push(`${displayPath(failure.path, folder)}: ${failure.message}`);
  return { message, detail };
}
