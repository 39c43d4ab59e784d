/**
 * Line and column of a UTF-16 offset, as the editor shows them (Monaco's getPositionAt): both
 * 1-based, columns in UTF-16 code units, and "\r\n", "\n" and a lone "\r" each end a line.
 */
export interface TextPosition {
  line: number;
  column: number;
}

export class TextPositions {
  /** Offset where each line starts, and where its text ends (before its line break). */
  private readonly starts: number[] = [0];
  private readonly ends: number[] = [];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code !== 0x0a && code !== 0x0d) continue;
      this.ends.push(i);
      if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
      this.starts.push(i + 1);
    }
    this.ends.push(text.length);
  }

  /** Offsets outside the text are clamped to it; an offset inside a line break is its line's end. */
  at(offset: number): TextPosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] as number) <= clamped) low = middle;
      else high = middle - 1;
    }
    const column = Math.min(clamped, this.ends[low] as number) - (this.starts[low] as number) + 1;
    return { line: low + 1, column };
  }
}
