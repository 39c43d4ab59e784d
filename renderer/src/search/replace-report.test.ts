import { describe, expect, it } from 'vitest';
import { replaceConfirmation, replaceReportMessage } from './replace-report.js';

describe('replaceConfirmation', () => {
  it('says how many occurrences in how many files, with what, listing the files relative to the workspace', () => {
    const asked = replaceConfirmation(
      [
        { path: '/w/src/a.ts', count: 2 },
        { path: '/w/b.ts', count: 1 },
      ],
      'bar',
      '/w',
    );
    expect(asked.message).toBe("Replace 3 occurrences across 2 files with 'bar'?");
    expect(asked.items).toEqual(['src/a.ts (2)', 'b.ts (1)']);
    expect(asked.detail).toMatch(/Ctrl\+Z/);
  });

  it('words one occurrence, an empty replacement and a long list', () => {
    expect(replaceConfirmation([{ path: '/w/a', count: 1 }], '', '/w').message).toBe('Replace 1 occurrence across 1 file with nothing (deleting them)?');
    const many = replaceConfirmation(
      Array.from({ length: 20 }, (_, i) => ({ path: `/w/f${i}`, count: 1000 })),
      'x',
      '/w',
    );
    expect(many.message).toBe("Replace 20,000 occurrences across 20 files with 'x'?");
    expect(many.items).toHaveLength(13);
    expect(many.items.at(-1)).toBe('… and 8 more files');
  });
});

describe('replaceReportMessage', () => {
  it('reports what was replaced, and each file left unsaved, skipped or failed, with why', () => {
    const report = replaceReportMessage(
      {
        replaced: 4,
        files: ['/w/a', '/w/b', '/w/c'],
        leftUnsaved: ['/w/c'],
        skipped: ['/w/d'],
        failed: [{ path: '/w/e', message: 'The file is not valid UTF-8.' }],
      },
      '/w',
    );
    expect(report.message).toBe('Replaced 4 occurrences in 3 files.');
    expect(report.detail).toEqual([
      'Not saved, as they had unsaved changes before: c. Save them to write the replacement.',
      'Skipped, their text changed since the search and nothing matches any more: d.',
      'e: The file is not valid UTF-8.',
    ]);
  });

  it('says so when nothing was replaced', () => {
    expect(replaceReportMessage({ replaced: 0, files: [], leftUnsaved: [], skipped: ['/w/a'], failed: [] }, '/w').message).toBe('Nothing was replaced.');
  });
});
