import { useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import { ApiError } from '../../api/client';
import { STATUSES, type MediaView, type Ticket } from '../../api/types';
import { Badge } from '../../components/ui/Badge';
import { Button, ButtonLink } from '../../components/ui/Button';
import { Card, CardBody, CardHeader } from '../../components/ui/Card';
import { ConfirmDialog } from '../../components/ui/Dialog';
import { ArchiveIcon, CopyIcon } from '../../components/ui/icons';
import { PageHeader } from '../../components/ui/PageHeader';
import { Segmented } from '../../components/ui/Segmented';
import { EmptyState, ErrorState, Skeleton } from '../../components/ui/States';
import { formatBytes, formatDateTime, humanize } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { PhasesCard } from '../phases/PhasesCard';
import { CollaborateLivePanel } from '../sessions/CollaborateLivePanel';
import { useCurrentProject } from '../projects/ProjectLayout';
import { TrustBanner } from '../trust/TrustBanner';
import { ReadinessPanel } from '../projects/ReadinessPanel';
import { useArchiveTickets, useDeleteTicket, useSetTicketStatus, useTicket } from './api';
import { EditTicketDialog } from './EditTicketDialog';
import { PHASE_LABEL, PhaseBadge, SeverityBadge, STATUS_LABEL, StatusBadge } from './labels';

export function TicketDetailPage() {
  const project = useCurrentProject();
  const { ticketId } = useParams();
  const ticket = useTicket(ticketId);
  useTitle(ticket.data?.title ?? 'Ticket');
  const crumbs = [
    { label: 'Projects', to: '/' },
    { label: project.name, to: `/projects/${project.slug}` },
    { label: 'Tickets', to: `/projects/${project.slug}/tickets` },
  ];

  if (ticket.isPending) {
    return (
      <div className="space-y-4" role="status" aria-label="Loading ticket">
        <Skeleton className="h-4 w-48" />
        <Skeleton className="h-8 w-2/3" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  }
  if (ticket.isError) {
    if (ticket.error instanceof ApiError && (ticket.error.status === 404 || ticket.error.status === 400)) {
      return (
        <Card className="mx-auto max-w-2xl">
          <EmptyState
            title="Ticket not found"
            description="It may have been deleted, or the link is wrong."
            action={<ButtonLink to={`/projects/${project.slug}/tickets`}>All tickets</ButtonLink>}
          />
        </Card>
      );
    }
    return <ErrorState error={ticket.error} onRetry={() => void ticket.refetch()} />;
  }
  return <TicketDetail ticket={ticket.data} crumbs={crumbs} />;
}

function TicketDetail({ ticket, crumbs }: { ticket: Ticket; crumbs: { label: string; to?: string }[] }) {
  const project = useCurrentProject();
  const navigate = useNavigate();
  const setStatus = useSetTicketStatus(ticket.id);
  const archive = useArchiveTickets();
  const remove = useDeleteTicket(ticket.id);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);

  return (
    <>
      <PageHeader
        title={ticket.title}
        crumbs={[...crumbs, { label: ticket.title }]}
        badges={
          <>
            <SeverityBadge severity={ticket.severity} />
            <StatusBadge status={ticket.status} />
            <PhaseBadge phase={ticket.workflowPhase} />
            <Badge>{ticket.category}</Badge>
            {ticket.autoFixRequested && <Badge tone="brand">Auto-fix</Badge>}
            {ticket.awaitingTrust && <Badge tone="amber">Awaiting approval</Badge>}
            {ticket.trust?.state === 'rejected' && <Badge tone="red">Author rejected</Badge>}
            {ticket.archived && <Badge>Archived</Badge>}
            {ticket.externalTicketId && (
              <Badge tone="blue">
                {humanize(ticket.ticketSystem ?? 'external')} #{ticket.externalTicketId}
              </Badge>
            )}
          </>
        }
        actions={
          <>
            <Button variant="secondary" onClick={() => setEditing(true)}>
              Edit
            </Button>
            <Button
              variant="secondary"
              loading={archive.isPending}
              onClick={() =>
                archive.mutate(
                  { ids: [ticket.id], archive: !ticket.archived },
                  { onSuccess: () => toast.success(ticket.archived ? 'Ticket unarchived' : 'Ticket archived') },
                )
              }
            >
              <ArchiveIcon /> {ticket.archived ? 'Unarchive' : 'Archive'}
            </Button>
            <Button variant="ghost" className="text-red-600 dark:text-red-400" onClick={() => setDeleting(true)}>
              Delete
            </Button>
          </>
        }
      />

      {/* outside tickets only: their author may be untrusted, or a run on them may be held */}
      {ticket.trust && ticket.trust.provider !== 'platform' && (
        <TrustBanner ticketId={ticket.id} projectId={project.id} className="mb-6" />
      )}
      <div className="grid gap-6 xl:grid-cols-3">
        <div className="space-y-6 xl:col-span-2">
          <Card>
            <CardHeader
              title="Status"
              description="Where the ticket stands."
              actions={
                <Segmented
                  label="Status"
                  value={ticket.status}
                  options={STATUSES.map((status) => ({ value: status, label: STATUS_LABEL[status] }))}
                  onChange={(status) =>
                    setStatus.mutate(status, {
                      onSuccess: (saved) => toast.success(`Status set to ${STATUS_LABEL[saved.status]}`),
                    })
                  }
                />
              }
            />
            <CardBody>
              <h2 className="mb-2 text-sm font-semibold text-zinc-900 dark:text-zinc-100">Description</h2>
              {ticket.description ? (
                <p className="text-sm leading-relaxed whitespace-pre-wrap text-zinc-700 dark:text-zinc-300">
                  {ticket.description}
                </p>
              ) : (
                <p className="text-sm text-zinc-500 italic">No description.</p>
              )}
            </CardBody>
          </Card>
          <PhasesCard ticket={ticket} />
          <CollaborateLivePanel ticketId={ticket.id} />
          <MediaCard media={ticket.media ?? []} />
        </div>
        <div className="space-y-6">
          <Details ticket={ticket} />
          <ReadinessPanel projectId={project.id} />
        </div>
      </div>

      {editing && <EditTicketDialog ticket={ticket} onClose={() => setEditing(false)} />}
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title="Delete this ticket?"
        description={`“${ticket.title}” and its screenshots and recordings are deleted for good.`}
        confirmLabel="Delete ticket"
        busy={remove.isPending}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              toast.success('Ticket deleted');
              navigate(`/projects/${project.slug}/tickets`, { replace: true });
            },
          })
        }
      />
    </>
  );
}

