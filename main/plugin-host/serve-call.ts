import type { HostMessage, MainMessage } from '../plugin-common/protocol/messages.js';
import type { PluginLibrary } from './loader/plugin-library.js';
import { OffsetMap } from './loader/utf8-offsets.js';

type CallMessage = Extract<MainMessage, { type: 'call' }>;
type ResultMessage = Extract<HostMessage, { type: 'result' }>;

/**
 * Strings that repeat call after call (language ids, paths) are encoded once; the cache is
 * bounded, since a path per document could otherwise grow it without end.
 */
class Utf8Cache {
  private readonly cache = new Map<string, Buffer>();

  get(text: string): Buffer {
    let bytes = this.cache.get(text);
    if (!bytes) {
      if (this.cache.size >= 64) this.cache.clear();
      bytes = Buffer.from(text);
      this.cache.set(text, bytes);
    }
    return bytes;
  }
}

/**
 * Runs one `call` message against the loaded plugin and builds the `result` message, with the
 * replacement text (if any) as the body — still the UTF-8 bytes the plugin returned.
 */
export class CallServer {
  private readonly strings = new Utf8Cache();

  constructor(private readonly plugin: PluginLibrary) {}

  serve(message: CallMessage, body: Buffer): { reply: ResultMessage; body?: Uint8Array } {
    const selections =
      message.selections.length === 0
        ? []
        : this.toBytes(body, message.textUtf16Length, message.selections);
    const outcome = this.plugin.call(
      message.kind,
      message.handler,
      { text: body, languageId: this.strings.get(message.languageId), path: this.strings.get(message.path), selections },
      message.textUtf16Length,
    );
    if (!outcome.ok) return { reply: { type: 'result', id: message.id, outcome } };
    const { text, message: note, edits, diagnostics } = outcome.value;
    return {
      reply: { type: 'result', id: message.id, outcome: { ok: true, message: note, hasText: text !== null, edits, diagnostics } },
      ...(text === null ? {} : { body: text }),
    };
  }

  private toBytes(body: Buffer, utf16Length: number, selections: CallMessage['selections']) {
    const flat: number[] = [];
    for (const s of selections) flat.push(s.start, s.end, s.active);
    const bytes = new OffsetMap(body, utf16Length).toBytes(flat);
    return selections.map((_, i) => ({ start: bytes[3 * i] as number, end: bytes[3 * i + 1] as number, active: bytes[3 * i + 2] as number }));
  }
}
