import { QuickOpen } from '../quickopen/QuickOpen.js';
import { CommandQuickPick } from './CommandQuickPick.js';
import { LanguageQuickPick } from './LanguageQuickPick.js';
import { PathQuickInput } from './PathQuickInput.js';
import { useQuire } from './workbench-context.js';

/** Shows the quick input box the store asks for, if any. */
export function QuickInputHost() {
  const request = useQuire((state) => state.quickInput);
  const info = useQuire((state) => state.appInfo);
  if (!request) return null;
  // Keyed by the request: a new request starts a fresh box rather than inheriting typed text.
  if (request.kind === 'language') return <LanguageQuickPick key={request.id} request={request} />;
  if (request.kind === 'command') return <CommandQuickPick key={request.id} request={request} />;
  if (request.kind === 'file') return <QuickOpen key={request.id} request={request} />;
  if (!info) return null;
  return <PathQuickInput key={request.id} request={request} info={info} />;
}
