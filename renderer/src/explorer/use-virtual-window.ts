import { useCallback, useLayoutEffect, useState } from 'react';
import type { RefObject } from 'react';

/** Rows drawn beyond each edge of the viewport, so a quick scroll shows no blank gap. */
const OVERSCAN = 8;

export interface VirtualWindow {
  /** The rows to draw: `first` up to (not including) `last`. */
  first: number;
  last: number;
  /** How many rows fit in the viewport (PageUp/PageDown). */
  pageSize: number;
  /** Scrolls as little as needed to show the row. */
  scrollToRow(index: number): void;
}

/**
 * Which of `rowCount` fixed-height rows a scrolling `container` shows, so a list of 100,000
 * entries draws a few dozen. Follows the container's scrolling and resizing.
 */
export function useVirtualWindow(container: RefObject<HTMLElement | null>, rowCount: number, rowHeight: number): VirtualWindow {
  const [viewport, setViewport] = useState({ top: 0, height: 0 });

  useLayoutEffect(() => {
    const element = container.current;
    if (!element) return;
    const measure = () => setViewport({ top: element.scrollTop, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    element.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener('scroll', measure);
    };
  }, [container]);

  const scrollToRow = useCallback(
    (index: number) => {
      const element = container.current;
      if (!element || index < 0) return;
      const top = index * rowHeight;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (top + rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + rowHeight - element.clientHeight;
    },
    [container, rowHeight],
  );

  const first = Math.max(0, Math.floor(viewport.top / rowHeight) - OVERSCAN);
  const last = Math.min(rowCount, Math.ceil((viewport.top + viewport.height) / rowHeight) + OVERSCAN);
  return { first, last, pageSize: Math.max(1, Math.floor(viewport.height / rowHeight)), scrollToRow };
}
