import { useState } from 'react';
import { QuickInput } from './QuickInput.js';
import type { QuickItem } from './QuickInput.js';

export interface FilteredRow<T> {
  value: T;
  item: QuickItem;
}

export interface FilteredQuickPickProps<T> {
  ariaLabel: string;
  title: string;
  inputLabel: string;
  placeholder: string;
  /** Shown when no row matches. */
  emptyMessage: string;
  /** The rows for what is typed, best first. */
  rows(query: string): FilteredRow<T>[];
  /** The row highlighted when the box opens, before anything is typed. */
  initialIndex?: number;
  /** The picked row's value, or null when the box was cancelled. */
  onFinish(value: T | null): void;
}

/**
 * A quick input that filters a list as the user types: the query, the highlighted row and
 * picking it, in one place for every picker (commands, languages).
 */
export function FilteredQuickPick<T>(props: FilteredQuickPickProps<T>) {
  const [query, setQuery] = useState('');
  const [activeIndex, setActiveIndex] = useState(props.initialIndex ?? 0);
  const rows = props.rows(query);
  const active = Math.min(activeIndex, rows.length - 1);

  const pick = (index: number) => {
    const row = rows[index];
    if (row) props.onFinish(row.value);
  };

  return (
    <QuickInput
      ariaLabel={props.ariaLabel}
      title={props.title}
      inputLabel={props.inputLabel}
      placeholder={props.placeholder}
      value={query}
      onValueChange={(next) => {
        setQuery(next);
        setActiveIndex(0);
      }}
      items={rows.map((row) => row.item)}
      activeIndex={active}
      onActiveIndexChange={setActiveIndex}
      message={rows.length === 0 ? props.emptyMessage : undefined}
      onAccept={() => pick(active)}
      onPick={pick}
      onCancel={() => props.onFinish(null)}
    />
  );
}
