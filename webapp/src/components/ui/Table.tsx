import type { ReactNode } from 'react';
import { cn } from '../../lib/cn';
import { Card } from './Card';

/** The column header and cell classes every list table uses. */
export const th = 'px-4 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400';
export const td = 'px-4 py-3 align-middle';

/** A card holding a horizontally scrollable table with the common header and row styling. */
export function DataTable({
  label,
  head,
  children,
  className,
}: {
  label: string;
  head: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <Card className={cn('overflow-hidden', className)}>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm" aria-label={label}>
          <thead className="border-b border-zinc-200 bg-zinc-50/80 dark:border-zinc-800 dark:bg-zinc-900">
            <tr>{head}</tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">{children}</tbody>
        </table>
      </div>
    </Card>
  );
}

export const rowClass = 'hover:bg-zinc-50 dark:hover:bg-zinc-800/40';

/** An action's failure, with the API's own message, next to where it happened. */
export function InlineError({ error, className }: { error: unknown; className?: string }) {
  if (!error) {
    return null;
  }
  return (
    <p
      role="alert"
      className={cn(
        'rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-500/10 dark:text-red-300',
        className,
      )}
    >
      {error instanceof Error ? error.message : 'Something went wrong'}
    </p>
  );
}
