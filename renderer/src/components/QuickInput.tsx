import { useEffect, useId, useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { useRestoreFocus } from './use-restore-focus.js';

export interface QuickItem {
  key: string;
  label: string;
  /** How many leading characters of the label matched what was typed (shown bold). */
  matched?: number;
  /** Indexes of the label's characters that matched what was typed (shown bold), for fuzzy matches. */
  highlights?: readonly number[];
  description?: string;
  /** Dimmed text right after the label (a file's folder), with its matched characters. */
  detail?: { text: string; highlights: readonly number[] };
  /** A codicon name, e.g. `folder`. */
  icon?: string;
  /** Shown at the right end, e.g. the command's keys. */
  aside?: ReactNode;
}

export interface QuickInputProps {
  /** The dialog's accessible name. */
  ariaLabel: string;
  title: string;
  hint?: string;
  inputLabel: string;
  placeholder?: string;
  value: string;
  onValueChange(value: string): void;
  items: readonly QuickItem[];
  /** -1 when no item is highlighted. */
  activeIndex: number;
  onActiveIndexChange(index: number): void;
  /** Shown instead of the list when it is empty (or alongside, e.g. "truncated"). */
  message?: string;
  onAccept(): void;
  onPick(index: number): void;
  onTab?(): void;
  onCancel(): void;
  /** Selected text range when the box opens (e.g. the file name part of a path). */
  initialSelection?: [number, number];
  /** The query the listed items answer, when they arrive later than it is typed (quick open). */
  itemsFor?: string;
}

/**
 * A VS Code-style quick input: a text box at the top of the window with a list under it.
 * Arrow keys move through the list, Enter accepts, Escape or a click elsewhere cancels.
 */
export function QuickInput(props: QuickInputProps) {
  useRestoreFocus();
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const listId = useId();
  const optionId = (index: number) => `${listId}-option-${index}`;
  const { items, activeIndex, onActiveIndexChange, initialSelection } = props;

  useEffect(() => {
    const element = input.current;
    if (!element) return;
    element.focus();
    const [start, end] = initialSelection ?? [element.value.length, element.value.length];
    element.setSelectionRange(start, end);
    // Only when the box opens: later renders keep the user's own caret.
  }, []);

  useEffect(() => {
    if (activeIndex >= 0) list.current?.children[activeIndex]?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const move = (delta: number) => {
      event.preventDefault();
      if (items.length === 0) return;
      const from = activeIndex < 0 ? (delta > 0 ? -1 : 0) : activeIndex;
      onActiveIndexChange((from + delta + items.length) % items.length);
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(1);
      case 'ArrowUp':
        return move(-1);
      case 'Enter':
        event.preventDefault();
        return props.onAccept();
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        return props.onCancel();
      case 'Tab':
        if (!props.onTab) return;
        event.preventDefault();
        return props.onTab();
    }
  };

  return (
    <div
      className="q-quick-input-layer"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) props.onCancel();
      }}
    >
      <div className="q-quick-input" role="dialog" aria-label={props.ariaLabel} data-testid="quick-input">
        <div className="q-quick-input-title">{props.title}</div>
        <input
          ref={input}
          className="q-quick-input-box"
          type="text"
          aria-label={props.inputLabel}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeIndex >= 0 && activeIndex < items.length ? optionId(activeIndex) : undefined}
          placeholder={props.placeholder}
          spellCheck={false}
          autoComplete="off"
          value={props.value}
          onChange={(event) => props.onValueChange(event.target.value)}
          onKeyDown={onKeyDown}
        />
        {props.hint && <div className="q-quick-input-hint">{props.hint}</div>}
        <ul ref={list} id={listId} className="q-quick-input-list" role="listbox" aria-label={props.title} data-items-for={props.itemsFor}>
          {items.map((item, index) => (
            <li
              key={item.key}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              className={index === activeIndex ? 'q-quick-item active' : 'q-quick-item'}
              onMouseDown={(event) => event.preventDefault()}
              onMouseMove={() => {
                if (index !== activeIndex) onActiveIndexChange(index);
              }}
              onClick={() => props.onPick(index)}
            >
              {item.icon && <span className={`codicon codicon-${item.icon} q-quick-item-icon`} aria-hidden="true" />}
              <span className="q-quick-item-label">
                <Highlighted text={item.label} positions={item.highlights ?? leading(item.matched ?? 0)} />
              </span>
              {item.detail && (
                <span className="q-quick-item-detail">
                  <Highlighted text={item.detail.text} positions={item.detail.highlights} />
                </span>
              )}
              {item.description && <span className="q-quick-item-description">{item.description}</span>}
              {item.aside && <span className="q-quick-item-aside">{item.aside}</span>}
            </li>
          ))}
        </ul>
        {props.message && <div className="q-quick-input-message">{props.message}</div>}
      </div>
    </div>
  );
}

function leading(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}

/** `text` with the characters at `positions` in bold, consecutive ones in one run. */
function Highlighted({ text, positions }: { text: string; positions: readonly number[] }) {
  const bold = new Set(positions);
  const runs: { text: string; bold: boolean }[] = [];
  for (let index = 0; index < text.length; index++) {
    const isBold = bold.has(index);
    const last = runs[runs.length - 1];
    if (last && last.bold === isBold) last.text += text[index];
    else runs.push({ text: text[index] ?? '', bold: isBold });
  }
  return <>{runs.map((run, index) => (run.bold ? <strong key={index}>{run.text}</strong> : run.text))}</>;
}
