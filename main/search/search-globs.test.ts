import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { globFilter, ripgrepGlob, settingsGlobs, splitGlobList, typedGlobs } from './search-globs.js';

describe('search globs', () => {
  it('splits at commas outside braces and drops empty globs', () => {
    expect(splitGlobList(' src/** ,*.{ts,tsx},, docs ')).toEqual(['src/**', '*.{ts,tsx}', 'docs']);
    expect(splitGlobList('   ')).toEqual([]);
    expect(splitGlobList('a{b,{c,d}},e')).toEqual(['a{b,{c,d}}', 'e']);
  });

  it('reads typed globs as VS Code does: any depth, a folder’s contents, ./ anchors, .ext means *.ext', () => {
    expect(typedGlobs('src')).toEqual(['**/src', '**/src/**']);
    expect(typedGlobs('src/**')).toEqual(['**/src/**']);
    expect(typedGlobs('./src/')).toEqual(['src', 'src/**']);
    expect(typedGlobs('.md')).toEqual(['**/*.md', '**/*.md/**']);
    expect(typedGlobs('**/gen/*.ts, ./')).toEqual(['**/gen/*.ts', '**/gen/*.ts/**']);
  });

  it('matches what the patterns promise', () => {
    const included = picomatch(typedGlobs('src, *.md'), { dot: true });
    expect(['src/a.ts', 'lib/src/deep/b.ts', 'README.md', 'docs/x.md', 'source/a.ts', 'src.ts'].filter((p) => included(p))).toEqual([
      'src/a.ts',
      'lib/src/deep/b.ts',
      'README.md',
      'docs/x.md',
    ]);
  });

  it('takes settings globs as relative to the folder, and pins them for ripgrep', () => {
    expect(settingsGlobs(['**/node_modules', 'build/', './out', '/dist', ' '])).toEqual(['**/node_modules', 'build', 'out', 'dist']);
    expect(settingsGlobs(['build']).map(ripgrepGlob)).toEqual(['/build']);
    expect(ripgrepGlob('**/x')).toBe('**/x');
    expect(globFilter({ include: '', exclude: 'tmp' }, ['**/.git', '**/.git'])).toEqual({ include: [], exclude: ['**/.git', '**/tmp', '**/tmp/**'] });
  });
});
