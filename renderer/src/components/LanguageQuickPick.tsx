import { useMemo, useState } from 'react';
import { monaco } from '../monaco/setup-monaco.js';
import type { QuickInputRequest } from '../state/ui-slice.js';
import { QuickInput } from './QuickInput.js';
import type { QuickItem } from './QuickInput.js';

type LanguageRequest = QuickInputRequest & { kind: 'language' };

const collator = new Intl.Collator(undefined, { sensitivity: 'base' });

/** Picks the active document's language from Monaco's registered ones. */
export function LanguageQuickPick({ request }: { request: LanguageRequest }) {
  const languages = useMemo(
    () =>
      monaco.languages
        .getLanguages()
        .map((language) => ({ id: language.id, name: language.aliases?.[0] ?? language.id }))
        .sort((a, b) => collator.compare(a.name, b.name)),
    [],
  );
  const [query, setQuery] = useState('');
  const wanted = query.trim().toLowerCase();
  const matches = languages.filter(
    (language) => language.name.toLowerCase().includes(wanted) || language.id.toLowerCase().includes(wanted),
  );
  const [activeIndex, setActiveIndex] = useState(() =>
    Math.max(0, languages.findIndex((language) => language.id === request.currentId)),
  );

  const items: QuickItem[] = matches.map((language) => ({
    key: language.id,
    label: language.name,
    description: language.id === request.currentId ? `${language.id} — current` : language.id,
  }));

  const pick = (index: number) => {
    const language = matches[index];
    if (language) request.finish(language.id);
  };

  return (
    <QuickInput
      ariaLabel="Select language mode"
      title="Change Language Mode"
      inputLabel="Language"
      placeholder="Type to filter languages"
      value={query}
      onValueChange={(next) => {
        setQuery(next);
        setActiveIndex(0);
      }}
      items={items}
      activeIndex={Math.min(activeIndex, items.length - 1)}
      onActiveIndexChange={setActiveIndex}
      message={items.length === 0 ? 'No language matches.' : undefined}
      onAccept={() => pick(activeIndex)}
      onPick={pick}
      onCancel={() => request.finish(null)}
    />
  );
}
