import { describe, expect, it } from 'vitest';
import { defaultEol, withLineEndings } from './line-endings.js';

describe('withLineEndings', () => {
  it('makes mixed line endings uniform', () => {
    expect(withLineEndings('a\r\nb\nc\rd', 'LF')).toBe('a\nb\nc\nd');
    expect(withLineEndings('a\r\nb\nc\rd', 'CRLF')).toBe('a\r\nb\r\nc\r\nd');
  });

  it('leaves text without line endings alone', () => {
    expect(withLineEndings('abc', 'CRLF')).toBe('abc');
  });
});

describe('defaultEol', () => {
  it('follows the platform', () => {
    expect(defaultEol('win32')).toBe('CRLF');
    expect(defaultEol('linux')).toBe('LF');
    expect(defaultEol(undefined)).toBe('LF');
  });
});
