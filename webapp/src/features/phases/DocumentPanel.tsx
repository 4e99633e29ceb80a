import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { ApiError } from '../../api/client';
import type { Ticket } from '../../api/types';
import { Button } from '../../components/ui/Button';
import { ConfirmDialog } from '../../components/ui/Dialog';
import { Field, Textarea } from '../../components/ui/Field';
import { PlayIcon } from '../../components/ui/icons';
import { Markdown } from '../../components/ui/Markdown';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/ui/States';
import { Tabs } from '../../components/ui/Tabs';
import { formatDateTime, relativeTime } from '../../lib/format';
import { isLive } from '../runs/api';
import { RunStatusBadge } from '../runs/labels';
import { ticketKeys } from '../tickets/api';
import {
  phaseKeys,
  useAdvance,
  useApprovalAction,
  useApprovals,
  useComments,
  useEditDocument,
  usePhase,
  usePhaseRuns,
  useRejectDocument,
  useRevisions,
} from './api';
import { ApprovalBadge, useOnRunFinished } from './labels';
import { LineComments } from './LineComments';
import { RevisionHistory } from './RevisionHistory';
import { RunDialog, type RunDialogMode } from './RunDialog';
import type { DocumentPhase, PhaseView } from './types';

const NOUN: Record<DocumentPhase, string> = { research: 'research document', planning: 'plan' };
const FILE: Record<DocumentPhase, string> = { research: 'RESEARCH.md', planning: 'PLAN.md' };

type Tab = 'document' | 'comments' | 'history' | 'runs';

/** A research or planning phase: its document, line comments, revisions, runs and review controls. */
export function DocumentPanel({ ticket, phase, runsPath }: { ticket: Ticket; phase: DocumentPhase; runsPath: string }) {
  const view = usePhase(ticket.id, phase);
  const client = useQueryClient();
  useOnRunFinished(view.data?.latestRun?.status, (status) => {
    if (status === 'completed') {
      toast.success(`The ${NOUN[phase]} is ready for review`);
    } else if (status === 'failed') {
      toast.error(`The ${phase} run failed`, { description: 'Open the run to see why.' });
    }
    void client.invalidateQueries({ queryKey: phaseKeys.all(ticket.id) });
    void client.invalidateQueries({ queryKey: ticketKeys.detail(ticket.id) });
  });

  if (view.isPending) {
    return <LoadingBlock lines={5} />;
  }
  if (view.isError) {
    return <ErrorState error={view.error} onRetry={() => void view.refetch()} />;
  }
  return <Phase ticket={ticket} phase={phase} view={view.data} runsPath={runsPath} />;
}

