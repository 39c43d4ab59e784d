import { describe, expect, it } from 'vitest';
import { countProblems, groupProblems } from './problems.js';
import type { ProblemMarker } from './problems.js';

const severities = { Error: 8, Warning: 4 };

function marker(resource: string, severity: number, line: number, column = 1): ProblemMarker {
  return { resource, owner: 'p/l', severity, message: `at ${line}`, code: 'c', source: 'L', startLineNumber: line, startColumn: column };
}

const files = [
  { documentId: 'doc-1', name: 'a.csv', path: '/w/a.csv' },
  { documentId: 'doc-2', name: 'b.json', path: '/w/b.json' },
  { documentId: 'doc-3', name: 'c.txt', path: '/w/c.txt' },
];
const fileOf = (resource: string) => ({ 'model/1': 'doc-1', 'model/2': 'doc-2', 'model/3': 'doc-3' })[resource];

describe('groupProblems', () => {
  it('groups by file in tab order, leaving out clean files and unknown models', () => {
    const groups = groupProblems([marker('model/2', 8, 1), marker('model/1', 4, 5), marker('model/9', 8, 1)], files, fileOf, severities);
    expect(groups.map((group) => group.file.name)).toEqual(['a.csv', 'b.json']);
  });

  it('sorts errors before warnings, then by line and column, and counts both', () => {
    const groups = groupProblems(
      [marker('model/1', 4, 1), marker('model/1', 8, 7, 3), marker('model/1', 8, 7, 1), marker('model/1', 8, 2), marker('model/1', 2, 1)],
      files,
      fileOf,
      severities,
    );
    const group = groups[0];
    expect(group?.problems.map((problem) => [problem.severity, problem.startLineNumber, problem.startColumn])).toEqual([
      [8, 2, 1],
      [8, 7, 1],
      [8, 7, 3],
      [4, 1, 1],
      [2, 1, 1],
    ]);
    expect([group?.errors, group?.warnings]).toEqual([3, 1]);
    expect(countProblems(groups)).toEqual({ errors: 3, warnings: 1 });
  });
});
