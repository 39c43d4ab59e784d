import koffi from 'koffi';
import { DOCUMENT_LAYOUT as L, SELECTION_SIZE } from '../abi/native-abi.js';

/** A document as the ABI passes it: UTF-8 bytes and byte-offset selections. */
export interface NativeDocumentInput {
  text: Uint8Array;
  languageId: Uint8Array;
  path: Uint8Array;
  /** Byte offsets, three per selection: start, end, active. */
  selections: readonly number[];
}

const TWO_TO_32 = 2 ** 32;

function address(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : koffi.address(bytes);
}

/**
 * Writes quire_document into one reused buffer, by hand: handing koffi a JS object to encode
 * costs ~2 µs a call, and even `BigInt(n)` per field costs more than the call itself, so
 * 64-bit numbers go in as two 32-bit halves and only pointers travel as BigInt. The buffers
 * it points into must stay alive and unmoved until the call returns, which holding them in
 * `input` for the duration of the synchronous call guarantees.
 */
export class DocumentEncoder {
  private readonly doc = Buffer.alloc(L.size);
  private readonly words = new Uint32Array(this.doc.buffer, this.doc.byteOffset, L.size / 4);
  private readonly pointers = new BigUint64Array(this.doc.buffer, this.doc.byteOffset, L.size / 8);
  // Room for 16 selections: big enough that V8 keeps it off its moving heap from the start.
  private selections = new Uint32Array((16 * SELECTION_SIZE) / 4);
  private selectionsAddress = koffi.address(this.selections);

  constructor() {
    this.words[L.structSize / 4] = L.size;
  }

  encode(input: NativeDocumentInput): Buffer {
    const { words, pointers } = this;
    const count = Math.floor(input.selections.length / 3);
    if (this.selections.length * 4 < count * SELECTION_SIZE) {
      this.selections = new Uint32Array((count * SELECTION_SIZE) / 4);
      this.selectionsAddress = koffi.address(this.selections);
    }
    for (let i = 0; i < 3 * count; i++) this.put64(this.selections, 2 * i, input.selections[i] as number);
    words[L.selectionCount / 4] = count;
    pointers[L.textPtr / 8] = address(input.text);
    this.put64(words, L.textLen / 4, input.text.length);
    pointers[L.languagePtr / 8] = address(input.languageId);
    this.put64(words, L.languageLen / 4, input.languageId.length);
    pointers[L.pathPtr / 8] = address(input.path);
    this.put64(words, L.pathLen / 4, input.path.length);
    pointers[L.selections / 8] = count === 0 ? 0n : this.selectionsAddress;
    return this.doc;
  }

  /** A non-negative safe integer as a little-endian uint64 at word `index`. */
  private put64(words: Uint32Array, index: number, value: number): void {
    words[index] = value >>> 0;
    words[index + 1] = Math.floor(value / TWO_TO_32);
  }
}
