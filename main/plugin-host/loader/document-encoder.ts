import koffi from 'koffi';
import { DOCUMENT_LAYOUT as L, SELECTION_SIZE } from '../abi/native-abi.js';

/** A document as the ABI passes it: UTF-8 bytes and byte-offset selections. */
export interface NativeDocumentInput {
  text: Uint8Array;
  languageId: Uint8Array;
  path: Uint8Array;
  /** Byte offsets: start, end, active. At least one. */
  selections: readonly { start: number; end: number; active: number }[];
}

function address(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : koffi.address(bytes);
}

/**
 * Writes quire_document into one reused buffer. The buffers it points into must stay alive
 * (and unmoved) until the call returns, which holding them in `input` for the duration of the
 * synchronous call guarantees.
 */
export class DocumentEncoder {
  private readonly doc = Buffer.alloc(L.size);
  private selections = Buffer.alloc(SELECTION_SIZE);

  encode(input: NativeDocumentInput): Buffer {
    const { doc } = this;
    const count = input.selections.length;
    if (this.selections.length < count * SELECTION_SIZE) this.selections = Buffer.alloc(count * SELECTION_SIZE);
    input.selections.forEach((s, i) => {
      this.selections.writeBigUInt64LE(BigInt(s.start), i * SELECTION_SIZE);
      this.selections.writeBigUInt64LE(BigInt(s.end), i * SELECTION_SIZE + 8);
      this.selections.writeBigUInt64LE(BigInt(s.active), i * SELECTION_SIZE + 16);
    });
    doc.writeUInt32LE(L.size, L.structSize);
    doc.writeUInt32LE(count, L.selectionCount);
    doc.writeBigUInt64LE(address(input.text), L.textPtr);
    doc.writeBigUInt64LE(BigInt(input.text.length), L.textLen);
    doc.writeBigUInt64LE(address(input.languageId), L.languagePtr);
    doc.writeBigUInt64LE(BigInt(input.languageId.length), L.languageLen);
    doc.writeBigUInt64LE(address(input.path), L.pathPtr);
    doc.writeBigUInt64LE(BigInt(input.path.length), L.pathLen);
    doc.writeBigUInt64LE(count === 0 ? 0n : koffi.address(this.selections), L.selections);
    return doc;
  }
}
