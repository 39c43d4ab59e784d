import { useEffect, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useQuire } from '../components/workbench-context.js';
import { ExplorerView } from '../explorer/ExplorerView.js';
import { SearchView } from '../search/SearchView.js';
import { clampSideBarWidth, DEFAULT_SIDE_BAR_WIDTH, loadSideBarWidth, MIN_SIDE_BAR_WIDTH, storeSideBarWidth } from './side-bar-width.js';
import './side-bar.css';

const TITLES = { explorer: 'Explorer', search: 'Search' } as const;
/** How far one arrow key press on the edge moves it. */
const KEY_STEP = 10;

/** The side bar left of the editor: the Explorer or the Search view, its right edge dragged to resize. */
export function SideBar() {
  const { visible, view } = useQuire(useShallow((state) => state.sideBar));
  const [width, setWidth] = useState(() => loadSideBarWidth(window.localStorage));

  // A narrower window may leave the remembered width too wide for the editor to show.
  useEffect(() => {
    const fit = () => setWidth((current) => clampSideBarWidth(current, window.innerWidth));
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, []);

  if (!visible) return null;

  const resizeTo = (next: number) => {
    const clamped = clampSideBarWidth(next, window.innerWidth);
    setWidth(clamped);
    storeSideBarWidth(window.localStorage, clamped);
  };

  return (
    <aside className="q-side-bar" style={{ width }} aria-label={TITLES[view]} data-side-bar data-testid="side-bar">
      <div className="q-side-bar-title">{TITLES[view]}</div>
      <div className="q-side-bar-content">{view === 'explorer' ? <ExplorerView /> : <SearchView />}</div>
      <Sash width={width} onResize={resizeTo} />
    </aside>
  );
}

/** The side bar's right edge: drag it (or focus it and use the arrow keys) to resize; a double click resets it. */
function Sash({ width, onResize }: { width: number; onResize(width: number): void }) {
  const [dragging, setDragging] = useState(false);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    const startX = event.clientX;
    const startWidth = width;
    const target = event.currentTarget;
    target.setPointerCapture(event.pointerId);
    setDragging(true);
    const onMove = (move: globalThis.PointerEvent) => onResize(startWidth + move.clientX - startX);
    const onUp = () => {
      target.removeEventListener('pointermove', onMove);
      target.removeEventListener('pointerup', onUp);
      target.removeEventListener('pointercancel', onUp);
      setDragging(false);
    };
    target.addEventListener('pointermove', onMove);
    target.addEventListener('pointerup', onUp);
    target.addEventListener('pointercancel', onUp);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const delta = { ArrowLeft: -KEY_STEP, ArrowRight: KEY_STEP }[event.key];
    if (delta === undefined) return;
    event.preventDefault();
    onResize(width + delta);
  };

  return (
    <div
      className={dragging ? 'q-sash dragging' : 'q-sash'}
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize side bar"
      aria-valuenow={width}
      aria-valuemin={MIN_SIDE_BAR_WIDTH}
      tabIndex={0}
      data-testid="side-bar-sash"
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      onDoubleClick={() => onResize(DEFAULT_SIDE_BAR_WIDTH)}
    />
  );
}
