import { describe, expect, it } from 'vitest';
import { isSameOrInside, relocatePath } from './path-relations.js';

describe('isSameOrInside', () => {
  it('accepts the folder and what is under it, not a sibling sharing a prefix', () => {
    expect(isSameOrInside('/w/src', '/w/src', '/')).toBe(true);
    expect(isSameOrInside('/w/src/a.ts', '/w/src', '/')).toBe(true);
    expect(isSameOrInside('/w/src-old/a.ts', '/w/src', '/')).toBe(false);
    expect(isSameOrInside('/w', '/w/src', '/')).toBe(false);
    expect(isSameOrInside('/etc/hosts', '/', '/')).toBe(true);
    expect(isSameOrInside('C:\\w\\a.txt', 'C:\\w', '\\')).toBe(true);
  });
});

describe('relocatePath', () => {
  it('moves the path itself and everything under it', () => {
    expect(relocatePath('/w/a.txt', '/w/a.txt', '/w/b.txt', '/')).toBe('/w/b.txt');
    expect(relocatePath('/w/src/deep/x.ts', '/w/src', '/w/lib', '/')).toBe('/w/lib/deep/x.ts');
    expect(relocatePath('C:\\w\\src\\x.ts', 'C:\\w\\src', 'C:\\w\\lib', '\\')).toBe('C:\\w\\lib\\x.ts');
  });

  it('leaves other paths alone', () => {
    expect(relocatePath('/w/src-old/x.ts', '/w/src', '/w/lib', '/')).toBeNull();
    expect(relocatePath('/w/a.txt', '/w/src', '/w/lib', '/')).toBeNull();
  });
});
