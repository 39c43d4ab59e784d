import { useQuire } from './workbench-context.js';

/** Says so while the browser edition's connection is down; the text stays in the tab meanwhile. */
export function ConnectionBanner() {
  const connection = useQuire((state) => state.connection);
  if (connection !== 'reconnecting') return null;
  return (
    <div className="q-connection-banner" role="alert" data-testid="connection-banner">
      <span className="codicon codicon-debug-disconnect" aria-hidden="true" />
      Connection to Quire lost — reconnecting… Your text is safe in this tab.
    </div>
  );
}
