import { describe, expect, it } from 'vitest';
import { diagnosticToMarker } from './diagnostic-markers.js';

const severities = { Error: 8, Warning: 4, Info: 2, Hint: 1 };

/** The real conversion for a text: line and column (1-based, UTF-16) of an offset. */
function positionIn(text: string) {
  return (offset: number) => {
    const before = text.slice(0, offset).split('\n');
    return { lineNumber: before.length, column: (before.at(-1) ?? '').length + 1 };
  };
}

describe('diagnosticToMarker', () => {
  it('places the marker by UTF-16 offsets and keeps message, code and linter name', () => {
    const text = 'a,b\n1,2,3\n';
    const marker = diagnosticToMarker(
      { start: 4, end: 9, severity: 'error', message: 'Row 2 has 3 fields, expected 2.', code: 'field-count' },
      'Field count',
      positionIn(text),
      severities,
    );
    expect(marker).toEqual({
      severity: 8,
      message: 'Row 2 has 3 fields, expected 2.',
      code: 'field-count',
      source: 'Field count',
      startLineNumber: 2,
      startColumn: 1,
      endLineNumber: 2,
      endColumn: 6,
    });
  });

  it('maps every severity to Monaco’s and a missing code to none', () => {
    const mapped = (['error', 'warning', 'info', 'hint'] as const).map(
      (severity) => diagnosticToMarker({ start: 0, end: 1, severity, message: 'm', code: null }, 'L', positionIn('x'), severities),
    );
    expect(mapped.map((marker) => marker.severity)).toEqual([8, 4, 2, 1]);
    expect(mapped[0]?.code).toBeUndefined();
  });

  it('never ends before it starts', () => {
    const marker = diagnosticToMarker({ start: 2, end: 1, severity: 'hint', message: 'm', code: null }, 'L', positionIn('abc'), severities);
    expect([marker.endLineNumber, marker.endColumn]).toEqual([1, 3]);
  });
});
