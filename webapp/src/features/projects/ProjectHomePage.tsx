import { Link } from 'react-router';
import type { TicketStats } from '../../api/types';
import { PHASES, SEVERITIES } from '../../api/types';
import { Badge, dotClass, type Tone } from '../../components/ui/Badge';
import { ButtonLink } from '../../components/ui/Button';
import { Card, CardHeader } from '../../components/ui/Card';
import { PlusIcon, TicketIcon } from '../../components/ui/icons';
import { PageHeader } from '../../components/ui/PageHeader';
import { EmptyState, ErrorState, LoadingBlock, Skeleton } from '../../components/ui/States';
import { relativeTime } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { useTickets, useTicketStats } from '../tickets/api';
import {
  PHASE_LABEL,
  PHASE_TONE,
  PhaseBadge,
  SEVERITY_LABEL,
  SEVERITY_TONE,
  SeverityBadge,
  StatusBadge,
} from '../tickets/labels';
import { ReadinessPanel } from './ReadinessPanel';
import { useCurrentProject } from './ProjectLayout';

/** "Mission control": readiness, ticket numbers and the newest tickets of one project. */
export function ProjectHomePage() {
  const project = useCurrentProject();
  useTitle(project.name);
  const stats = useTicketStats(project.id);
  const base = `/projects/${project.slug}`;
  return (
    <>
      <PageHeader
        title={project.name}
        description={project.description || undefined}
        badges={project.archived ? <Badge>Archived</Badge> : undefined}
        actions={
          <>
            <ButtonLink to={`${base}/tickets`} variant="secondary">
              View tickets
            </ButtonLink>
            {!project.archived && (
              <ButtonLink to={`${base}/tickets/new`}>
                <PlusIcon /> Create ticket
              </ButtonLink>
            )}
          </>
        }
      />
      <section aria-label="Ticket numbers" className="mb-6 grid grid-cols-2 gap-4 lg:grid-cols-5">
        <Metric label="Total tickets" value={stats.data?.total} to={`${base}/tickets?status=all`} />
        <Metric label="Open" value={stats.data?.open} to={`${base}/tickets?status=open`} tone="blue" />
        <Metric
          label="In progress"
          value={stats.data?.inProgress}
          to={`${base}/tickets?status=in_progress`}
          tone="amber"
        />
        <Metric label="In review" value={stats.data?.inReview} to={`${base}/tickets?status=in_review`} tone="violet" />
        <Metric label="Resolved" value={stats.data?.resolved} to={`${base}/tickets?status=resolved`} tone="green" />
      </section>
      {stats.isError && (
        <div className="mb-6">
          <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
        </div>
      )}
      <div className="grid gap-6 xl:grid-cols-3">
        <div className="space-y-6 xl:col-span-2">
          <RecentTickets projectSlug={project.slug} archived={project.archived} />
        </div>
        <div className="space-y-6">
          <ReadinessPanel projectId={project.id} />
          <Breakdowns stats={stats.data} />
        </div>
      </div>
    </>
  );
}

function Metric({ label, value, to, tone }: { label: string; value: number | undefined; to: string; tone?: Tone }) {
  return (
    <Link
      to={to}
      className="rounded-xl bg-white px-5 py-4 shadow-sm ring-1 ring-zinc-200 transition hover:ring-zinc-300 dark:bg-zinc-900 dark:ring-zinc-800 dark:hover:ring-zinc-700"
    >
      <p className="flex items-center gap-2 text-sm text-zinc-500 dark:text-zinc-400">
        {tone && <span className={`size-2 rounded-full ${dotClass(tone)}`} aria-hidden="true" />}
        {label}
      </p>
      {value === undefined ? (
        <Skeleton className="mt-2 h-8 w-12" />
      ) : (
        <p className="mt-1 text-3xl font-semibold tracking-tight text-zinc-900 tabular-nums dark:text-white">{value}</p>
      )}
    </Link>
  );
}

function RecentTickets({ projectSlug, archived }: { projectSlug: string; archived: boolean }) {
  const tickets = useTickets({ projectSlug, archived: 'exclude', limit: 6, offset: 0 });
  const base = `/projects/${projectSlug}`;
  return (
    <Card>
      <CardHeader
        title="Recent tickets"
        description="The newest tickets of this project."
        actions={
          <Link to={`${base}/tickets`} className="text-sm font-medium text-brand-700 dark:text-brand-400">
            All tickets →
          </Link>
        }
      />
      {tickets.isPending ? (
        <LoadingBlock lines={5} className="p-5" />
      ) : tickets.isError ? (
        <div className="p-5">
          <ErrorState error={tickets.error} onRetry={() => void tickets.refetch()} />
        </div>
      ) : tickets.data.data.length === 0 ? (
        <EmptyState
          icon={<TicketIcon className="size-6" />}
          title="No tickets yet"
          description="Every new ticket starts in research: an agent studies the code before anyone plans a change."
          action={
            !archived && (
              <ButtonLink to={`${base}/tickets/new`}>
                <PlusIcon /> Create ticket
              </ButtonLink>
            )
          }
        />
      ) : (
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {tickets.data.data.map((ticket) => (
            <li key={ticket.id}>
              <Link
                to={`${base}/tickets/${ticket.id}`}
                className="flex items-center gap-4 px-5 py-3 hover:bg-zinc-50 dark:hover:bg-zinc-800/50"
              >
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">{ticket.title}</p>
                  <p className="mt-0.5 text-xs text-zinc-500">
                    {ticket.category} · {relativeTime(ticket.createdAt)}
                  </p>
                </div>
                <div className="flex shrink-0 items-center gap-2">
                  <SeverityBadge severity={ticket.severity} />
                  <PhaseBadge phase={ticket.workflowPhase} />
                  <StatusBadge status={ticket.status} />
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function Breakdowns({ stats }: { stats: TicketStats | undefined }) {
  return (
    <Card>
      <CardHeader title="Breakdown" description="Non-archived tickets by workflow phase and severity." />
      <div className="space-y-5 px-5 py-4">
        {stats === undefined ? (
          <LoadingBlock lines={4} />
        ) : (
          <>
            <Bars
              title="Workflow phase"
              rows={PHASES.map((phase) => ({
                label: PHASE_LABEL[phase],
                value: stats.byPhase[phase] ?? 0,
                tone: PHASE_TONE[phase],
              }))}
            />
            <Bars
              title="Severity"
              rows={SEVERITIES.map((severity) => ({
                label: SEVERITY_LABEL[severity],
                value: stats.bySeverity[severity] ?? 0,
                tone: SEVERITY_TONE[severity],
              }))}
            />
          </>
        )}
      </div>
    </Card>
  );
}

function Bars({ title, rows }: { title: string; rows: { label: string; value: number; tone: Tone }[] }) {
  const max = Math.max(1, ...rows.map((row) => row.value));
  return (
    <div>
      <h3 className="mb-2 text-xs font-medium tracking-wide text-zinc-500 uppercase">{title}</h3>
      <dl className="space-y-2">
        {rows.map((row) => (
          <div key={row.label} className="grid grid-cols-[6rem_1fr_2rem] items-center gap-3 text-sm">
            <dt className="text-zinc-600 dark:text-zinc-400">{row.label}</dt>
            <div className="h-2 rounded-full bg-zinc-100 dark:bg-zinc-800" aria-hidden="true">
              <div
                className={`h-2 rounded-full ${dotClass(row.tone)}`}
                style={{ width: `${(row.value / max) * 100}%` }}
              />
            </div>
            <dd className="text-right font-medium text-zinc-900 tabular-nums dark:text-zinc-100">{row.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
