import { useEffect, useRef, useState } from 'react';
import type { PluginStatus } from '../../../app/plugin-contract.js';
import { useQuire, useWorkbench } from '../components/workbench-context.js';
import { PluginActions } from './PluginActions.js';
import { isConsentFailure } from '../plugin-status/plugin-consent.js';
import { formatMegabytes, formatMs } from './plugin-format.js';
import { baseName, contributionSummary, pluginDisplayName } from '../plugin-status/plugin-notifications.js';
import { capabilitiesText, requestedCapabilities, sandboxText, signerText, trustText } from '../plugin-status/plugin-trust.js';

/** One plugin file: what it is, whether it may run and how it is confined, how it is doing. */
export function PluginEntry({ plugin }: { plugin: PluginStatus }) {
  const row = useRevealTarget(plugin.path);
  const name = pluginDisplayName(plugin);
  // Before it has run (waiting for consent) only the manifest says who it claims to be.
  const identity = plugin.descriptor ?? plugin.trust?.manifest ?? null;
  const stats = plugin.stats;
  return (
    <li
      ref={row}
      // Focusable from code only (a notification's Details), so a screen reader reads the row.
      tabIndex={-1}
      className={plugin.state === 'awaiting-consent' ? 'q-plugin waiting' : 'q-plugin'}
      data-testid="plugin-entry"
      data-state={plugin.state}
      data-file={baseName(plugin.path)}
      aria-label={`${name}, ${stateLabel(plugin)}`}
    >
      <div className="q-plugin-head">
        <span className="q-plugin-name">{name}</span>
        {identity && (
          <span className="q-plugin-id">
            {identity.id} {identity.version}
          </span>
        )}
        <span className={`q-plugin-badge ${plugin.state}`} data-testid="plugin-state">
          {stateLabel(plugin)}
        </span>
        <PluginActions plugin={plugin} />
      </div>
      {plugin.failure && (
        <div className={`q-plugin-failure${isNotice(plugin.failure) ? ' notice' : ''}`} role="note" data-testid="plugin-failure">
          <code className="q-plugin-code">{plugin.failure.code}</code> {plugin.failure.message}
        </div>
      )}
      <dl className="q-plugin-facts">
        <dt>File</dt>
        <dd title={plugin.realPath}>{plugin.path}</dd>
        <dt>SHA-256</dt>
        <dd title={plugin.sha256 ?? undefined} data-testid="plugin-sha256">
          {plugin.sha256 === null ? '—' : `${plugin.sha256.slice(0, 12)}…`}
        </dd>
        <dt>Trust</dt>
        <dd data-testid="plugin-trust">{trustText(plugin.trust, plugin.failure)}</dd>
        <dt>Signer</dt>
        <dd data-testid="plugin-signer">{plugin.trust === null ? '—' : signerText(plugin.trust.signer)}</dd>
        <dt>Capabilities</dt>
        <dd data-testid="plugin-capabilities">{capabilitiesText(requestedCapabilities(plugin))}</dd>
        <dt>Sandbox</dt>
        <dd data-testid="plugin-sandbox">{sandboxText(plugin.sandbox)}</dd>
        <dt>Contributes</dt>
        <dd>{plugin.descriptor ? contributionSummary(plugin) : '—'}</dd>
        <dt>Memory / CPU</dt>
        <dd>
          {formatMegabytes(stats.rssBytes)} / {formatMs(stats.cpuMs)}
        </dd>
        <dt>Calls</dt>
        <dd>
          {stats.calls} calls, {stats.failures} failures, median {formatMs(stats.medianCallMs)}, p95 {formatMs(stats.p95CallMs)}
        </dd>
      </dl>
      <PluginLog lines={plugin.log} />
    </li>
  );
}

/** A question for the user or safe mode's note, not something that went wrong: shown calmly. */
function isNotice(failure: NonNullable<PluginStatus['failure']>): boolean {
  return isConsentFailure(failure) || failure.code === 'safe-mode';
}

/** `awaiting consent`: the state as words (the raw state stays in data-state for tests and styles). */
function stateLabel(plugin: Pick<PluginStatus, 'state'>): string {
  return plugin.state.replace('-', ' ');
}

/** Brings this row into view and focuses it when a notification's Details asks for it. */
function useRevealTarget(path: string) {
  const workbench = useWorkbench();
  const row = useRef<HTMLLIElement>(null);
  const isTarget = useQuire((state) => state.pluginsPanelTarget === path);
  useEffect(() => {
    if (!isTarget) return;
    row.current?.scrollIntoView({ block: 'nearest' });
    row.current?.focus({ preventScroll: true });
    workbench.store.getState().pluginRevealed();
  }, [isTarget, workbench]);
  return row;
}

function PluginLog({ lines }: { lines: PluginStatus['log'] }) {
  const [open, setOpen] = useState(false);
  if (lines.length === 0) return null;
  return (
    <div className="q-plugin-log">
      <button type="button" className="q-link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className={`codicon ${open ? 'codicon-chevron-down' : 'codicon-chevron-right'}`} aria-hidden="true" />
        Recent log ({lines.length} lines)
      </button>
      {open && (
        <pre className="q-log-lines">{lines.map((line) => `${new Date(line.at).toLocaleTimeString()} [${line.source}] ${line.text}`).join('\n')}</pre>
      )}
    </div>
  );
}
