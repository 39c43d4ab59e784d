import type { Eol, FileStamp } from '../../../app/contract.js';
import { monaco } from '../monaco/setup-monaco.js';

interface Entry {
  model: monaco.editor.ITextModel;
  /** The model's alternative version id when it last matched the file on disk. */
  savedVersionId: number;
  savedBom: boolean;
  /** The file on disk as last read or saved; null for text never read from or saved to disk. */
  diskStamp: FileStamp | null;
}

export function toMonacoEol(eol: Eol): monaco.editor.EndOfLineSequence {
  return eol === 'CRLF' ? monaco.editor.EndOfLineSequence.CRLF : monaco.editor.EndOfLineSequence.LF;
}

export function eolOfModel(model: monaco.editor.ITextModel): Eol {
  return model.getEOL() === '\r\n' ? 'CRLF' : 'LF';
}

/**
 * The Monaco model behind each open document, and what it looked like when last saved.
 *
 * "Modified" compares the alternative version id, which undo and redo move back and forth,
 * so undoing back to the saved text makes the document clean again.
 */
export class DocumentModels {
  private readonly entries = new Map<string, Entry>();

  create(id: string, text: string, options: { eol: Eol; languageId: string; bom: boolean; diskStamp?: FileStamp }) {
    const model = monaco.editor.createModel(text, options.languageId);
    // Not `pushEOL`: the file's own line ending is no edit to undo.
    model.setEOL(toMonacoEol(options.eol));
    this.entries.set(id, {
      model,
      savedVersionId: model.getAlternativeVersionId(),
      savedBom: options.bom,
      diskStamp: options.diskStamp ?? null,
    });
    return model;
  }

  model(id: string): monaco.editor.ITextModel | undefined {
    return this.entries.get(id)?.model;
  }

  /** Records that the model at `versionId`, with this BOM choice, is what is on disk now, as `diskStamp` says. */
  markSaved(id: string, versionId: number, bom: boolean, diskStamp: FileStamp): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    entry.savedVersionId = versionId;
    entry.savedBom = bom;
    entry.diskStamp = diskStamp;
  }

  /** The file's stamp when the text was last read from or saved to it (hot exit compares it on restore). */
  diskStamp(id: string): FileStamp | null {
    return this.entries.get(id)?.diskStamp ?? null;
  }

  isModified(id: string, bom: boolean): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    return entry.model.getAlternativeVersionId() !== entry.savedVersionId || bom !== entry.savedBom;
  }

  dispose(id: string): void {
    this.entries.get(id)?.model.dispose();
    this.entries.delete(id);
  }
}
