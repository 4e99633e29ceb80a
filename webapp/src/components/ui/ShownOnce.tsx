import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from './Button';

/** A value the platform shows only in this one answer (a new token, a generated secret), with a copy button. */
export function ShownOnce({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex items-center gap-2">
      <code
        aria-label={label}
        className="min-w-0 flex-1 rounded-lg bg-zinc-100 px-3 py-2 font-mono text-sm break-all text-zinc-900 select-all dark:bg-zinc-800 dark:text-zinc-100"
      >
        {value}
      </code>
      <Button
        variant="secondary"
        aria-label={`Copy ${label.toLowerCase()}`}
        onClick={() =>
          void navigator.clipboard?.writeText(value).then(
            () => setCopied(true),
            () => toast.error('The browser did not allow copying; select the text and copy it by hand'),
          )
        }
      >
        {copied ? 'Copied' : 'Copy'}
      </Button>
    </div>
  );
}
