import { describe, expect, it } from 'vitest';
import { validateName } from './name-validation.js';

const posix = { sep: '/', siblings: ['README.md', 'src'], caseInsensitive: false };

describe('validateName', () => {
  it('asks for a name', () => {
    expect(validateName('', posix)).toEqual({ severity: 'error', message: 'A file or folder name must be provided.' });
    expect(validateName('   ', posix)?.severity).toBe('error');
  });

  it('refuses separators, dot names and control characters', () => {
    expect(validateName('a/b', posix)?.message).toContain('cannot contain “/”');
    expect(validateName('..', posix)?.severity).toBe('error');
    expect(validateName('.', posix)?.severity).toBe('error');
    expect(validateName('a\u0000b', posix)?.severity).toBe('error');
    expect(validateName('x'.repeat(256), posix)?.message).toContain('too long');
    // A backslash is an ordinary character on Linux and macOS.
    expect(validateName('a\\b', posix)).toBeNull();
  });

  it('refuses a name that is taken, ignoring case where the file system does', () => {
    expect(validateName('src', posix)?.message).toBe('A file or folder “src” already exists at this location. Choose a different name.');
    expect(validateName('SRC', posix)).toBeNull();
    expect(validateName('SRC', { ...posix, caseInsensitive: true })?.severity).toBe('error');
  });

  it('knows what Windows refuses', () => {
    const windows = { ...posix, sep: '\\' };
    expect(validateName('a\\b', windows)?.message).toContain('cannot contain “\\”');
    expect(validateName('what?', windows)?.severity).toBe('error');
    expect(validateName('con.txt', windows)?.severity).toBe('error');
    expect(validateName('trailing.', windows)?.severity).toBe('error');
    expect(validateName('what?', posix)).toBeNull();
  });

  it('warns about whitespace at either end but allows it', () => {
    expect(validateName(' notes.md', posix)).toEqual({ severity: 'warning', message: 'The name starts or ends with whitespace.' });
  });

  it('accepts ordinary names', () => {
    expect(validateName('notes.md', posix)).toBeNull();
    expect(validateName('.gitignore', posix)).toBeNull();
    expect(validateName('naïve ☃.txt', posix)).toBeNull();
  });
});
