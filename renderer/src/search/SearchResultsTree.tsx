import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import type { SearchFileResult } from '../../../app/workspace-contract.js';
import { useQuire } from '../components/workbench-context.js';
import { fileIcon } from '../explorer/file-icons.js';
import { displayPath, splitDisplayPath } from './display-path.js';
import { matchPreview, ResultLayout } from './result-rows.js';
import type { ResultRow, RowRef } from './result-rows.js';
import type { SearchController } from './search-controller.js';
import { previewReplacer } from './text-replacements.js';

/** Every row is this tall, so the list can draw only the rows in view. */
export const ROW_HEIGHT = 22;
/** Rows drawn above and below the visible ones, so fast scrolling shows no gaps. */
const OVERSCAN = 8;

/**
 * The results as a tree: each file (name, folder, count; collapsible) with its matches under it,
 * the match highlighted in its line, and, with the replace box open, the text that would replace
 * it. Drawn a screenful at a time (a search can find thousands of lines), so streaming results
 * in costs only the rows in view. Keyboard: Up/Down/Home/End/Page keys move, Left/Right
 * collapse and expand, Enter opens a match (or toggles a file).
 */
export function SearchResultsTree({ controller }: { controller: SearchController }) {
  const files = useStore(controller.state, (state) => state.files);
  const collapsed = useStore(controller.state, (state) => state.collapsed);
  const query = useStore(controller.state, (state) => state.query);
  const replaceOpen = useStore(controller.state, (state) => state.form.replaceOpen);
  const replace = useStore(controller.state, (state) => state.form.replace);
  const folder = useQuire((state) => state.workspace?.folder ?? null);
  const layout = useMemo(() => new ResultLayout(files, collapsed), [files, collapsed]);
  const replacer = useMemo(() => (replaceOpen && query !== null ? previewReplacer(query, replace) : null), [replaceOpen, query, replace]);

  const treeId = useId();
  const container = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(0);
  const [active, setActive] = useState<RowRef | null>(null);
  const activeIndex = active === null ? -1 : layout.indexOf(active);
  const rowCount = layout.rowCount;

  useLayoutEffect(() => {
    const element = container.current;
    if (!element) return;
    setViewportHeight(element.clientHeight);
    const observer = new ResizeObserver(() => setViewportHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // New results start at the top.
  useEffect(() => {
    if (files.length === 0) {
      setActive(null);
      container.current?.scrollTo({ top: 0 });
    }
  }, [files.length]);

  const moveTo = (wanted: number) => {
    const index = Math.max(0, Math.min(rowCount - 1, wanted));
    const row = layout.rowAt(index);
    if (!row) return;
    setActive(layout.refOf(row));
    const element = container.current;
    if (!element) return;
    const top = index * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight) element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
  };

  const activate = (row: ResultRow) => {
    if (row.kind === 'file') controller.toggleCollapsed(row.key);
    else void controller.openMatch(row.fileIndex, row.lineIndex, row.rangeIndex);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const row = layout.rowAt(activeIndex) ?? undefined;
    const page = Math.max(1, Math.floor((container.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const handled = (() => {
      switch (event.key) {
        case 'ArrowDown':
          return moveTo(activeIndex + 1), true;
        case 'ArrowUp':
          return moveTo(activeIndex < 0 ? 0 : activeIndex - 1), true;
        case 'Home':
          return moveTo(0), true;
        case 'End':
          return moveTo(rowCount - 1), true;
        case 'PageDown':
          return moveTo(activeIndex + page), true;
        case 'PageUp':
          return moveTo(activeIndex - page), true;
        case 'ArrowRight':
          if (row?.kind === 'file') {
            if (!row.expanded) controller.toggleCollapsed(row.key);
            else moveTo(activeIndex + 1);
          }
          return true;
        case 'ArrowLeft':
          if (row?.kind === 'match') moveTo(row.parentRow);
          else if (row?.kind === 'file' && row.expanded) controller.toggleCollapsed(row.key);
          return true;
        case 'Enter':
        case ' ':
          if (row) activate(row);
          return row !== undefined;
        default:
          return false;
      }
    })();
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rowCount, Math.ceil((scrollTop + viewportHeight) / ROW_HEIGHT) + OVERSCAN);
  const shown: ResultRow[] = [];
  for (let index = first; index < last; index++) {
    const row = layout.rowAt(index);
    if (row) shown.push(row);
  }
  const optionId = (index: number) => `${treeId}-row-${index}`;

  return (
    <div
      ref={container}
      className="q-search-tree"
      role="tree"
      aria-label="Search results"
      tabIndex={rowCount > 0 ? 0 : -1}
      aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
      data-testid="search-results"
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onFocus={() => {
        const firstRow = activeIndex < 0 ? layout.rowAt(0) : null;
        if (firstRow) setActive(layout.refOf(firstRow));
      }}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: rowCount * ROW_HEIGHT, position: 'relative' }}>
        {shown.map((row, offset) => {
          const index = first + offset;
          const file = files[row.fileIndex] as SearchFileResult;
          const common = {
            id: optionId(index),
            role: 'treeitem',
            'aria-selected': index === activeIndex,
            className: `q-search-row ${row.kind}${index === activeIndex ? ' active' : ''}`,
            style: { top: index * ROW_HEIGHT, height: ROW_HEIGHT },
            onMouseDown: (event: React.MouseEvent) => {
              // The tree keeps focus (and its highlighted row) rather than the row element.
              event.preventDefault();
              container.current?.focus();
              setActive(layout.refOf(row));
            },
            onClick: () => activate(row),
          } as const;
          if (row.kind === 'file') {
            const { name, folder: inFolder } = splitDisplayPath(displayPath(file.path, folder));
            return (
              <div
                key={row.key}
                {...common}
                aria-level={1}
                aria-expanded={row.expanded}
                aria-setsize={files.length}
                aria-posinset={row.fileIndex + 1}
                title={file.path}
                data-path={file.path}
              >
                <span className={`codicon codicon-chevron-${row.expanded ? 'down' : 'right'} q-search-twistie`} aria-hidden="true" />
                <span className={`codicon codicon-${fileIcon(name)} q-search-file-icon`} aria-hidden="true" />
                <span className="q-search-file-name">{name}</span>
                {inFolder !== '' && <span className="q-search-file-folder">{inFolder}</span>}
                <span className="q-search-count" aria-label={`${row.matchCount} ${row.matchCount === 1 ? 'match' : 'matches'}`}>
                  {row.matchCount}
                </span>
              </div>
            );
          }
          const line = file.matches[row.lineIndex];
          const range = line?.ranges[row.rangeIndex];
          if (!line || !range) return null;
          const preview = matchPreview(line.text, range[0], range[1]);
          // Null where the replace rules do not match exactly here: Replace All leaves it, so no preview.
          const replacement = replacer?.(line.text, range[0], range[1]);
          return (
            <div
              key={row.key}
              {...common}
              aria-level={2}
              aria-setsize={row.setSize}
              aria-posinset={row.posInSet}
              title={`Line ${line.line}: ${line.text.trim()}`}
              data-line={line.line}
            >
              <span className="q-search-preview">
                {preview.before}
                {replacement === null || replacement === undefined ? (
                  <mark className="q-search-match">{preview.match}</mark>
                ) : (
                  <>
                    <del className="q-search-removed">{preview.match}</del>
                    <ins className="q-search-inserted">{replacement}</ins>
                  </>
                )}
                {preview.after}
              </span>
              <span className="q-search-line-number">{line.line}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

