export type LogSource = 'stdout' | 'stderr' | 'plugin' | 'quire';
export type LogLevel = 'debug' | 'info' | 'warning' | 'error';

export interface LogLine {
  at: number;
  source: LogSource;
  level: LogLevel;
  text: string;
}

const MAX_LINE = 4096;
/** Lines of stdout/stderr kept per second; a plugin printing faster has the rest counted, not kept. */
const STREAM_LINES_PER_SECOND = 1_000;

/**
 * A plugin's recent log: what it printed on stdout/stderr, what it logged through the host
 * table, and what Quire noted about it. Bounded, so a plugin printing without end costs a
 * fixed amount of memory.
 */
export class PluginLog {
  private readonly lines: LogLine[] = [];

  constructor(
    private capacity = 500,
    private onLine?: (line: LogLine) => void,
  ) {}

  /**
   * Keeps `capacity` lines from now on and tells `onLine` of each, starting with those already
   * kept: a pooled host's log, once the host is given a plugin, is that plugin's log.
   */
  extend(capacity: number, onLine?: (line: LogLine) => void): void {
    this.capacity = capacity;
    this.onLine = onLine;
    if (onLine) for (const line of this.lines) onLine(line);
  }

  add(source: LogSource, level: LogLevel, text: string): void {
    const line: LogLine = { at: Date.now(), source, level, text: text.length > MAX_LINE ? `${text.slice(0, MAX_LINE)}…` : text };
    this.lines.push(line);
    if (this.lines.length > this.capacity) this.lines.shift();
    this.onLine?.(line);
  }

  /**
   * Splits a stream into lines; a line longer than the limit is cut into pieces rather than
   * buffered without end. Past STREAM_LINES_PER_SECOND, lines are dropped and counted, and the
   * log says how many once the second is over: a plugin printing without end costs Quire a
   * bounded amount of work, not one log entry (and one panel update) per line.
   */
  capture(stream: NodeJS.ReadableStream | null, source: 'stdout' | 'stderr'): void {
    if (!stream) return;
    const level = source === 'stderr' ? 'warning' : 'info';
    let partial = '';
    let windowStart = 0;
    let kept = 0;
    let dropped = 0;
    const reportDropped = () => {
      if (dropped > 0) this.add('quire', 'warning', `Quire dropped ${dropped} line${dropped === 1 ? '' : 's'} of the plugin's ${source}: a plugin may print at most ${STREAM_LINES_PER_SECOND} lines a second.`);
      dropped = 0;
    };
    const line = (text: string) => {
      const now = Date.now();
      if (now - windowStart >= 1000) {
        reportDropped();
        windowStart = now;
        kept = 0;
      }
      if (kept >= STREAM_LINES_PER_SECOND) {
        // Said once the second is over, even if the plugin falls silent.
        if (dropped++ === 0) setTimeout(reportDropped, windowStart + 1000 - now).unref();
        return;
      }
      kept++;
      this.add(source, level, text);
    };
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      partial += chunk;
      let start = 0;
      let newline: number;
      while ((newline = partial.indexOf('\n', start)) !== -1 || partial.length - start > MAX_LINE) {
        const end = newline === -1 ? start + MAX_LINE : newline;
        line(partial.slice(start, end).replace(/\r$/, ''));
        start = newline === -1 ? end : end + 1;
      }
      partial = partial.slice(start);
    });
    stream.on('end', () => {
      if (partial) line(partial);
      partial = '';
      reportDropped();
    });
  }

  recent(count = this.capacity): LogLine[] {
    return this.lines.slice(-count);
  }
}
