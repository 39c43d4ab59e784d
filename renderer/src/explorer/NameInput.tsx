import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { validateName } from './name-validation.js';
import type { NameRules } from './name-validation.js';

export interface NameInputProps {
  label: string;
  initial: string;
  /** Selected when the box opens: the name without its extension, as VS Code's rename does. */
  selectUntil?: number;
  rules: NameRules;
  /**
   * Uses the name; resolves to null when done, or to a message to show (the name stays to be
   * corrected). `viaKeyboard`: Enter, so the keyboard focus goes back to the tree after.
   */
  onCommit(name: string, viaKeyboard: boolean): Promise<string | null>;
  onCancel(viaKeyboard: boolean): void;
}

/**
 * The Explorer's inline name box (New File, New Folder, Rename). Enter commits, Escape
 * cancels, leaving it commits a valid changed name and otherwise cancels. What is wrong with
 * the name shows under the box as it is typed, as in VS Code.
 */
export function NameInput({ label, initial, selectUntil, rules, onCommit, onCancel }: NameInputProps) {
  const input = useRef<HTMLInputElement>(null);
  const messageId = useId();
  const [value, setValue] = useState(initial);
  const [failure, setFailure] = useState<string | null>(null);
  const [showEmpty, setShowEmpty] = useState(false);
  /** A commit is under way, or the box is done with: nothing more may happen. */
  const settled = useRef(false);

  useEffect(() => {
    const element = input.current;
    if (!element) return;
    element.focus();
    element.setSelectionRange(0, selectUntil ?? initial.length);
    // Only when the box opens.
  }, []);

  const validation = validateName(value, rules);
  // An untouched empty box says nothing until Enter: it is not wrong yet, only unfinished.
  const problem = failure !== null ? { severity: 'error' as const, message: failure } : value === '' && !showEmpty ? null : validation;

  const commit = async (viaKeyboard: boolean) => {
    if (settled.current) return;
    if (validation?.severity === 'error') {
      setShowEmpty(true);
      return;
    }
    settled.current = true;
    const message = await onCommit(value, viaKeyboard);
    if (message === null) return;
    settled.current = false;
    setFailure(message);
    input.current?.focus();
  };

  const cancel = (viaKeyboard: boolean) => {
    if (settled.current) return;
    settled.current = true;
    onCancel(viaKeyboard);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // The tree's keys (arrows, Delete, F2) mean text editing here.
    event.stopPropagation();
    if (event.key === 'Enter') {
      event.preventDefault();
      void commit(true);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      cancel(true);
    }
  };

  const onBlur = () => {
    if (value === initial || validation?.severity === 'error' || failure !== null) cancel(false);
    else void commit(false);
  };

  return (
    <span className="q-explorer-input-wrap">
      <input
        ref={input}
        className={problem ? `q-explorer-input ${problem.severity}` : 'q-explorer-input'}
        type="text"
        aria-label={label}
        aria-invalid={problem?.severity === 'error'}
        aria-describedby={problem ? messageId : undefined}
        spellCheck={false}
        autoComplete="off"
        value={value}
        data-testid="explorer-name-input"
        onChange={(event) => {
          setValue(event.target.value);
          setFailure(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
        onClick={(event) => event.stopPropagation()}
        onDoubleClick={(event) => event.stopPropagation()}
      />
      {problem && (
        <span id={messageId} className={`q-explorer-input-message ${problem.severity}`} role="alert" data-testid="explorer-name-message">
          {problem.message}
        </span>
      )}
    </span>
  );
}
