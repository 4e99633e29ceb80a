import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '../../components/ui/Button';
import { ConfirmDialog } from '../../components/ui/Dialog';
import { Field, Textarea } from '../../components/ui/Field';
import { cn } from '../../lib/cn';
import { formatDateTime } from '../../lib/format';
import { authorLabel, useProjectTrust, useTicketTrust, useTrustDecision, type Hold } from './api';

type Pending = { kind: 'approve' | 'reject'; hold?: Hold } | undefined;

/**
 * The untrusted-author banner of a ticket: who wrote it and why the project does not trust them, the decision taken,
 * and the runs held for approval. Approvers (those who may read the project's trust rules) approve or reject.
 */
export function TrustBanner({
  ticketId,
  projectId,
  className,
}: {
  ticketId: string;
  projectId: string;
  className?: string;
}) {
  const trust = useTicketTrust(ticketId);
  const rules = useProjectTrust(projectId);
  const decide = useTrustDecision(ticketId);
  const [pending, setPending] = useState<Pending>();
  const [reason, setReason] = useState('');
  if (!trust.data) {
    return null;
  }
  const { author, holds } = trust.data;
  const waiting = holds.filter((hold) => hold.state === 'awaiting');
  if (author.trusted && waiting.length === 0) {
    return null;
  }
  const canDecide = rules.isSuccess;
  const close = () => {
    setPending(undefined);
    setReason('');
  };
  const confirm = () => {
    if (!pending) return;
    const holdId = pending.hold?.id;
    decide.mutate(
      pending.kind === 'approve' ? { kind: 'approve', holdId } : { kind: 'reject', reason: reason.trim(), holdId },
      {
        onSuccess: () => {
          toast.success(pending.kind === 'approve' ? 'Approved: the held run starts' : 'Rejected');
          close();
        },
      },
    );
  };
  const who = authorLabel(author);
  return (
    <section
      aria-label="Untrusted author"
      className={cn(
        'rounded-xl bg-amber-50 px-5 py-4 text-sm text-amber-900 ring-1 ring-amber-300',
        'dark:bg-amber-500/10 dark:text-amber-200 dark:ring-amber-500/40',
        className,
      )}
    >
      {!author.trusted && (
        <>
          <h2 className="font-semibold">
            {author.state === 'awaiting'
              ? `From an untrusted author: ${who}. Nothing runs until a project approver approves it.`
              : author.state === 'approved'
                ? `From an untrusted author: ${who}, approved by ${author.decidedBy ?? 'an approver'}.`
                : `From an untrusted author: ${who}, rejected by ${author.decidedBy ?? 'an approver'}.`}
          </h2>
          <p className="mt-1">{author.reason}</p>
          {author.decisionReason && <p className="mt-1 italic">“{author.decisionReason}”</p>}
          <p className="mt-1 text-xs">Its title and description reach the agent fenced as untrusted data.</p>
          {author.state === 'awaiting' && canDecide && (
            <div className="mt-3 flex gap-2">
              <Button size="sm" onClick={() => setPending({ kind: 'approve' })}>
                Approve
              </Button>
              <Button size="sm" variant="secondary" onClick={() => setPending({ kind: 'reject' })}>
                Reject
              </Button>
            </div>
          )}
        </>
      )}
      {waiting.length > 0 && (
        <ul aria-label="Held runs" className="mt-3 space-y-2">
          {waiting.map((hold) => (
            <li key={hold.id} className="rounded-lg bg-white/60 px-3 py-2 dark:bg-zinc-900/40">
              <p>
                {hold.kind === 'follow_up' ? 'Pull request follow-up' : 'Run'} asked for by {authorLabel(hold)} on{' '}
                {formatDateTime(hold.createdAt)}: {hold.reason}
              </p>
              {canDecide && (author.trusted || author.state === 'approved') && (
                <div className="mt-2 flex gap-2">
                  <Button size="sm" onClick={() => setPending({ kind: 'approve', hold })}>
                    Approve run
                  </Button>
                  <Button size="sm" variant="secondary" onClick={() => setPending({ kind: 'reject', hold })}>
                    Reject run
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={!!pending}
        onOpenChange={(open) => !open && close()}
        title={pending?.kind === 'approve' ? 'Approve this outside author?' : 'Reject this outside author?'}
        description={
          pending?.kind === 'approve'
            ? 'The held run starts as it would have. The text stays fenced as untrusted data in the prompt.'
            : pending?.hold
              ? 'The held run is dropped; the ticket stays as it is.'
              : 'Nothing of this ticket will run, and the ticket is closed with your reason.'
        }
        confirmLabel={pending?.kind === 'approve' ? 'Approve' : 'Reject'}
        tone={pending?.kind === 'approve' ? 'primary' : 'danger'}
        busy={decide.isPending}
        confirmDisabled={pending?.kind === 'reject' && reason.trim() === ''}
        onConfirm={confirm}
      >
        {pending?.kind === 'reject' && (
          <Field label="Reason" required>
            {(props) => (
              <Textarea {...props} value={reason} maxLength={2000} onChange={(event) => setReason(event.target.value)} />
            )}
          </Field>
        )}
      </ConfirmDialog>
    </section>
  );
}
