import { useEffect, useMemo, useRef, useState } from 'react';
import type { Outcome, Result } from '../../../app/contract.js';
import { QuickInput } from '../components/QuickInput.js';
import type { QuickItem } from '../components/QuickInput.js';
import { useWorkbench } from '../components/workbench-context.js';
import { fileIcon } from '../explorer/file-icons.js';
import type { QuickInputRequest } from '../state/ui-slice.js';
import { fileLabel } from './file-label.js';
import { answerMessage } from './quick-open-answer.js';
import type { Answer } from './quick-open-answer.js';
import { LatestQuery } from './latest-query.js';
import './quick-open.css';

type FileRequest = QuickInputRequest & { kind: 'file' };
type FindFilesOutcome = Outcome<Result<'workspace.findFiles'>>;

/** How many rows one answer lists; type more to narrow it down. */
export const QUICK_OPEN_LIMIT = 100;
/** While main is still crawling the workspace, the list is asked for again this often. */
const INDEXING_POLL_MS = 300;

/**
 * Quick open (Ctrl+P): a fuzzy search over every file name in the workspace, answered by main
 * (workspace.findFiles) on every keystroke, recently opened files first. It stays live while
 * open: files appearing or vanishing re-run the query, and so does main still indexing.
 */
export function QuickOpen({ request }: { request: FileRequest }) {
  const workbench = useWorkbench();
  const recent = useMemo(() => workbench.recentFiles.recent(), [workbench]);
  const [query, setQuery] = useState('');
  const [answer, setAnswer] = useState<Answer>({ status: 'waiting' });
  const [activeIndex, setActiveIndex] = useState(0);
  const recentSet = useMemo(() => new Set(recent), [recent]);
  const latest = useRef<LatestQuery<string, FindFilesOutcome> | null>(null);
  useEffect(() => {
    const asker = new LatestQuery(
      (asked: string) => workbench.api.request('workspace.findFiles', { query: asked, limit: QUICK_OPEN_LIMIT, recent }),
      (asked, result: FindFilesOutcome) =>
        setAnswer(result.ok ? { status: 'ok', query: asked, ...result.value } : { status: 'error', query: asked, message: result.error.message }),
    );
    latest.current = asker;
    return () => {
      asker.close();
      latest.current = null;
    };
  }, [workbench, recent]);

  // `rerun` changes to ask again for the same query (files changed, main still indexing).
  const [rerun, setRerun] = useState(0);
  // After the effect above: effects run in order, so a new asker is there to ask.
  useEffect(() => latest.current?.ask(query), [query, rerun, workbench, recent]);

  // A new query starts at the top row; the same one answered again keeps the highlighted row.
  const answeredQuery = answer.status === 'waiting' ? null : answer.query;
  useEffect(() => setActiveIndex(0), [answeredQuery]);

  useEffect(() => workbench.api.on('workspace.files', () => setRerun((n) => n + 1)), [workbench]);

  const indexing = answer.status === 'ok' && answer.indexing;
  useEffect(() => {
    if (!indexing) return;
    const timer = setTimeout(() => setRerun((n) => n + 1), INDEXING_POLL_MS);
    return () => clearTimeout(timer);
  }, [indexing, answer]);

  const matches = answer.status === 'ok' ? answer.matches : [];
  const items: QuickItem[] = matches.map((match) => {
    const label = fileLabel(match);
    return {
      key: match.path,
      label: label.name,
      highlights: label.namePositions,
      detail: label.folder === '' ? undefined : { text: label.folder, highlights: label.folderPositions },
      description: recentSet.has(match.path) ? 'recently opened' : undefined,
      icon: fileIcon(label.name),
    };
  });
  const active = Math.min(activeIndex, items.length - 1);
  const pick = (index: number) => {
    const match = matches[index];
    if (match) request.finish(match.path);
  };

  return (
    <QuickInput
      ariaLabel="Go to file"
      title="Go to File"
      inputLabel="File name"
      placeholder="Search files by name"
      value={query}
      onValueChange={setQuery}
      items={items}
      itemsFor={answer.status === 'waiting' ? undefined : answer.query}
      activeIndex={active}
      onActiveIndexChange={setActiveIndex}
      message={answerMessage(answer)}
      onAccept={() => pick(active)}
      onPick={pick}
      onCancel={() => request.finish(null)}
    />
  );
}
