import { describe, expect, it } from 'vitest';
import { excludeMatcher } from './exclude-matcher.js';

describe('excludeMatcher', () => {
  const matcher = excludeMatcher(['**/.git', '**/node_modules', 'build', '*.log', 'src/**/gen', '**/*.tmp', '', '  ', 'dist/']);

  it('hides a `**/NAME` folder at any depth, and nothing merely named like it', () => {
    for (const path of ['.git', 'a/.git', 'node_modules', 'a/b/node_modules']) expect(matcher.matches(path)).toBe(true);
    for (const path of ['.gitignore', 'my.git', 'node_modules_old', 'a/node_modules2']) expect(matcher.matches(path)).toBe(false);
  });

  it('takes a glob without `**/` as relative to the workspace folder', () => {
    expect(matcher.matches('build')).toBe(true);
    expect(matcher.matches('src/build')).toBe(false);
    expect(matcher.matches('x.log')).toBe(true);
    expect(matcher.matches('logs/x.log')).toBe(false);
    expect(matcher.matches('src/a/b/gen')).toBe(true);
    expect(matcher.matches('deep/.hidden.tmp')).toBe(true);
    expect(matcher.matches('dist')).toBe(true);
  });

  it('hides everything below a hidden folder', () => {
    expect(matcher.hides('a/node_modules/pkg/index.js')).toBe(true);
    expect(matcher.hides('build/out/x.js')).toBe(true);
    expect(matcher.hides('src/build/x.js')).toBe(false);
    expect(matcher.hides('')).toBe(false);
  });

  it('hides nothing with no globs, and skips a glob it cannot read', () => {
    expect(excludeMatcher([]).hides('a/.git/config')).toBe(false);
    const odd = excludeMatcher(['[', '**/.git']);
    expect(odd.matches('.git')).toBe(true);
  });
});
