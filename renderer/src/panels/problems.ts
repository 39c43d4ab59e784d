/** The fields of a Monaco marker the Problems panel shows (`IMarker`, without Monaco). */
export interface ProblemMarker {
  /** The model's URI, as a string. */
  resource: string;
  owner: string;
  severity: number;
  message: string;
  code: string | undefined;
  source: string | undefined;
  startLineNumber: number;
  startColumn: number;
}

export interface OpenFile {
  documentId: string;
  name: string;
  path: string | null;
}

export interface ProblemGroup {
  file: OpenFile;
  problems: ProblemMarker[];
  errors: number;
  warnings: number;
}

/** Monaco's `MarkerSeverity` values for the two severities that are counted. */
export interface CountedSeverities {
  Error: number;
  Warning: number;
}

/**
 * Markers grouped by open file, in the order of `files` (tab order); files without problems are
 * left out. Within a file: most severe first, then by position, as VS Code lists them.
 */
export function groupProblems(
  markers: readonly ProblemMarker[],
  files: readonly OpenFile[],
  fileOf: (resource: string) => string | undefined,
  severities: CountedSeverities,
): ProblemGroup[] {
  const byDocument = new Map<string, ProblemMarker[]>();
  for (const marker of markers) {
    const documentId = fileOf(marker.resource);
    if (documentId === undefined) continue;
    byDocument.set(documentId, [...(byDocument.get(documentId) ?? []), marker]);
  }
  return files.flatMap((file) => {
    const problems = byDocument.get(file.documentId);
    if (!problems) return [];
    const sorted = [...problems].sort(
      (a, b) => b.severity - a.severity || a.startLineNumber - b.startLineNumber || a.startColumn - b.startColumn,
    );
    return [
      {
        file,
        problems: sorted,
        errors: sorted.filter((problem) => problem.severity === severities.Error).length,
        warnings: sorted.filter((problem) => problem.severity === severities.Warning).length,
      },
    ];
  });
}

/** Error and warning totals for the status bar. */
export function countProblems(groups: readonly ProblemGroup[]): { errors: number; warnings: number } {
  return groups.reduce(
    (sum, group) => ({ errors: sum.errors + group.errors, warnings: sum.warnings + group.warnings }),
    { errors: 0, warnings: 0 },
  );
}
