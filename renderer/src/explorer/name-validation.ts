/** Checks a name typed into the Explorer's inline box, with the message VS Code would show under it. */

export interface NameProblem {
  /** An error stops the name being used; a warning only says something looks odd. */
  severity: 'error' | 'warning';
  message: string;
}

export interface NameRules {
  sep: string;
  /** Names that already exist in the folder (a rename leaves out the entry's own name). */
  siblings: readonly string[];
  /** The file system ignores case (macOS, Windows): `README` clashes with `readme`. */
  caseInsensitive: boolean;
}

/** Longest name most file systems accept, in UTF-8 bytes. */
const MAX_NAME_BYTES = 255;
/** Characters Windows refuses in names (besides the separators and control characters). */
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

export function validateName(name: string, rules: NameRules): NameProblem | null {
  const windows = rules.sep === '\\';
  if (name.trim() === '') return error('A file or folder name must be provided.');
  if (name.includes('/') || (windows && name.includes('\\'))) {
    return error(`“${name}” is not a valid name: a name cannot contain “${windows ? '\\' : '/'}”. Create the folder first.`);
  }
  if (name === '.' || name === '..') return error(`“${name}” is not a valid name. Choose a different name.`);
  if ([...name].some((char) => char.charCodeAt(0) < 0x20)) return error('A name cannot contain control characters.');
  if (windows && (WINDOWS_FORBIDDEN.test(name) || WINDOWS_RESERVED.test(name) || /[. ]$/.test(name))) {
    return error(`“${name}” is not a valid name on Windows. Choose a different name.`);
  }
  if (new TextEncoder().encode(name).length > MAX_NAME_BYTES) return error('The name is too long. Choose a shorter name.');
  const same = rules.caseInsensitive ? (other: string) => other.toLowerCase() === name.toLowerCase() : (other: string) => other === name;
  if (rules.siblings.some(same)) return error(`A file or folder “${name}” already exists at this location. Choose a different name.`);
  if (name !== name.trim()) return { severity: 'warning', message: 'The name starts or ends with whitespace.' };
  return null;
}

function error(message: string): NameProblem {
  return { severity: 'error', message };
}
