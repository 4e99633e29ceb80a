import { useState } from 'react';
import { toast } from 'sonner';
import { Badge } from '../../components/ui/Badge';
import { Button } from '../../components/ui/Button';
import { DialogForm } from '../../components/ui/DialogForm';
import { Card } from '../../components/ui/Card';
import { Checkboxes } from '../../components/ui/Checkboxes';
import { Dialog } from '../../components/ui/Dialog';
import { Field, Input, Select } from '../../components/ui/Field';
import { RemoveDialog } from '../../components/ui/RemoveDialog';
import { EmptyState, ErrorState, Skeleton } from '../../components/ui/States';
import { DataTable, InlineError, rowClass, td, th } from '../../components/ui/Table';
import { fieldErrorsOf, without } from '../../lib/fieldErrors';
import { formatDateTime, humanize, relativeTime } from '../../lib/format';
import { useProjects } from '../projects/api';
import {
  FEEDBACK_EVENTS,
  useCreateFeedbackTarget,
  useDeleteFeedbackTarget,
  useFeedbackHistory,
  useFeedbackTargets,
  useTestFeedbackTarget,
  type FeedbackEventType,
  type FeedbackTarget,
  type Integration,
  type TargetRequest,
} from './api';
import { ItemsCard } from './ItemsCard';
import { OUTBOX_TONE } from './labels';

/** Where run results are reported back (comments, labels, a custom URL), each with its delivery history and a test send. */
export function FeedbackTargetsPanel({ integration }: { integration: Integration }) {
  const targets = useFeedbackTargets(integration.id);
  const remove = useDeleteFeedbackTarget(integration.id);
  const test = useTestFeedbackTarget(integration.id);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<FeedbackTarget | undefined>();
  const [selected, setSelected] = useState<string | undefined>();
  if (targets.isPending) {
    return <Skeleton className="h-40" />;
  }
  if (targets.isError) {
    return <ErrorState error={targets.error} onRetry={() => void targets.refetch()} />;
  }
  const chosen = targets.data.find((target) => target.id === selected) ?? targets.data[0];
  return (
    <div className="space-y-6">
      <ItemsCard
        count={targets.data.length}
        empty={{
          title: 'No feedback targets',
          description:
            integration.system === 'custom'
              ? 'Add a URL that receives signed JSON events when runs start, end or open a pull request.'
              : `Add one to comment on and label the ${integration.name} issue as its runs progress.`,
        }}
        title="Feedback targets"
        description="Events are queued and retried with backoff."
        addLabel="Add feedback target"
        onAdd={() => setCreating(true)}
      >
        {targets.data.map((target) => (
          <li key={target.id} className="flex flex-wrap items-center gap-3 px-5 py-3">
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">{target.name}</p>
              <p className="mt-0.5 truncate text-xs text-zinc-500">
                {target.targetUrl ? `${target.method ?? 'POST'} ${target.targetUrl} · ` : ''}
                {target.events.join(', ')}
              </p>
            </div>
            {!target.active && <Badge>Inactive</Badge>}
            <Button
              size="sm"
              variant="secondary"
              aria-label={`Send a test to ${target.name}`}
              loading={test.isPending && test.variables === target.id}
              onClick={() =>
                test.mutate(target.id, {
                  onSuccess: (result) => {
                    setSelected(target.id);
                    if (result.success) {
                      toast.success(`${target.name}: test accepted`, { description: result.message });
                    } else {
                      toast.error(`${target.name}: test failed`, { description: result.message });
                    }
                  },
                })
              }
            >
              Test send
            </Button>
            <Button
              size="sm"
              variant={chosen?.id === target.id ? 'primary' : 'secondary'}
              aria-pressed={chosen?.id === target.id}
              aria-label={`History of ${target.name}`}
              onClick={() => setSelected(target.id)}
            >
              History
            </Button>
            <Button
              size="sm"
              variant="ghost"
              className="text-red-600 dark:text-red-400"
              aria-label={`Delete ${target.name}`}
              onClick={() => {
                remove.reset();
                setDeleting(target);
              }}
            >
              Delete
            </Button>
          </li>
        ))}
      </ItemsCard>
      {chosen && <FeedbackHistory integrationId={integration.id} target={chosen} />}
      <Dialog open={creating} onOpenChange={setCreating} title="Add feedback target">
        {creating && (
          <TargetForm
            integration={integration}
            onDone={(target) => {
              setCreating(false);
              if (target) {
                setSelected(target.id);
              }
            }}
          />
        )}
      </Dialog>
      <RemoveDialog
        item={deleting}
        onClose={() => setDeleting(undefined)}
        remove={remove}
        title={`Delete ${deleting?.name ?? 'this target'}?`}
        description="Queued events for it are dropped along with its delivery history."
        confirmLabel="Delete target"
        done={(item) => `${item.name} deleted`}
      >
        <InlineError error={remove.error} />
      </RemoveDialog>
    </div>
  );
}

interface TargetFormState {
  name: string;
  projectId: string;
  events: FeedbackEventType[];
  targetUrl: string;
  signingSecret: string;
  apiToken: string;
}

/** The request for the integration's kind: URL and signing for custom targets, an optional own token for providers. */
export function targetRequest(form: TargetFormState, custom: boolean): TargetRequest {
  const request: TargetRequest = {
    name: form.name.trim() || undefined,
    projectId: form.projectId || undefined,
    events: form.events,
  };
  if (custom) {
    request.targetUrl = form.targetUrl.trim();
    request.signingSecret = form.signingSecret || undefined;
  } else {
    request.apiToken = form.apiToken || undefined;
  }
  return request;
}

