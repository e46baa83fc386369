import type { ReactNode, SyntheticEvent } from 'react';

interface DialogFormProps {
  /** The dialog's heading (give the Dialog the same words as its label). */
  title: string;
  onSubmit: (event: SyntheticEvent<HTMLFormElement>) => void;
  onCancel: () => void;
  /** The submit button's words, and what it says while the operation runs. */
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  /** The submit button is off while the form cannot be sent (its alert says why). */
  disabled?: boolean;
  /** A submit that cannot simply be undone (resetting a password) is red. */
  danger?: boolean;
  /** The form-wide problem (a FormAlert), under the fields, next to the buttons. */
  alert?: ReactNode;
  children: ReactNode;
}

/**
 * The one layout of a form in a dialog: heading, fields, the form's alert, then Cancel and the
 * submit button at the bottom right. Enter in a field submits (a real submit button), Escape
 * closes (the dialog), and the submit button waits out a running operation.
 */
export function DialogForm(props: DialogFormProps) {
  const { title, submitLabel, pendingLabel, pending, disabled = false, danger = false, alert, children } = props;
  return (
    <form
      noValidate
      className="dialog-body"
      aria-busy={pending}
      onSubmit={(event) => {
        props.onSubmit(event);
      }}
    >
      <h2>{title}</h2>
      {children}
      {alert}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} disabled={pending || disabled}>
          {pending ? pendingLabel : submitLabel}
        </button>
      </div>
    </form>
  );
}
