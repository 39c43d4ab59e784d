/** The ripgrep command line for a search. */
import type { SearchQuery } from '../../app/workspace-contract.js';
import { ripgrepGlob, type GlobFilter } from './search-globs.js';

/** Files larger than this are not searched (by either engine). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export function ripgrepArgs(folder: string, query: SearchQuery, filter: GlobFilter): string[] {
  const args = [
    '--json',
    // A user's ~/.ripgreprc must not change what Quire's parser gets.
    '--no-config',
    // files.exclude decides what stays out, not a leading dot; .gitignore and .ignore files
    // still count, also in a folder that is not a git repository, but not those above the
    // workspace folder or the user's global one (VS Code's defaults).
    '--hidden',
    '--no-require-git',
    '--no-ignore-parent',
    '--no-ignore-global',
    `--max-filesize=${MAX_FILE_BYTES}`,
    query.matchCase ? '--case-sensitive' : '--ignore-case',
  ];
  if (query.wholeWord) args.push('--word-regexp');
  // --engine auto moves to PCRE2 for what JavaScript users expect of a regex and Rust's engine
  // lacks (lookaround, backreferences); --crlf lets `$` match before a CRLF line end.
  if (query.isRegex) args.push('--engine=auto', '--crlf');
  else args.push('--fixed-strings');
  // Includes first, excludes after: ripgrep lets the later glob win, so an exclude beats an include.
  for (const pattern of filter.include) args.push(`--glob=${ripgrepGlob(pattern)}`);
  for (const pattern of filter.exclude) args.push(`--glob=!${ripgrepGlob(pattern)}`);
  // `=` keeps a pattern that starts with `-` from being read as an option.
  args.push(`--regexp=${query.pattern}`, '--', folder);
  return args;
}