function Phase({ ticket, phase, view, runsPath }: { ticket: Ticket; phase: DocumentPhase; view: PhaseView; runsPath: string }) {
  const { document, latestRun } = view;
  const running = !!latestRun && isLive(latestRun.status);
  const hasContent = document.content.trim() !== '';
  const canRun = phase === 'research' ? ticket.workflowPhase === 'research' : ticket.workflowPhase !== 'research';
  const [tab, setTab] = useState<Tab>('document');
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<RunDialogMode | null>(null);
  const [confirmApprove, setConfirmApprove] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [rejectReason, setRejectReason] = useState('');
  const approval = useApprovalAction(ticket.id, phase);
  const reject = useRejectDocument(ticket.id, phase);
  const advance = useAdvance(ticket.id);
  const comments = useComments(ticket.id, phase);
  const openComments = (comments.data ?? []).filter((comment) => comment.status === 'open').length;
  const approved = document.approvalState === 'approved';


  return (
    <div>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <ApprovalBadge state={document.approvalState} />
            {document.revision > 0 && <span className="text-xs text-zinc-500">Revision {document.revision}</span>}
            {document.updatedAt && (
              <span className="text-xs text-zinc-500" title={formatDateTime(document.updatedAt)}>
                · updated {relativeTime(document.updatedAt)}
              </span>
            )}
          </div>
          {approved && document.approvedAt && (
            <p className="text-xs text-emerald-700 dark:text-emerald-400">
              Approved{document.approvedBy ? ` by ${document.approvedBy}` : ''} on {formatDateTime(document.approvedAt)}
            </p>
          )}
          {latestRun && (
            <p className="flex flex-wrap items-center gap-2 text-xs text-zinc-500">
              <RunStatusBadge status={latestRun.status} />
              <span>
                {latestRun.revisionMessage ? 'Revision run' : 'Latest run'}
                {latestRun.clankerName ? ` with ${latestRun.clankerName}` : ''} · {relativeTime(latestRun.createdAt)}
              </span>
              <Link to={`${runsPath}/${latestRun.jobId}`} className="text-brand-700 hover:underline dark:text-brand-400">
                View run
              </Link>
            </p>
          )}
        </div>
        {!editing && (
          <div className="flex flex-wrap items-center gap-2">
            {!hasContent ? (
              <Button
                disabled={!canRun || running}
                title={canRun ? undefined : 'Move the ticket to planning first'}
                onClick={() => setDialog({ kind: 'run', phase })}
              >
                <PlayIcon /> {phase === 'research' ? 'Run research' : 'Run planning'}
              </Button>
            ) : (
              <>
                <Button variant="secondary" disabled={running} onClick={() => setDialog({ kind: 'revision', phase })}>
                  Request changes
                </Button>
                <Button variant="secondary" disabled={running} onClick={() => setEditing(true)}>
                  Edit
                </Button>
                {document.approvalState === 'draft' && (
                  <Button
                    variant="secondary"
                    loading={approval.isPending && approval.variables === 'request-approval'}
                    onClick={() => approval.mutate('request-approval')}
                  >
                    Request approval
                  </Button>
                )}
                {!approved && document.approvalState !== 'rejected' && (
                  <Button variant="ghost" disabled={running} onClick={() => setRejecting(true)}>
                    Reject
                  </Button>
                )}
                {!approved && (
                  <Button disabled={running} onClick={() => setConfirmApprove(true)}>
                    {phase === 'research' ? 'Approve research' : 'Approve plan'}
                  </Button>
                )}
              </>
            )}
            {(approved || document.approvalState === 'approval_requested') && (
              <Button
                variant="ghost"
                loading={approval.isPending && approval.variables === 'revoke-approval'}
                onClick={() => approval.mutate('revoke-approval')}
              >
                {approved ? 'Revoke approval' : 'Withdraw request'}
              </Button>
            )}
            {phase === 'research' && ticket.workflowPhase === 'research' && !hasContent && (
              <Button
                variant="ghost"
                loading={advance.isPending}
                onClick={() => advance.mutate('planning')}
              >
                Skip to planning
              </Button>
            )}
          </div>
        )}
      </div>

      {running && (
        <p role="status" className="mt-4 rounded-lg bg-sky-50 px-4 py-3 text-sm text-sky-800 ring-1 ring-sky-200 dark:bg-sky-500/10 dark:text-sky-300 dark:ring-sky-500/30">
          The agent is {latestRun?.status === 'queued' ? 'about to start' : 'working'} on the {NOUN[phase]}. This page
          updates when it finishes.
        </p>
      )}

      {editing ? (
        <DocumentEditor
          ticketId={ticket.id}
          phase={phase}
          content={document.content}
          onDone={() => setEditing(false)}
        />
      ) : (
        <Tabs
          className="mt-5"
          label={`${phase === 'research' ? 'Research' : 'Planning'} views`}
          value={tab}
          onChange={setTab}
          tabs={[
            { value: 'document', label: 'Document' },
            {
              value: 'comments',
              label: (
                <>
                  Line comments
                  {openComments > 0 && (
                    <span className="rounded-full bg-amber-100 px-1.5 text-xs text-amber-800 dark:bg-amber-500/20 dark:text-amber-300">
                      {openComments}
                    </span>
                  )}
                </>
              ),
            },
            { value: 'history', label: 'Revisions' },
            { value: 'runs', label: 'Runs' },
          ]}
        >
          {tab === 'document' &&
            (hasContent ? (
              <Markdown source={document.content} />
            ) : (
              <EmptyState
                title={`No ${NOUN[phase]} yet`}
                description={
                  phase === 'research'
                    ? 'A research run investigates the ticket in the repository and writes RESEARCH.md here.'
                    : 'A planning run writes PLAN.md here: the steps the agent will take in execution.'
                }
              />
            ))}
          {tab === 'comments' &&
            (comments.isPending ? (
              <LoadingBlock />
            ) : comments.isError ? (
              <ErrorState error={comments.error} onRetry={() => void comments.refetch()} />
            ) : (
              <LineComments
                ticketId={ticket.id}
                phase={phase}
                content={document.content}
                comments={comments.data}
                editable={!running}
              />
            ))}
          {tab === 'history' && <History ticketId={ticket.id} phase={phase} runsPath={runsPath} />}
          {tab === 'runs' && <Runs ticketId={ticket.id} phase={phase} runsPath={runsPath} />}
        </Tabs>
      )}

      {dialog && (
        <RunDialog ticketId={ticket.id} mode={dialog} open onOpenChange={(open) => !open && setDialog(null)} />
      )}
      <ConfirmDialog
        open={rejecting}
        onOpenChange={(open) => {
          setRejecting(open);
          if (!open) reject.reset();
        }}
        title={phase === 'research' ? 'Reject the research?' : 'Reject the plan?'}
        description="It stays as it is, marked rejected with your reason, until a revision run or an edit puts it up for review again."
        confirmLabel="Reject"
        busy={reject.isPending}
        onConfirm={() =>
          reject.mutate(rejectReason, {
            onSuccess: () => {
              setRejecting(false);
              setRejectReason('');
            },
          })
        }
      >
        <Field label="Reason" hint="Kept in the approval history." error={reject.error instanceof ApiError ? reject.error.fieldErrors().reason : undefined}>
          {(props) => (
            <Textarea {...props} rows={3} maxLength={2000} value={rejectReason} onChange={(event) => setRejectReason(event.target.value)} />
          )}
        </Field>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirmApprove}
        onOpenChange={setConfirmApprove}
        tone="primary"
        title={phase === 'research' ? 'Approve the research?' : 'Approve the plan?'}
        description={
          phase === 'research'
            ? 'The ticket moves on to planning, where an agent writes a plan from this research.'
            : 'The ticket moves on to execution: an agent may then change the code as this plan says.'
        }
        confirmLabel={phase === 'research' ? 'Approve & continue' : 'Approve plan'}
        busy={approval.isPending}
        onConfirm={() =>
          approval.mutate('approve', { onSuccess: () => setConfirmApprove(false) })
        }
      >
        {openComments > 0 && (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 dark:bg-amber-500/10 dark:text-amber-300">
            {openComments} line {openComments === 1 ? 'comment is' : 'comments are'} still open.
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}

function DocumentEditor({
  ticketId,
  phase,
  content,
  onDone,
}: {
  ticketId: string;
  phase: DocumentPhase;
  content: string;
  onDone: () => void;
}) {
  const edit = useEditDocument(ticketId, phase);
  const [text, setText] = useState(content);
  const errors = edit.error instanceof ApiError ? edit.error.fieldErrors() : {};
  return (
    <form
      className="mt-5 space-y-3"
      aria-label={`Edit ${FILE[phase]}`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        edit.mutate(text, {
          onSuccess: () => {
            toast.success(`${FILE[phase]} saved as a new revision`);
            onDone();
          },
        });
      }}
    >
      <Field
        label={FILE[phase]}
        error={errors.content}
        hint="Markdown. Saving a non-empty document creates a revision and asks for approval."
      >
        {(props) => (
          <Textarea
            {...props}
            rows={18}
            value={text}
            onChange={(event) => setText(event.target.value)}
            className="font-mono text-xs leading-relaxed"
          />
        )}
      </Field>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" loading={edit.isPending} disabled={text === content}>
          Save
        </Button>
      </div>
    </form>
  );
}

const APPROVAL_ACTION: Record<string, string> = {
  approval_requested: 'Asked for approval',
  approved: 'Approved',
  rejected: 'Rejected',
  revoked: 'Withdrew the approval',
};

function History({ ticketId, phase, runsPath }: { ticketId: string; phase: DocumentPhase; runsPath: string }) {
  const revisions = useRevisions(ticketId, phase);
  const approvals = useApprovals(ticketId, phase);
  if (revisions.isPending) {
    return <LoadingBlock />;
  }
  if (revisions.isError) {
    return <ErrorState error={revisions.error} onRetry={() => void revisions.refetch()} />;
  }
  return (
    <div className="space-y-6">
      <RevisionHistory revisions={revisions.data} runsPath={runsPath} />
      {approvals.data && approvals.data.length > 0 && (
        <div>
          <h3 className="mb-2 text-sm font-semibold text-zinc-900 dark:text-zinc-100">Review trail</h3>
          <ol className="space-y-1.5 text-sm" aria-label="Review trail">
            {approvals.data.map((event, index) => (
              <li key={index} className="flex flex-wrap gap-x-2 text-zinc-700 dark:text-zinc-300">
                <span className="font-medium">{event.actor ?? 'Someone'}</span>
                <span>{(APPROVAL_ACTION[event.action] ?? event.action).toLowerCase()}</span>
                {event.revision !== undefined && <span className="text-zinc-500">revision {event.revision}</span>}
                <span className="text-zinc-500" title={formatDateTime(event.createdAt)}>
                  · {relativeTime(event.createdAt)}
                </span>
                {event.comment && <span className="basis-full text-zinc-500">“{event.comment}”</span>}
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}

function Runs({ ticketId, phase, runsPath }: { ticketId: string; phase: DocumentPhase; runsPath: string }) {
  const runs = usePhaseRuns(ticketId, phase);
  if (runs.isPending) {
    return <LoadingBlock />;
  }
  if (runs.isError) {
    return <ErrorState error={runs.error} onRetry={() => void runs.refetch()} />;
  }
  if (runs.data.length === 0) {
    return <p className="text-sm text-zinc-500">No {phase} runs yet.</p>;
  }
  return (
    <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" aria-label={`${phase} runs`}>
      {runs.data.map((run) => (
        <li key={run.id} className="flex flex-wrap items-center gap-3 py-2.5 text-sm">
          <RunStatusBadge status={run.status} />
          <span className="min-w-0 flex-1 truncate text-zinc-700 dark:text-zinc-300">
            {run.revisionMessage ? `Revision: ${run.revisionMessage}` : phase === 'research' ? 'Research' : 'Planning'}
            {run.clankerName ? ` · ${run.clankerName}` : ''}
          </span>
          <span className="text-xs text-zinc-500" title={formatDateTime(run.createdAt)}>
            {relativeTime(run.createdAt)}
          </span>
          <Link to={`${runsPath}/${run.jobId}`} className="text-xs font-medium text-brand-700 hover:underline dark:text-brand-400">
            View
          </Link>
        </li>
      ))}
    </ul>
  );
}
