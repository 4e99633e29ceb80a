import type { ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { Button } from './Button';
import { InlineError } from './Table';

/**
 * The form of a create or edit dialog: its fields, then (given `error`) the error no field shows (a 400 with field
 * details is shown at the fields instead), then Cancel and the submit button.
 */
export function DialogForm({
  label,
  submitLabel,
  onSubmit,
  onCancel,
  busy,
  error,
  children,
}: {
  label: string;
  submitLabel: string;
  onSubmit: () => void;
  onCancel: () => void;
  busy: boolean;
  error?: unknown;
  children: ReactNode;
}) {
  const formError = error instanceof ApiError && error.details.length > 0 ? undefined : error;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
      noValidate
      className="space-y-4"
      aria-label={label}
    >
      {children}
      <InlineError error={formError} />
      <div className="flex justify-end gap-2 pt-2">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={busy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
