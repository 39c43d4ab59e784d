import { describe, expect, it } from 'vitest';
import { clampSideBarWidth, DEFAULT_SIDE_BAR_WIDTH, loadSideBarWidth, MIN_SIDE_BAR_WIDTH, SIDE_BAR_WIDTH_KEY, storeSideBarWidth } from './side-bar-width.js';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const values = new Map<string, string>();
  return { getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) };
}

describe('side bar width', () => {
  it('remembers a dragged width', () => {
    const storage = memoryStorage();
    expect(loadSideBarWidth(storage)).toBe(DEFAULT_SIDE_BAR_WIDTH);
    storeSideBarWidth(storage, 333.4);
    expect(loadSideBarWidth(storage)).toBe(333);
  });

  it('falls back to the default for a stored value that makes no sense', () => {
    for (const stored of ['', 'wide', '-5', '12', 'Infinity']) {
      const storage = memoryStorage();
      storage.setItem(SIDE_BAR_WIDTH_KEY, stored);
      expect(loadSideBarWidth(storage)).toBe(DEFAULT_SIDE_BAR_WIDTH);
    }
  });

  it('keeps the side bar usable and leaves the editor room', () => {
    expect(clampSideBarWidth(50, 1200)).toBe(MIN_SIDE_BAR_WIDTH);
    expect(clampSideBarWidth(5000, 1200)).toBe(980);
    expect(clampSideBarWidth(300.6, 1200)).toBe(301);
    // A window too narrow for both keeps the side bar at its minimum.
    expect(clampSideBarWidth(300, 300)).toBe(MIN_SIDE_BAR_WIDTH);
  });
});