export function validateTarget(form: TargetFormState, custom: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  if (form.events.length === 0) {
    errors.events = 'Pick at least one event';
  }
  if (custom) {
    if (!form.name.trim()) {
      errors.name = 'A name is needed';
    }
    if (!/^https?:\/\/\S+$/.test(form.targetUrl.trim())) {
      errors.targetUrl = 'An http:// or https:// URL';
    }
    if (form.signingSecret && form.signingSecret.length < 16) {
      errors.signingSecret = 'At least 16 characters';
    }
  }
  return errors;
}

function TargetForm({ integration, onDone }: { integration: Integration; onDone: (target?: FeedbackTarget) => void }) {
  const custom = integration.system === 'custom';
  const projects = useProjects();
  const create = useCreateFeedbackTarget(integration.id);
  const [form, setForm] = useState<TargetFormState>({
    name: custom ? '' : integration.name,
    projectId: '',
    events: ['job_ended', 'pull_request_opened'],
    targetUrl: '',
    signingSecret: '',
    apiToken: '',
  });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const errors = { ...fieldErrorsOf(create.error), ...clientErrors };
  const set = (key: keyof TargetFormState) => (event: { target: { value: string } }) => {
    setClientErrors((current) => without(current, key));
    setForm((current) => ({ ...current, [key]: event.target.value }));
  };
  const submit = () => {
    const found = validateTarget(form, custom);
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      return;
    }
    create.mutate(targetRequest(form, custom), {
      onSuccess: (target) => {
        toast.success(`${target.name} added`);
        onDone(target);
      },
    });
  };
  return (
    <DialogForm
      label="Add feedback target"
      submitLabel="Add target"
      onSubmit={submit}
      onCancel={() => onDone()}
      busy={create.isPending}
      error={create.error}
    >
      <Field label="Name" required={custom} error={errors.name}>
        {(props) => <Input {...props} value={form.name} onChange={set('name')} />}
      </Field>
      <Field label="Project" error={errors.projectId} hint="Only this project's events when set; every linked project's otherwise.">
        {(props) => (
          <Select {...props} value={form.projectId} onChange={set('projectId')}>
            <option value="">All linked projects</option>
            {(projects.data?.data ?? []).map((project) => (
              <option key={project.id} value={project.id}>
                {project.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Checkboxes
        legend="Events"
        options={FEEDBACK_EVENTS}
        value={form.events}
        onChange={(events) => {
          setClientErrors((current) => without(current, 'events'));
          setForm((current) => ({ ...current, events }));
        }}
        error={errors.events}
      />
      {custom ? (
        <>
          <Field label="Target URL" required error={errors.targetUrl}>
            {(props) => (
              <Input {...props} value={form.targetUrl} onChange={set('targetUrl')} placeholder="https://hooks.example.com/viberglass" spellCheck={false} />
            )}
          </Field>
          <Field label="Signing secret" error={errors.signingSecret} hint="Optional: signs each body with HMAC-SHA256 (X-Viberglass-Signature header).">
            {(props) => <Input {...props} type="password" autoComplete="off" value={form.signingSecret} onChange={set('signingSecret')} />}
          </Field>
        </>
      ) : (
        <Field label="Token" error={errors.apiToken} hint={`Optional: the integration's own token is used when empty.`}>
          {(props) => <Input {...props} type="password" autoComplete="off" value={form.apiToken} onChange={set('apiToken')} />}
        </Field>
      )}
    </DialogForm>
  );
}

function FeedbackHistory({ integrationId, target }: { integrationId: string; target: FeedbackTarget }) {
  const history = useFeedbackHistory(integrationId, target.id);
  return (
    <section aria-label={`Delivery history of ${target.name}`} className="space-y-3">
      <h2 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">Delivery history · {target.name}</h2>
      {history.isPending ? (
        <Skeleton className="h-32" />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.data.length === 0 ? (
        <Card>
          <EmptyState title="Nothing sent yet" description="Events appear here once runs report, or after a test send." />
        </Card>
      ) : (
        <DataTable
          label="Feedback deliveries"
          head={
            <>
              <th className={th}>Queued</th>
              <th className={th}>Event</th>
              <th className={th}>Status</th>
              <th className={th}>Response</th>
              <th className={th}>Attempts</th>
              <th className={th}>Last error</th>
            </>
          }
        >
          {history.data.data.map((entry) => (
            <tr key={entry.id} className={rowClass}>
              <td className={`${td} whitespace-nowrap text-zinc-500`} title={formatDateTime(entry.createdAt)}>
                {relativeTime(entry.createdAt)}
              </td>
              <td className={`${td} font-mono text-xs`}>{entry.eventType}</td>
              <td className={td}>
                <Badge tone={OUTBOX_TONE[entry.status] ?? 'gray'} dot>
                  {humanize(entry.status)}
                </Badge>
              </td>
              <td className={`${td} text-zinc-500`}>{entry.responseStatus ?? '—'}</td>
              <td className={`${td} text-zinc-500`}>{entry.attempts}</td>
              <td className={`${td} max-w-md truncate text-zinc-600 dark:text-zinc-400`} title={entry.lastError}>
                {entry.lastError ?? '—'}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
