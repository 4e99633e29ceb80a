import { Link, useSearchParams } from 'react-router';
import { RUN_STATUSES, type RunStatus } from '../../api/types';
import { Button } from '../../components/ui/Button';
import { Card } from '../../components/ui/Card';
import { PlayIcon } from '../../components/ui/icons';
import { PageHeader } from '../../components/ui/PageHeader';
import { Segmented } from '../../components/ui/Segmented';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/ui/States';
import { relativeTime } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { useCurrentProject } from '../projects/ProjectLayout';
import { useRunners } from '../runners/api';
import { useRuns } from './api';
import { duration, RUN_STATUS_LABEL, RunKindBadge, RunStatusBadge } from './labels';

const PAGE = 50;
const th = 'px-3 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400';
const td = 'px-3 py-3 align-middle';

/** The project's runs (jobs), newest first, filtered by status in the URL. */
export function RunsPage() {
  const project = useCurrentProject();
  useTitle(`Runs · ${project.name}`);
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status: RunStatus | 'all' = RUN_STATUSES.find((value) => value === raw) ?? 'all';
  const page = Math.max(1, Math.floor(Number(params.get('page')) || 1));
  const runs = useRuns(project.id, status, PAGE, (page - 1) * PAGE);
  const runners = useRunners();
  const runnerName = new Map((runners.data?.data ?? []).map((runner) => [runner.id, runner.name]));
  const total = runs.data?.pagination.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const base = `/projects/${project.slug}`;
  const go = (next: { status?: RunStatus | 'all'; page?: number }) => {
    const query = new URLSearchParams();
    const nextStatus = next.status ?? status;
    if (nextStatus !== 'all') {
      query.set('status', nextStatus);
    }
    if ((next.page ?? 1) > 1) {
      query.set('page', String(next.page));
    }
    setParams(query);
  };

  return (
    <>
      <PageHeader
        title="Runs"
        description="Every time an agent worked on a ticket of this project."
        crumbs={[{ label: 'Projects', to: '/' }, { label: project.name, to: base }, { label: 'Runs' }]}
      />
      <div className="mb-4">
        <Segmented
          label="Status"
          value={status}
          options={[
            { value: 'all' as const, label: 'All' },
            ...RUN_STATUSES.map((value) => ({ value, label: RUN_STATUS_LABEL[value] })),
          ]}
          onChange={(value) => go({ status: value })}
        />
      </div>
      {runs.isPending ? (
        <Card>
          <LoadingBlock lines={6} className="p-5" />
        </Card>
      ) : runs.isError ? (
        <ErrorState error={runs.error} onRetry={() => void runs.refetch()} />
      ) : runs.data.data.length === 0 ? (
        <Card>
          <EmptyState
            icon={<PlayIcon className="size-6" />}
            title={status === 'all' ? 'No runs yet' : `No ${RUN_STATUS_LABEL[status].toLowerCase()} runs`}
            description="A run starts when a ticket's research, planning or execution is handed to an agent runner."
          />
        </Card>
      ) : (
        <Card className="overflow-hidden">
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <thead className="border-b border-zinc-200 bg-zinc-50/80 dark:border-zinc-800 dark:bg-zinc-900">
                <tr>
                  <th className={th}>Status</th>
                  <th className={th}>Run</th>
                  <th className={th}>Ticket</th>
                  <th className={th}>Agent runner</th>
                  <th className={th}>Duration</th>
                  <th className={th}>Created</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {runs.data.data.map((run) => (
                  <tr key={run.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
                    <td className={td}>
                      <RunStatusBadge status={run.status} />
                    </td>
                    <td className={td}>
                      <Link
                        to={`${base}/runs/${run.id}`}
                        className="flex items-center gap-2 font-medium text-zinc-900 hover:text-brand-700 dark:text-zinc-100"
                      >
                        <span className="font-mono text-xs">{run.id.slice(0, 8)}</span>
                        <RunKindBadge kind={run.kind} />
                        {run.attempt > 1 && <span className="text-xs text-zinc-500">attempt {run.attempt}</span>}
                      </Link>
                    </td>
                    <td className={td}>
                      {run.ticketId ? (
                        <Link
                          to={`${base}/tickets/${run.ticketId}`}
                          className="font-mono text-xs text-brand-700 hover:underline dark:text-brand-400"
                        >
                          {run.ticketId.slice(0, 8)}
                        </Link>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td className={`${td} text-zinc-600 dark:text-zinc-400`}>
                      {(run.clankerId && runnerName.get(run.clankerId)) ?? '—'}
                    </td>
                    <td className={`${td} text-zinc-600 tabular-nums dark:text-zinc-400`}>
                      {duration(run.startedAt, run.finishedAt)}
                    </td>
                    <td className={`${td} whitespace-nowrap text-zinc-500`}>{relativeTime(run.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
      {runs.isSuccess && total > PAGE && (
        <nav className="mt-4 flex items-center justify-end gap-3 text-sm" aria-label="Pagination">
          <Button size="sm" variant="secondary" disabled={page <= 1} onClick={() => go({ page: page - 1 })}>
            Previous
          </Button>
          <span className="text-zinc-600 tabular-nums dark:text-zinc-400">
            Page {page} of {pages}
          </span>
          <Button size="sm" variant="secondary" disabled={page >= pages} onClick={() => go({ page: page + 1 })}>
            Next
          </Button>
        </nav>
      )}
    </>
  );
}
