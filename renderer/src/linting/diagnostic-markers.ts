import type { DiagnosticSeverity, PluginDiagnostic } from '../../../app/plugin-contract.js';

/** Monaco's `MarkerSeverity` values, passed in so this mapping stays free of Monaco itself. */
export interface MarkerSeverities {
  Error: number;
  Warning: number;
  Info: number;
  Hint: number;
}

export interface Position {
  lineNumber: number;
  column: number;
}

export interface MarkerFields {
  severity: number;
  message: string;
  code: string | undefined;
  source: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

const severityNames: Record<DiagnosticSeverity, keyof MarkerSeverities> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
  hint: 'Hint',
};

/**
 * A plugin diagnostic as a Monaco marker. Offsets are UTF-16 offsets into the text the linter
 * was given, which is the model's text at the version the caller checked; `positionAt` is the
 * model's own conversion.
 */
export function diagnosticToMarker(
  diagnostic: PluginDiagnostic,
  linterName: string,
  positionAt: (offset: number) => Position,
  severities: MarkerSeverities,
): MarkerFields {
  const start = positionAt(diagnostic.start);
  const end = positionAt(Math.max(diagnostic.start, diagnostic.end));
  return {
    severity: severities[severityNames[diagnostic.severity]],
    message: diagnostic.message,
    code: diagnostic.code ?? undefined,
    source: linterName,
    startLineNumber: start.lineNumber,
    startColumn: start.column,
    endLineNumber: end.lineNumber,
    endColumn: end.column,
  };
}
