import { useState } from 'react';
import { Badge } from '../../components/ui/Badge';
import { Button } from '../../components/ui/Button';
import { Card } from '../../components/ui/Card';
import { Input } from '../../components/ui/Field';
import { ShieldIcon } from '../../components/ui/icons';
import { PageHeader } from '../../components/ui/PageHeader';
import { EmptyState, ErrorState, Skeleton } from '../../components/ui/States';
import { DataTable, rowClass, td, th } from '../../components/ui/Table';
import { formatDateTime } from '../../lib/format';
import { useDebounced } from '../../lib/useDebounced';
import { useTitle } from '../../lib/useTitle';
import { useAuditLog, useVerifyAudit } from './api';

/** Who did what and when (administrators only), with a check that the hash-chained log was not tampered with. */
export function AuditPage() {
  useTitle('Audit log');
  const [actionInput, setActionInput] = useState('');
  const action = useDebounced(actionInput.trim(), 300);
  const log = useAuditLog(action);
  const verify = useVerifyAudit();
  const events = log.data?.pages.flatMap((page) => page.events) ?? [];
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Security-relevant actions, each chained to the one before by its hash, so a change to history shows."
        actions={
          <Button variant="secondary" loading={verify.isPending} onClick={() => verify.mutate()}>
            <ShieldIcon /> Verify the chain
          </Button>
        }
      />
      {verify.data && (
        <div
          role="status"
          className={
            verify.data.valid
              ? 'mb-5 rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-800 ring-1 ring-emerald-200 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-500/30'
              : 'mb-5 rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200 dark:bg-red-500/10 dark:text-red-300 dark:ring-red-500/30'
          }
        >
          {verify.data.valid ? (
            <>The chain is intact: {verify.data.checked} events checked.</>
          ) : (
            <>
              The chain is broken at event #{verify.data.brokenAtSeq}: {verify.data.problem} ({verify.data.checked} events
              checked).
            </>
          )}
        </div>
      )}
      <div className="mb-5 flex items-center gap-3">
        <label htmlFor="audit-action" className="text-sm font-medium text-zinc-700 dark:text-zinc-300">
          Action
        </label>
        <Input
          id="audit-action"
          className="max-w-64"
          placeholder="e.g. user.deactivated"
          value={actionInput}
          onChange={(event) => setActionInput(event.target.value)}
        />
      </div>
      {log.isPending ? (
        <Skeleton className="h-64" />
      ) : log.isError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : events.length === 0 ? (
        <Card>
          <EmptyState icon={<ShieldIcon className="size-6" />} title={action ? `No ${action} events` : 'No events yet'} />
        </Card>
      ) : (
        <>
          <DataTable
            label="Audit events"
            head={
              <>
                <th className={th}>#</th>
                <th className={th}>When</th>
                <th className={th}>Action</th>
                <th className={th}>Actor</th>
                <th className={th}>Target</th>
                <th className={th}>Details</th>
              </>
            }
          >
            {events.map((event) => (
              <tr key={event.id} className={rowClass}>
                <td className={`${td} font-mono text-xs text-zinc-500`} title={`hash ${event.hash}`}>
                  {event.seq}
                </td>
                <td className={`${td} whitespace-nowrap text-zinc-600 dark:text-zinc-400`}>{formatDateTime(event.occurredAt)}</td>
                <td className={td}>
                  <Badge tone="violet">{event.action}</Badge>
                </td>
                <td className={`${td} text-zinc-700 dark:text-zinc-300`}>
                  {event.actor ?? '—'}
                  {event.ip && <span className="ml-1 text-xs text-zinc-400">{event.ip}</span>}
                </td>
                <td className={`${td} font-mono text-xs text-zinc-500`}>
                  {event.targetType ? `${event.targetType} ${event.targetId ?? ''}` : '—'}
                </td>
                <td className={`${td} max-w-sm truncate font-mono text-xs text-zinc-500`} title={event.details}>
                  {event.details && event.details !== '{}' ? event.details : ''}
                </td>
              </tr>
            ))}
          </DataTable>
          {log.hasNextPage && (
            <div className="mt-4 flex justify-center">
              <Button variant="secondary" loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
                Load older events
              </Button>
            </div>
          )}
        </>
      )}
    </>
  );
}
