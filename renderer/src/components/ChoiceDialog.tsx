import { useEffect, useId, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import type { PendingChoice } from '../state/ui-slice.js';
import { useRestoreFocus } from './use-restore-focus.js';
import { useQuire } from './workbench-context.js';

/** The first waiting modal question, if any. */
export function ChoiceDialog() {
  const pending = useQuire((state) => state.choices[0] ?? null);
  if (!pending) return null;
  return <ChoiceDialogView pending={pending} />;
}

function ChoiceDialogView({ pending }: { pending: PendingChoice }) {
  useRestoreFocus();
  const dialog = useRef<HTMLDivElement>(null);
  const defaultButton = useRef<HTMLButtonElement>(null);
  const messageId = useId();
  const detailId = useId();

  useEffect(() => defaultButton.current?.focus(), [pending]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      pending.answer(pending.cancelId);
      return;
    }
    if (event.key === 'Tab') trapFocus(event, dialog.current);
  };

  return (
    <div className="q-modal-backdrop">
      <div
        ref={dialog}
        className="q-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={messageId}
        aria-describedby={pending.detail ? detailId : undefined}
        data-testid="confirm-dialog"
        onKeyDown={onKeyDown}
      >
        <div className="q-dialog-body">
          <span className="codicon codicon-warning q-dialog-icon" aria-hidden="true" />
          <div className="q-dialog-text">
            <p id={messageId} className="q-dialog-message">
              {pending.message}
            </p>
            {pending.items && pending.items.length > 0 && (
              <ul className="q-dialog-items">
                {pending.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            )}
            {pending.detail && (
              <p id={detailId} className="q-dialog-detail">
                {pending.detail}
              </p>
            )}
          </div>
        </div>
        <div className="q-dialog-buttons">
          {pending.choices.map((choice) => (
            <button
              key={choice.id}
              type="button"
              ref={choice.id === pending.defaultId ? defaultButton : undefined}
              className={choice.id === pending.defaultId ? 'q-button primary' : 'q-button secondary'}
              onClick={() => pending.answer(choice.id)}
            >
              {choice.label}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}

/** Keeps Tab cycling through the dialog's buttons: a modal must not let focus wander behind it. */
function trapFocus(event: KeyboardEvent, container: HTMLElement | null): void {
  if (!container) return;
  const focusable = [...container.querySelectorAll<HTMLElement>('button')];
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
