import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { ApiError } from '../../api/client';
import type { Ticket } from '../../api/types';
import { Button } from '../../components/ui/Button';
import { Dialog } from '../../components/ui/Dialog';
import { Field, Textarea } from '../../components/ui/Field';
import { AlertIcon, CircleCheckIcon, GitIcon, PlayIcon } from '../../components/ui/icons';
import { ErrorState, LoadingBlock } from '../../components/ui/States';
import { formatDateTime, relativeTime } from '../../lib/format';
import { isLive } from '../runs/api';
import { duration, RunStatusBadge } from '../runs/labels';
import { ticketKeys, useSetTicketStatus } from '../tickets/api';
import { useExecutionRuns, useOverrideToExecution, usePhase } from './api';
import { useOnRunFinished } from './labels';
import { RunDialog } from './RunDialog';

/** Execution: the gate (an approved plan or an override), the run button, the pull request and the runs. */
export function ExecutionPanel({ ticket, runsPath }: { ticket: Ticket; runsPath: string }) {
  const planning = usePhase(ticket.id, 'planning');
  const runs = useExecutionRuns(ticket.id);
  const client = useQueryClient();
  const resolve = useSetTicketStatus(ticket.id);
  const [running, setRunning] = useState(false);
  const [overriding, setOverriding] = useState(false);
  const latest = runs.data?.data[0];
  useOnRunFinished(latest?.status, (status) => {
    if (status === 'completed') {
      toast.success('The execution run finished');
    } else if (status === 'failed') {
      toast.error('The execution run failed', { description: 'Open the run to see why.' });
    }
    void client.invalidateQueries({ queryKey: ticketKeys.detail(ticket.id) });
  });

  if (planning.isPending || runs.isPending) {
    return <LoadingBlock lines={4} />;
  }
  if (planning.isError || runs.isError) {
    return (
      <ErrorState
        error={planning.error ?? runs.error}
        onRetry={() => {
          void planning.refetch();
          void runs.refetch();
        }}
      />
    );
  }
  const planApproved = planning.data.document.approvalState === 'approved';
  const open = planApproved || !!ticket.workflowOverriddenAt;
  const live = !!latest && isLive(latest.status);
  const pullRequestUrl = ticket.pullRequestUrl ?? runs.data.data.find((run) => run.pullRequestUrl)?.pullRequestUrl;

  return (
    <div className="space-y-5">
      {pullRequestUrl ? (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl bg-emerald-50 p-4 ring-1 ring-emerald-200 dark:bg-emerald-500/10 dark:ring-emerald-500/30">
          <div className="flex items-center gap-3">
            <GitIcon className="size-5 text-emerald-700 dark:text-emerald-400" />
            <div>
              <p className="text-sm font-semibold text-emerald-900 dark:text-emerald-200">Pull request opened</p>
              <a
                href={pullRequestUrl}
                target="_blank"
                rel="noreferrer noopener"
                className="font-mono text-xs break-all text-emerald-800 underline dark:text-emerald-300"
              >
                {pullRequestUrl}
              </a>
            </div>
          </div>
          <div className="flex gap-2">
            <a
              href={pullRequestUrl}
              target="_blank"
              rel="noreferrer noopener"
              className="inline-flex h-9 items-center rounded-lg bg-emerald-600 px-4 text-sm font-medium text-white hover:bg-emerald-700"
            >
              View pull request ↗
            </a>
            {ticket.status === 'in_review' && (
              <Button
                variant="secondary"
                loading={resolve.isPending}
                onClick={() => resolve.mutate('resolved', { onSuccess: () => toast.success('Ticket resolved') })}
              >
                Mark as resolved
              </Button>
            )}
          </div>
        </div>
      ) : !open ? (
        <div className="flex flex-wrap items-start justify-between gap-3 rounded-xl bg-amber-50 p-4 ring-1 ring-amber-200 dark:bg-amber-500/10 dark:ring-amber-500/30">
          <div className="flex gap-3">
            <AlertIcon className="mt-0.5 size-5 text-amber-600" />
            <div className="text-sm text-amber-900 dark:text-amber-200">
              <p className="font-semibold">Execution waits for an approved plan</p>
              <p className="mt-0.5">
                Approve the plan first, or skip ahead with a reason that is kept for the audit.
              </p>
            </div>
          </div>
          <Button variant="secondary" onClick={() => setOverriding(true)}>
            Skip to execution…
          </Button>
        </div>
      ) : (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl bg-zinc-50 p-4 ring-1 ring-zinc-200 dark:bg-zinc-950/40 dark:ring-zinc-800">
          <div className="flex gap-3 text-sm">
            <CircleCheckIcon className="mt-0.5 size-5 text-emerald-600" />
            <div>
              <p className="font-semibold text-zinc-900 dark:text-zinc-100">
                {planApproved ? 'The plan is approved' : 'Execution was unlocked without an approved plan'}
              </p>
              <p className="text-zinc-600 dark:text-zinc-400">
                {planApproved
                  ? 'An execution run changes the code as the plan says and opens a pull request.'
                  : `Reason: ${ticket.workflowOverrideReason ?? '—'}`}
              </p>
            </div>
          </div>
          <Button disabled={live} onClick={() => setRunning(true)}>
            <PlayIcon /> {runs.data.data.length > 0 ? 'Run execution again' : 'Run execution'}
          </Button>
        </div>
      )}

      {live && (
        <p role="status" className="rounded-lg bg-sky-50 px-4 py-3 text-sm text-sky-800 ring-1 ring-sky-200 dark:bg-sky-500/10 dark:text-sky-300 dark:ring-sky-500/30">
          The agent is {latest?.status === 'queued' ? 'about to start' : 'changing the code'}.{' '}
          <Link to={`${runsPath}/${latest!.id}`} className="font-medium underline">
            Follow its logs
          </Link>
        </p>
      )}

      <div>
        <h3 className="mb-2 text-sm font-semibold text-zinc-900 dark:text-zinc-100">Execution runs</h3>
        {runs.data.data.length === 0 ? (
          <p className="text-sm text-zinc-500">No execution runs yet.</p>
        ) : (
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="Execution runs">
            {runs.data.data.map((run) => (
              <li key={run.id} className="flex flex-wrap items-center gap-3 py-2.5 text-sm">
                <RunStatusBadge status={run.status} />
                <span className="min-w-0 flex-1 truncate text-zinc-700 dark:text-zinc-300">
                  Attempt {run.attempt}
                  {run.branch ? ` · ${run.branch}` : ''}
                  {run.failure ? ` · ${run.failure.summary}` : ''}
                </span>
                <span className="text-xs text-zinc-500">{duration(run.startedAt, run.finishedAt)}</span>
                <span className="text-xs text-zinc-500" title={formatDateTime(run.createdAt)}>
                  {relativeTime(run.createdAt)}
                </span>
                <Link to={`${runsPath}/${run.id}`} className="text-xs font-medium text-brand-700 hover:underline dark:text-brand-400">
                  View
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>

      {running && <RunDialog ticketId={ticket.id} mode={{ kind: 'run', phase: 'execution' }} open onOpenChange={setRunning} />}
      <OverrideDialog ticketId={ticket.id} open={overriding} onOpenChange={setOverriding} />
    </div>
  );
}

function OverrideDialog({
  ticketId,
  open,
  onOpenChange,
}: {
  ticketId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const override = useOverrideToExecution(ticketId);
  const [reason, setReason] = useState('');
  const [clientError, setClientError] = useState<string | undefined>();
  const serverError = override.error instanceof ApiError ? override.error.fieldErrors().reason : undefined;
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Execute without an approved plan"
      description="The ticket moves straight to execution. The reason is recorded with your name and the time."
    >
      <form
        noValidate
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          const trimmed = reason.trim();
          if (trimmed === '') {
            setClientError('Give a reason');
            return;
          }
          if (trimmed.length > 2000) {
            setClientError('Keep it under 2,000 characters');
            return;
          }
          setClientError(undefined);
          override.mutate(trimmed, {
            onSuccess: () => {
              toast.success('Execution unlocked');
              onOpenChange(false);
            },
          });
        }}
      >
        <Field label="Reason" required error={clientError ?? serverError}>
          {(props) => (
            <Textarea
              {...props}
              rows={3}
              value={reason}
              onChange={(event) => {
                setClientError(undefined);
                setReason(event.target.value);
              }}
              placeholder="The fix is a one-line typo; a plan adds nothing."
            />
          )}
        </Field>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="submit" loading={override.isPending}>
            Skip to execution
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
