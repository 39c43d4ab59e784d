import { useEffect, useRef } from 'react';
import type { AppNotification } from '../state/ui-slice.js';
import { visibleNotifications } from '../state/ui-slice.js';
import { useQuire, useWorkbench } from './workbench-context.js';

const INFO_LIFETIME_MS = 6000;

const icons: Record<AppNotification['severity'], string> = {
  error: 'codicon-error',
  warning: 'codicon-warning',
  info: 'codicon-info',
};

/** Toasts in the bottom-right corner, newest at the bottom. */
export function Notifications() {
  const notifications = useQuire((state) => state.notifications);
  const visible = visibleNotifications(notifications);
  return (
    <section className="q-notifications" aria-label="Notifications" aria-live="polite">
      {visible.map((notification) => (
        <Toast key={notification.id} notification={notification} />
      ))}
    </section>
  );
}

function Toast({ notification }: { notification: AppNotification }) {
  const workbench = useWorkbench();
  const element = useRef<HTMLDivElement>(null);
  const dismiss = () => {
    // The toast is about to vanish: focus inside it would fall to the page, so the editor takes it.
    if (element.current?.contains(document.activeElement)) workbench.host.focus();
    workbench.store.getState().dismissNotification(notification.id);
  };
  // Information fades; errors and questions wait for the user.
  const fades = notification.severity === 'info' && notification.actions.length === 0;

  useEffect(() => {
    if (!fades) return;
    const timer = setTimeout(() => workbench.store.getState().dismissNotification(notification.id), INFO_LIFETIME_MS);
    return () => clearTimeout(timer);
  }, [fades, notification.id, workbench]);

  return (
    <div
      ref={element}
      className={`q-toast ${notification.severity}`}
      // Errors and warnings interrupt a screen reader; information waits its turn (aria-live
      // above). No role="status" here: the status bar is the page's one status region.
      role={notification.severity === 'info' ? undefined : 'alert'}
      data-testid="notification"
      data-severity={notification.severity}
    >
      <div className="q-toast-main">
        <span className={`codicon ${icons[notification.severity]} q-toast-icon`} aria-hidden="true" />
        <div className="q-toast-message">
          {notification.message}
          {notification.detail.length > 0 && (
            <ul className="q-toast-detail">
              {notification.detail.map((line, index) => (
                <li key={index}>{line}</li>
              ))}
            </ul>
          )}
        </div>
        <button type="button" className="q-icon-button q-toast-close" aria-label="Dismiss notification" title="Dismiss" onClick={dismiss}>
          <span className="codicon codicon-close" aria-hidden="true" />
        </button>
      </div>
      {notification.actions.length > 0 && (
        <div className="q-toast-actions">
          {notification.actions.map((action, index) => (
            <button
              type="button"
              key={action.label}
              className={index === 0 ? 'q-button primary' : 'q-button secondary'}
              onClick={() => {
                dismiss();
                action.run();
              }}
            >
              {action.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
