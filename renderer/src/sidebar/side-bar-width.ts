/** The side bar's width: dragged by its edge, remembered in localStorage across reloads. */

export const SIDE_BAR_WIDTH_KEY = 'quire.sideBar.width';
export const DEFAULT_SIDE_BAR_WIDTH = 260;
export const MIN_SIDE_BAR_WIDTH = 170;
/** The editor keeps at least this much of the window, however wide the side bar is dragged. */
const MIN_EDITOR_WIDTH = 220;

/** `width` kept within what leaves the side bar usable and the editor visible. */
export function clampSideBarWidth(width: number, windowWidth: number): number {
  const max = Math.max(MIN_SIDE_BAR_WIDTH, windowWidth - MIN_EDITOR_WIDTH);
  return Math.round(Math.min(max, Math.max(MIN_SIDE_BAR_WIDTH, width)));
}

/** The remembered width, or the default when none (or nonsense) is stored. */
export function loadSideBarWidth(storage: Pick<Storage, 'getItem'>): number {
  const stored = Number(storage.getItem(SIDE_BAR_WIDTH_KEY));
  return Number.isFinite(stored) && stored >= MIN_SIDE_BAR_WIDTH ? stored : DEFAULT_SIDE_BAR_WIDTH;
}

export function storeSideBarWidth(storage: Pick<Storage, 'setItem'>, width: number): void {
  storage.setItem(SIDE_BAR_WIDTH_KEY, String(Math.round(width)));
}
