import { describe, expect, it } from 'vitest';
import {
  baseName,
  dirName,
  isAbsolutePath,
  joinPath,
  normalizePath,
  resolveUserPath,
  restartTypedPath,
  splitTypedPath,
} from './user-path.js';

const posix = { cwd: '/home/ann/project', homeDir: '/home/ann', sep: '/' };
const windows = { cwd: 'C:\\Users\\ann\\project', homeDir: 'C:\\Users\\ann', sep: '\\' };

describe('resolveUserPath', () => {
  it('keeps absolute paths, normalized', () => {
    expect(resolveUserPath('/etc//hosts', posix)).toBe('/etc/hosts');
    expect(resolveUserPath('/a/b/../c/./d/', posix)).toBe('/a/c/d');
  });

  it('expands the home directory', () => {
    expect(resolveUserPath('~', posix)).toBe('/home/ann');
    expect(resolveUserPath('~/notes.md', posix)).toBe('/home/ann/notes.md');
  });

  it('does not expand ~user or a name starting with ~', () => {
    expect(resolveUserPath('~bob/x', posix)).toBe('/home/ann/project/~bob/x');
  });

  it('resolves relative paths from the working directory', () => {
    expect(resolveUserPath('src/main.ts', posix)).toBe('/home/ann/project/src/main.ts');
    expect(resolveUserPath('../other/x', posix)).toBe('/home/ann/other/x');
    expect(resolveUserPath('  README.md ', posix)).toBe('/home/ann/project/README.md');
  });

  it('never climbs above the root', () => {
    expect(resolveUserPath('/../../x', posix)).toBe('/x');
  });

  it('understands Windows drives and either slash', () => {
    expect(resolveUserPath('D:/data/file.txt', windows)).toBe('D:\\data\\file.txt');
    expect(resolveUserPath('~\\notes.md', windows)).toBe('C:\\Users\\ann\\notes.md');
    expect(resolveUserPath('src/a.ts', windows)).toBe('C:\\Users\\ann\\project\\src\\a.ts');
  });
});

describe('path pieces', () => {
  it('tells absolute from relative', () => {
    expect(isAbsolutePath('/x', '/')).toBe(true);
    expect(isAbsolutePath('x', '/')).toBe(false);
    expect(isAbsolutePath('C:\\x', '\\')).toBe(true);
    expect(isAbsolutePath('\\\\server\\share', '\\')).toBe(true);
    expect(isAbsolutePath('x\\y', '\\')).toBe(false);
  });

  it('normalizes relative paths without inventing a root', () => {
    expect(normalizePath('a/../../b', '/')).toBe('../b');
    expect(normalizePath('./', '/')).toBe('.');
  });

  it('splits names and directories', () => {
    expect(baseName('/a/b.txt', '/')).toBe('b.txt');
    expect(baseName('C:\\a\\b.txt', '\\')).toBe('b.txt');
    expect(dirName('/a/b.txt', '/')).toBe('/a');
    expect(dirName('/b.txt', '/')).toBe('/');
    expect(dirName('C:\\b.txt', '\\')).toBe('C:\\');
    expect(joinPath('/a/', 'b', '/')).toBe('/a/b');
  });
});

describe('splitTypedPath', () => {
  it('separates the directory being listed from the name being typed', () => {
    expect(splitTypedPath('/home/ann/No', '/')).toEqual({ directory: '/home/ann/', prefix: 'No' });
    expect(splitTypedPath('/home/ann/', '/')).toEqual({ directory: '/home/ann/', prefix: '' });
    expect(splitTypedPath('notes', '/')).toEqual({ directory: '', prefix: 'notes' });
    expect(splitTypedPath('~/x', '/')).toEqual({ directory: '~/', prefix: 'x' });
  });

  it('treats a backslash as a separator only in Windows style', () => {
    expect(splitTypedPath('C:\\Users/ann\\d', '\\')).toEqual({ directory: 'C:\\Users/ann\\', prefix: 'd' });
    expect(splitTypedPath('odd\\name', '/')).toEqual({ directory: '', prefix: 'odd\\name' });
  });
});

describe('restartTypedPath', () => {
  it('starts over at the root when `/` follows the prefilled folder', () => {
    expect(restartTypedPath('/home/ann/project//', '/')).toBe('/');
    expect(restartTypedPath('/home/ann/project//etc/hosts', '/')).toBe('/etc/hosts');
    expect(resolveUserPath(restartTypedPath('/home/ann/project//etc/hosts', '/'), posix)).toBe('/etc/hosts');
  });

  it('starts over at the home folder when `~/` follows it', () => {
    expect(restartTypedPath('/home/ann/project/~/', '/')).toBe('~/');
    expect(restartTypedPath('/home/ann/project/~/notes.md', '/')).toBe('~/notes.md');
    expect(resolveUserPath(restartTypedPath('/srv/x/~/notes.md', '/'), posix)).toBe('/home/ann/notes.md');
  });

  it('takes the rightmost restart', () => {
    expect(restartTypedPath('/a//b/~/c//d', '/')).toBe('/d');
    expect(restartTypedPath('/a//b//c/~/d', '/')).toBe('~/d');
    expect(restartTypedPath('/a///', '/')).toBe('/');
    // From the root, `~/` is the home folder too.
    expect(restartTypedPath('/~/', '/')).toBe('~/');
  });

  it('leaves ordinary paths and names starting with ~ alone', () => {
    expect(restartTypedPath('/home/ann/project/src/', '/')).toBe('/home/ann/project/src/');
    expect(restartTypedPath('/home/ann/~backup/x', '/')).toBe('/home/ann/~backup/x');
    expect(restartTypedPath('/home/ann/~', '/')).toBe('/home/ann/~');
    expect(restartTypedPath('', '/')).toBe('');
    expect(restartTypedPath('//', '/')).toBe('//');
  });

  it('knows Windows drives and network paths', () => {
    expect(restartTypedPath('C:\\Users\\ann\\D:\\data', '\\')).toBe('D:\\data');
    expect(restartTypedPath('C:\\Users\\ann\\~\\x', '\\')).toBe('~\\x');
    expect(restartTypedPath('\\\\server\\share\\x', '\\')).toBe('\\\\server\\share\\x');
    expect(restartTypedPath('C:\\Users\\ann\\\\', '\\')).toBe('\\');
  });
});
