import { useMemo } from 'react';
import { monaco } from '../monaco/setup-monaco.js';
import type { QuickInputRequest } from '../state/ui-slice.js';
import { FilteredQuickPick } from './QuickInputFilteredPick.js';

type LanguageRequest = QuickInputRequest & { kind: 'language' };

const collator = new Intl.Collator(undefined, { sensitivity: 'base' });

/** Picks the active document's language from Monaco's registered ones (plugin formats included). */
export function LanguageQuickPick({ request }: { request: LanguageRequest }) {
  const languages = useMemo(
    () =>
      monaco.languages
        .getLanguages()
        .map((language) => ({ id: language.id, name: language.aliases?.[0] ?? language.id }))
        .sort((a, b) => collator.compare(a.name, b.name)),
    [],
  );

  const rows = (query: string) => {
    const wanted = query.trim().toLowerCase();
    return languages
      .filter((language) => language.name.toLowerCase().includes(wanted) || language.id.toLowerCase().includes(wanted))
      .map((language) => ({
        value: language.id,
        item: {
          key: language.id,
          label: language.name,
          description: language.id === request.currentId ? `${language.id} — current` : language.id,
        },
      }));
  };

  return (
    <FilteredQuickPick
      ariaLabel="Select language mode"
      title="Change Language Mode"
      inputLabel="Language"
      placeholder="Type to filter languages"
      emptyMessage="No language matches."
      rows={rows}
      initialIndex={Math.max(0, languages.findIndex((language) => language.id === request.currentId))}
      onFinish={(id) => request.finish(id)}
    />
  );
}
