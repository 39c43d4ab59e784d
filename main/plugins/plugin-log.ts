export type LogSource = 'stdout' | 'stderr' | 'plugin' | 'quire';
export type LogLevel = 'debug' | 'info' | 'warning' | 'error';

export interface LogLine {
  at: number;
  source: LogSource;
  level: LogLevel;
  text: string;
}

const MAX_LINE = 4096;

/**
 * A plugin's recent log: what it printed on stdout/stderr, what it logged through the host
 * table, and what Quire noted about it. Bounded, so a plugin printing without end costs a
 * fixed amount of memory.
 */
export class PluginLog {
  private readonly lines: LogLine[] = [];

  constructor(
    private readonly capacity = 500,
    private readonly onLine?: (line: LogLine) => void,
  ) {}

  add(source: LogSource, level: LogLevel, text: string): void {
    const line: LogLine = { at: Date.now(), source, level, text: text.length > MAX_LINE ? `${text.slice(0, MAX_LINE)}…` : text };
    this.lines.push(line);
    if (this.lines.length > this.capacity) this.lines.shift();
    this.onLine?.(line);
  }

  /** Splits a stream into lines; a line longer than the limit is cut into pieces rather than buffered without end. */
  capture(stream: NodeJS.ReadableStream | null, source: 'stdout' | 'stderr'): void {
    if (!stream) return;
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      partial += chunk;
      let newline: number;
      while ((newline = partial.indexOf('\n')) !== -1 || partial.length > MAX_LINE) {
        const end = newline === -1 ? MAX_LINE : newline;
        this.add(source, source === 'stderr' ? 'warning' : 'info', partial.slice(0, end).replace(/\r$/, ''));
        partial = partial.slice(newline === -1 ? end : end + 1);
      }
    });
    stream.on('end', () => {
      if (partial) this.add(source, source === 'stderr' ? 'warning' : 'info', partial);
      partial = '';
    });
  }

  recent(count = this.capacity): LogLine[] {
    return this.lines.slice(-count);
  }
}
