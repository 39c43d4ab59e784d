import type { SearchFileResult, SearchQuery } from '../../../app/workspace-contract.js';
import type { DocumentModels } from '../documents/document-models.js';
import type { QuireStore } from '../state/store.js';
import type { DocumentService } from '../workbench/document-service.js';
import { replaceConfirmation, replaceReportMessage } from './replace-report.js';
import type { ReplaceReport } from './replace-report.js';
import { matchCountOf } from './result-rows.js';
import { replacementsInLines } from './text-replacements.js';

export interface ReplaceAllDeps {
  store: QuireStore;
  documents: DocumentService;
  models: DocumentModels;
}

export interface ReplaceAllRequest {
  files: readonly SearchFileResult[];
  query: SearchQuery;
  replace: string;
}

/**
 * Replace All across the files a search found. Asks first, listing the files and counts. Each
 * file is opened as a document (a tab when it was not open) and its matches are found again in
 * the text as it is now, then replaced as one edit between undo stops: one Ctrl+Z in that file
 * undoes exactly this. A file that had no unsaved changes is saved, so the disk has the
 * replacement; one that had is left unsaved (the user's own edits are not saved behind their
 * back). Returns the paths of the files changed.
 */
export async function applyReplaceAll(deps: ReplaceAllDeps, request: ReplaceAllRequest): Promise<Set<string>> {
  const { store, documents, models } = deps;
  const state = () => store.getState();
  const folder = state().workspace?.folder ?? null;
  const counts = request.files.map((file) => ({ path: file.path, count: matchCountOf(file) }));
  const confirmation = replaceConfirmation(counts, request.replace, folder);
  const answer = await state().askChoice({ ...confirmation, choices: [{ id: 'replace', label: 'Replace' }, { id: 'cancel', label: 'Cancel' }], defaultId: 'replace', cancelId: 'cancel' });
  if (answer !== 'replace') return new Set();

  const activeBefore = state().activeId;
  const report: ReplaceReport = { replaced: 0, files: [], leftUnsaved: [], skipped: [], failed: [] };
  for (const file of request.files) {
    const opened = await documents.open(file.path);
    if (!opened.ok) {
      report.failed.push({ path: file.path, message: opened.error.message });
      continue;
    }
    const id = opened.value;
    const model = models.model(id);
    const document = state().documents[id];
    if (!model || !document) continue;
    const edits = replacementsInLines(model.getLinesContent(), request.query, request.replace);
    if (!edits.ok) {
      report.failed.push({ path: file.path, message: edits.error.message });
      continue;
    }
    if (edits.value.length === 0) {
      report.skipped.push(file.path);
      continue;
    }
    const wasDirty = document.dirty;
    model.pushStackElement();
    model.pushEditOperations(
      [],
      edits.value.map((edit) => ({
        range: { startLineNumber: edit.line, startColumn: edit.startColumn, endLineNumber: edit.line, endColumn: edit.endColumn },
        text: edit.text,
      })),
      () => null,
    );
    model.pushStackElement();
    report.replaced += edits.value.length;
    report.files.push(file.path);
    if (wasDirty) report.leftUnsaved.push(file.path);
    else if (!(await documents.save(id))) report.failed.push({ path: file.path, message: 'replaced, but it could not be saved (see the error above)' });
  }
  if (activeBefore !== null && state().documents[activeBefore]) state().activateDocument(activeBefore);
  const message = replaceReportMessage(report, folder);
  const clean = report.skipped.length === 0 && report.failed.length === 0 && report.leftUnsaved.length === 0;
  state().notify({ severity: clean ? 'info' : 'warning', message: message.message, detail: message.detail });
  return new Set(report.files);
}
