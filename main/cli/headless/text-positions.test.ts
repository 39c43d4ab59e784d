import { describe, expect, it } from 'vitest';
import { TextPositions } from './text-positions.js';

describe('TextPositions', () => {
  it('counts lines and columns from 1', () => {
    const positions = new TextPositions('ab\ncd\n');
    expect(positions.at(0)).toEqual({ line: 1, column: 1 });
    expect(positions.at(2)).toEqual({ line: 1, column: 3 });
    expect(positions.at(3)).toEqual({ line: 2, column: 1 });
    expect(positions.at(6)).toEqual({ line: 3, column: 1 });
  });

  it('ends lines at CRLF, LF and a lone CR alike', () => {
    const positions = new TextPositions('a\r\nb\rc\nd');
    expect(positions.at(3)).toEqual({ line: 2, column: 1 });
    expect(positions.at(5)).toEqual({ line: 3, column: 1 });
    expect(positions.at(7)).toEqual({ line: 4, column: 1 });
  });

  it('puts an offset between CR and LF at the end of its line', () => {
    expect(new TextPositions('ab\r\ncd').at(3)).toEqual({ line: 1, column: 3 });
  });

  it('counts columns in UTF-16 code units', () => {
    // The emoji is two code units.
    expect(new TextPositions('😀x').at(2)).toEqual({ line: 1, column: 3 });
  });

  it('clamps offsets outside the text', () => {
    const positions = new TextPositions('ab\ncd');
    expect(positions.at(-4)).toEqual({ line: 1, column: 1 });
    expect(positions.at(99)).toEqual({ line: 2, column: 3 });
    expect(new TextPositions('').at(0)).toEqual({ line: 1, column: 1 });
  });
});