function Details({ ticket }: { ticket: Ticket }) {
  return (
    <Card>
      <CardHeader title="Details" />
      <dl className="divide-y divide-zinc-100 px-5 text-sm dark:divide-zinc-800">
        <Row label="Workflow phase">{PHASE_LABEL[ticket.workflowPhase]}</Row>
        {ticket.workflowOverrideReason && (
          <Row label="Skipped ahead because">
            <span className="whitespace-pre-wrap">{ticket.workflowOverrideReason}</span>
            {ticket.workflowOverriddenAt && (
              <span className="block text-xs text-zinc-500">{formatDateTime(ticket.workflowOverriddenAt)}</span>
            )}
          </Row>
        )}
        <Row label="Source">{humanize(ticket.ticketSystem ?? 'custom')}</Row>
        {ticket.externalTicketUrl && (
          <Row label="External ticket">
            <a
              href={ticket.externalTicketUrl}
              target="_blank"
              rel="noreferrer"
              className="break-all text-brand-700 hover:underline dark:text-brand-400"
            >
              {ticket.externalTicketUrl}
            </a>
          </Row>
        )}
        {ticket.pullRequestUrl && (
          <Row label="Pull request">
            <a
              href={ticket.pullRequestUrl}
              target="_blank"
              rel="noreferrer"
              className="break-all text-brand-700 hover:underline dark:text-brand-400"
            >
              {ticket.pullRequestUrl}
            </a>
          </Row>
        )}
        <Row label="Ticket ID">
          <span className="flex items-center gap-1.5">
            <code className="font-mono text-xs">{ticket.id.slice(0, 8)}</code>
            <button
              type="button"
              className="rounded p-1 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 dark:hover:bg-zinc-800"
              aria-label="Copy ticket ID"
              onClick={() =>
                void navigator.clipboard
                  ?.writeText(ticket.id)
                  .then(() => toast.success('Ticket ID copied'))
                  .catch(() => toast.error('Could not copy to the clipboard'))
              }
            >
              <CopyIcon className="size-3.5" />
            </button>
          </span>
        </Row>
        <Row label="Created">{formatDateTime(ticket.createdAt)}</Row>
        <Row label="Updated">{formatDateTime(ticket.updatedAt)}</Row>
      </dl>
    </Card>
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

function MediaCard({ media }: { media: MediaView[] }) {
  if (media.length === 0) {
    return null;
  }
  return (
    <Card>
      <CardHeader title="Screenshots and recordings" />
      <div className="grid gap-4 p-5 sm:grid-cols-2">
        {media.map((item) => (
          <figure key={item.id} className="overflow-hidden rounded-lg ring-1 ring-zinc-200 dark:ring-zinc-800">
            {item.kind === 'screenshot' ? (
              <a href={item.url} target="_blank" rel="noreferrer" aria-label={`Open ${item.filename}`}>
                <img
                  src={item.url}
                  alt={`Screenshot ${item.filename}`}
                  className="max-h-72 w-full bg-zinc-100 object-contain dark:bg-zinc-950"
                />
              </a>
            ) : (
              <video src={item.url} controls className="max-h-72 w-full bg-black" aria-label={item.filename} />
            )}
            <figcaption className="flex items-center justify-between gap-2 px-3 py-2 text-xs text-zinc-500">
              <span className="truncate">{item.filename}</span>
              <span className="shrink-0">{formatBytes(item.size)}</span>
            </figcaption>
          </figure>
        ))}
      </div>
    </Card>
  );
}
