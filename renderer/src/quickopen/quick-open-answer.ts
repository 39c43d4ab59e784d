import type { FileMatch } from '../../../app/workspace-contract.js';

/** What quick open last heard from main. */
export type Answer =
  | { status: 'waiting' }
  | { status: 'ok'; query: string; matches: FileMatch[]; total: number; indexing: boolean }
  | { status: 'error'; query: string; message: string };

/** The line under the list: main still indexing, nothing matching, or what went wrong. */
export function answerMessage(answer: Answer): string | undefined {
  if (answer.status === 'waiting') return undefined;
  if (answer.status === 'error') return answer.message;
  if (answer.indexing) return `Indexing… ${answer.total.toLocaleString('en-US')} files`;
  if (answer.matches.length === 0) return answer.total === 0 ? 'This folder has no files.' : 'No matching files';
  return undefined;
}
