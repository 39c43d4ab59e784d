import { describe, expect, it } from 'vitest';
import { tabDescriptions } from './tab-labels.js';

describe('tabDescriptions', () => {
  it('names the folder only for tabs whose file names collide', () => {
    const descriptions = tabDescriptions(
      [
        { id: '1', path: '/p/src/index.ts', name: 'index.ts' },
        { id: '2', path: '/p/test/index.ts', name: 'index.ts' },
        { id: '3', path: '/p/README.md', name: 'README.md' },
        { id: '4', path: null, name: 'Untitled-1' },
      ],
      '/',
    );
    expect([...descriptions]).toEqual([
      ['1', 'src'],
      ['2', 'test'],
    ]);
  });

  it('shows the root itself for a file at the root', () => {
    const descriptions = tabDescriptions(
      [
        { id: '1', path: '/a', name: 'a' },
        { id: '2', path: '/x/a', name: 'a' },
      ],
      '/',
    );
    expect(descriptions.get('1')).toBe('/');
  });
});
