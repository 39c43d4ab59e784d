import type { PluginStatus } from '../../../app/plugin-contract.js';
import { useWorkbench } from '../components/workbench-context.js';
import type { Workbench } from '../workbench/workbench.js';
import { pluginActionsFor } from './plugin-actions.js';
import type { PluginActionId } from './plugin-actions.js';
import { decidePlugin, requestPluginAction } from '../workbench/plugin-requests.js';
import { shortHash } from '../plugin-status/plugin-trust.js';

interface ActionButton {
  label: string;
  /** Said on hover: what the button does, where its label alone does not say it. */
  title?: string;
  run(): void;
  /** Whether the answer takes the button away (Allow, Deny), so focus must go somewhere else. */
  answers?: boolean;
}

/** A plugin row's buttons (see pluginActionsFor for which); the first is the primary one. */
export function PluginActions({ plugin }: { plugin: PluginStatus }) {
  const workbench = useWorkbench();
  const actions = pluginActionsFor(plugin);
  if (actions.length === 0) return null;
  return (
    <span className="q-plugin-actions">
      {actions.map((id, index) => {
        const button = actionButton(id, plugin, workbench);
        return (
          <button
            // By place, not by action: Disable turning into Enable stays the same focused button.
            key={index}
            type="button"
            className={index === 0 && isPrimary(id) ? 'q-button primary' : 'q-button secondary'}
            title={button.title}
            onClick={(event) => {
              // The row keeps the focus (and is read out again as its state changes).
              if (button.answers) event.currentTarget.closest<HTMLElement>('[data-testid="plugin-entry"]')?.focus();
              button.run();
            }}
          >
            {button.label}
          </button>
        );
      })}
    </span>
  );
}

/** Only answers and recoveries stand out; Reload and Disable are routine. */
function isPrimary(id: PluginActionId): boolean {
  return id === 'allow' || id === 're-enable' || id === 'enable-safe-mode';
}

function actionButton(id: PluginActionId, plugin: PluginStatus, workbench: Workbench): ActionButton {
  const { path, sha256 } = plugin;
  // pluginActionsFor offers Allow and Deny only once the file is hashed.
  const decide = (decision: 'allow' | 'deny') => () => {
    if (sha256 !== null) void decidePlugin(workbench, { path, sha256 }, decision);
  };
  const hash = sha256 === null ? '' : ` (SHA-256 ${shortHash(sha256)}…)`;
  switch (id) {
    case 'allow':
      return { label: 'Allow', title: `Run this exact file${hash} in its sandbox, now and on later starts`, run: decide('allow'), answers: true };
    case 'deny':
      return { label: 'Deny', title: `Do not run this exact file${hash}; you can still allow it here later`, run: decide('deny'), answers: true };
    case 're-enable':
      return { label: 'Re-enable', run: () => void requestPluginAction(workbench, 'plugins.reload', { path }) };
    case 'reload':
      return { label: 'Reload', run: () => void requestPluginAction(workbench, 'plugins.reload', { path }) };
    case 'enable':
      return { label: 'Enable', run: () => void requestPluginAction(workbench, 'plugins.setEnabled', { path, enabled: true }) };
    case 'enable-safe-mode':
      return {
        label: 'Enable',
        title: 'Load this plugin now, for this run only (Quire started in safe mode)',
        run: () => void requestPluginAction(workbench, 'plugins.setEnabled', { path, enabled: true }),
      };
    case 'disable':
      return { label: 'Disable', run: () => void requestPluginAction(workbench, 'plugins.setEnabled', { path, enabled: false }) };
  }
}
