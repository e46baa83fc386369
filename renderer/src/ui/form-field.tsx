import type { ReactNode } from 'react';

interface FormFieldProps {
  id: string;
  label: ReactNode;
  error?: string | undefined;
  /** A line under the control saying what it expects; hidden while an error takes its place. */
  help?: ReactNode;
  className?: string;
  children: ReactNode;
}

/**
 * The accessibility attributes tying a control to its error message or, without one, to its
 * help line (pass the same `help` as to FormField), so screen readers read either on focus.
 */
export function describedBy(id: string, error: string | undefined, help?: ReactNode) {
  const description = error ? `${id}-error` : help ? `${id}-help` : undefined;
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': description };
}

/** A labelled control with its error from the shared schema under it, or else its help line. */
export function FormField({ id, label, error, help, className = '', children }: FormFieldProps) {
  return (
    <div className={`field ${className}`.trim()}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : help ? (
        <span id={`${id}-help`} className="field-help">
          {help}
        </span>
      ) : null}
    </div>
  );
}
