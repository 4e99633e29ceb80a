import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import { ApiError } from '../../api/client';
import type { Run } from '../../api/types';
import { Button, ButtonLink } from '../../components/ui/Button';
import { Card, CardBody, CardHeader } from '../../components/ui/Card';
import { ConfirmDialog } from '../../components/ui/Dialog';
import { AlertIcon } from '../../components/ui/icons';
import { PageHeader } from '../../components/ui/PageHeader';
import { EmptyState, ErrorState, Skeleton } from '../../components/ui/States';
import { formatDateTime, humanize } from '../../lib/format';
import { cn } from '../../lib/cn';
import { useTitle } from '../../lib/useTitle';
import { useCurrentProject } from '../projects/ProjectLayout';
import { useRunners } from '../runners/api';
import { isLive, useCancelRun, useRetryRun, useRun } from './api';
import { duration, RunKindBadge, RunStatusBadge } from './labels';
import { RunUsage } from '../usage/RunUsage';
import { LogViewer } from './LogViewer';

export function RunDetailPage() {
  const project = useCurrentProject();
  const { runId } = useParams();
  const run = useRun(runId);
  useTitle(runId ? `Run ${runId.slice(0, 8)}` : 'Run');
  if (run.isPending) {
    return (
      <div className="space-y-4" role="status" aria-label="Loading run">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  }
  if (run.isError) {
    if (run.error instanceof ApiError && (run.error.status === 404 || run.error.status === 400)) {
      return (
        <Card className="mx-auto max-w-2xl">
          <EmptyState
            title="Run not found"
            action={<ButtonLink to={`/projects/${project.slug}/runs`}>All runs</ButtonLink>}
          />
        </Card>
      );
    }
    return <ErrorState error={run.error} onRetry={() => void run.refetch()} />;
  }
  return <RunDetail run={run.data} />;
}

function RunDetail({ run }: { run: Run }) {
  const project = useCurrentProject();
  const navigate = useNavigate();
  const cancel = useCancelRun(run.id);
  const retry = useRetryRun(run.id);
  const runners = useRunners();
  const runner = runners.data?.data.find((candidate) => candidate.id === run.clankerId);
  const base = `/projects/${project.slug}`;
  const retryable = (run.status === 'failed' && run.failure?.retryable !== false) || run.status === 'cancelled';
  const [confirmCancel, setConfirmCancel] = useState(false);

  return (
    <>
      <PageHeader
        title={`Run ${run.id.slice(0, 8)}`}
        crumbs={[
          { label: 'Projects', to: '/' },
          { label: project.name, to: base },
          { label: 'Runs', to: `${base}/runs` },
          { label: run.id.slice(0, 8) },
        ]}
        badges={
          <>
            <RunStatusBadge status={run.status} />
            <RunKindBadge kind={run.kind} />
            {run.attempt > 1 && <span className="text-xs text-zinc-500">attempt {run.attempt}</span>}
          </>
        }
        actions={
          <>
            {run.pullRequestUrl && (
              <a href={run.pullRequestUrl} target="_blank" rel="noreferrer" className="text-sm font-medium text-brand-700">
                View pull request ↗
              </a>
            )}
            {isLive(run.status) && (
              <Button variant="secondary" loading={cancel.isPending} onClick={() => setConfirmCancel(true)}>
                Cancel run
              </Button>
            )}
            {retryable && (
              <Button
                loading={retry.isPending}
                onClick={() =>
                  retry.mutate(undefined, {
                    onSuccess: (next) => {
                      toast.success('Run started again');
                      if (next?.id) {
                        navigate(`${base}/runs/${next.id}`);
                      }
                    },
                  })
                }
              >
                Retry
              </Button>
            )}
          </>
        }
      />
      <div className="grid gap-6 xl:grid-cols-3">
        <div className="min-w-0 space-y-6 xl:col-span-2">
          {run.failure && (
            <div
              role="alert"
              className="rounded-xl bg-red-50 p-5 ring-1 ring-red-200 dark:bg-red-500/10 dark:ring-red-500/30"
            >
              <p className="flex items-center gap-2 font-medium text-red-800 dark:text-red-300">
                <AlertIcon className="size-5" /> Run needs attention
              </p>
              <p className="mt-1 text-sm text-red-800 dark:text-red-300">{run.failure.summary}</p>
              {run.failure.technicalDetail && (
                <details className="mt-3 text-sm text-red-900 dark:text-red-200">
                  <summary className="cursor-pointer">Technical details</summary>
                  <pre className="mt-2 overflow-x-auto font-mono text-xs whitespace-pre-wrap">
                    {run.failure.technicalDetail}
                  </pre>
                </details>
              )}
            </div>
          )}
          <RunUsage runId={run.id} live={isLive(run.status)} />
          <LogViewer runId={run.id} live={isLive(run.status)} />
        </div>
        <div className="min-w-0 space-y-6">
          <Card>
            <CardHeader title="Details" />
            <dl className="divide-y divide-zinc-100 px-5 text-sm dark:divide-zinc-800">
              <Row label="Ticket">
                {run.ticketId ? (
                  <Link to={`${base}/tickets/${run.ticketId}`} className="font-mono text-xs text-brand-700 hover:underline">
                    {run.ticketId.slice(0, 8)}
                  </Link>
                ) : (
                  '—'
                )}
              </Row>
              <Row label="Agent runner">{runner?.name ?? '—'}</Row>
              {run.branch && (
                <Row label="Branch">
                  <code className="font-mono text-xs break-all">{run.branch}</code>
                </Row>
              )}
              {run.commitHash && (
                <Row label="Commit">
                  <code className="font-mono text-xs">{run.commitHash.slice(0, 12)}</code>
                </Row>
              )}
              <Row label="Created">{formatDateTime(run.createdAt)}</Row>
              {run.startedAt && <Row label="Started">{formatDateTime(run.startedAt)}</Row>}
              {run.finishedAt && <Row label="Finished">{formatDateTime(run.finishedAt)}</Row>}
              <Row label="Duration">{duration(run.startedAt, run.finishedAt)}</Row>
              {run.lastHeartbeatAt && <Row label="Last heartbeat">{formatDateTime(run.lastHeartbeatAt)}</Row>}
            </dl>
          </Card>
          <Card>
            <CardHeader title="Progress" />
            <CardBody>
              {run.progress && run.progress.length > 0 ? (
                <div className="max-h-[28rem] overflow-y-auto pt-1 pl-1.5">
                <ol className="space-y-3 border-l border-zinc-200 pl-4 dark:border-zinc-800" aria-label="Progress, newest first">
                  {run.progress.map((step, index) => (
                    <li key={step.id ?? index} className="relative">
                      <span
                        className={cn(
                          'absolute top-1.5 -left-[21px] size-2.5 rounded-full ring-4 ring-white dark:ring-zinc-900',
                          index === 0 && isLive(run.status) ? 'bg-sky-500' : 'bg-zinc-300 dark:bg-zinc-600',
                        )}
                        aria-hidden="true"
                      />
                      <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">
                        {humanize(step.step ?? 'step')}
                      </p>
                      {step.message && <p className="text-sm text-zinc-600 dark:text-zinc-400">{step.message}</p>}
                      <p className="text-xs text-zinc-500" title={formatDateTime(step.createdAt)}>
                        {step.createdAt ? new Date(step.createdAt).toLocaleTimeString() : ''}
                      </p>
                    </li>
                  ))}
                </ol>
                </div>
              ) : (
                <p className="text-sm text-zinc-500">
                  {run.status === 'queued' ? 'The run is queued and waiting to start.' : 'No progress reported.'}
                </p>
              )}
            </CardBody>
          </Card>
        </div>
      </div>
      <ConfirmDialog
        open={confirmCancel}
        onOpenChange={setConfirmCancel}
        title="Cancel this run?"
        description="The worker is stopped; whatever the agent has not pushed yet is lost. You can retry the run later."
        confirmLabel="Cancel run"
        cancelLabel="Keep running"
        busy={cancel.isPending}
        onConfirm={() =>
          cancel.mutate(undefined, {
            onSuccess: () => {
              setConfirmCancel(false);
              toast.success('Run cancelled');
            },
          })
        }
      />
    </>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-3 py-2.5">
      <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0 text-zinc-900 dark:text-zinc-100">{children}</dd>
    </div>
  );
}
