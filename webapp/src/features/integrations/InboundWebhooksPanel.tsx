import { useState } from 'react';
import { toast } from 'sonner';
import { Badge } from '../../components/ui/Badge';
import { Button } from '../../components/ui/Button';
import { DialogForm } from '../../components/ui/DialogForm';
import { Card } from '../../components/ui/Card';
import { Checkboxes } from '../../components/ui/Checkboxes';
import { Dialog } from '../../components/ui/Dialog';
import { Field, Select, Switch } from '../../components/ui/Field';
import { RemoveDialog } from '../../components/ui/RemoveDialog';
import { ShownOnce } from '../../components/ui/ShownOnce';
import { EmptyState, ErrorState, Skeleton } from '../../components/ui/States';
import { DataTable, InlineError, rowClass, td, th } from '../../components/ui/Table';
import { fieldErrorsOf } from '../../lib/fieldErrors';
import { formatDateTime, humanize, relativeTime } from '../../lib/format';
import { useProjects } from '../projects/api';
import { useRunners } from '../runners/api';
import {
  DELIVERY_STATUSES,
  useCreateInboundWebhook,
  useDeleteInboundWebhook,
  useDeliveries,
  useInboundWebhooks,
  useRedeliver,
  type DeliveryStatus,
  type InboundConfig,
  type Integration,
} from './api';
import { ItemsCard } from './ItemsCard';
import { DELIVERY_TONE } from './labels';

/** The integration's inbound webhooks (URL, project, events) and, for the chosen one, its recent deliveries. */
export function InboundWebhooksPanel({ integration, inboundEvents }: { integration: Integration; inboundEvents: string[] }) {
  const configs = useInboundWebhooks(integration.id);
  const projects = useProjects('include');
  const remove = useDeleteInboundWebhook(integration.id);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<InboundConfig | undefined>();
  const [deleting, setDeleting] = useState<InboundConfig | undefined>();
  const [selected, setSelected] = useState<string | undefined>();
  const projectName = (id?: string) => projects.data?.data.find((project) => project.id === id)?.name ?? '—';
  if (configs.isPending) {
    return <Skeleton className="h-40" />;
  }
  if (configs.isError) {
    return <ErrorState error={configs.error} onRetry={() => void configs.refetch()} />;
  }
  const chosen = configs.data.find((config) => config.id === selected) ?? configs.data[0];
  return (
    <div className="space-y-6">
      <ItemsCard
        count={configs.data.length}
        empty={{
          title: 'No inbound webhooks',
          description: `Add one, then paste its URL and secret into ${integration.name}'s webhook settings so new issues become tickets.`,
        }}
        title="Webhooks"
        description="Paste the URL into the provider; deliveries are signature-checked with the webhook's secret."
        addLabel="Add webhook"
        onAdd={() => setCreating(true)}
      >
        {configs.data.map((config) => (
          <li key={config.id} className="flex flex-wrap items-center gap-3 px-5 py-3">
            <div className="min-w-0 flex-1">
              <p className="truncate font-mono text-sm text-zinc-900 dark:text-zinc-100">{config.webhookUrl}</p>
              <p className="mt-0.5 text-xs text-zinc-500">
                Project {projectName(config.projectId)} ·{' '}
                {config.allowedEvents.length ? config.allowedEvents.join(', ') : 'all supported events'}
                {config.autoExecute ? ' · auto-executes' : ''}
                {config.rejectedCount ? ` · ${config.rejectedCount} rejected (bad signature)` : ''}
              </p>
            </div>
            {config.hasSecret ? <Badge tone="green">Signed</Badge> : <Badge tone="amber">No secret</Badge>}
            {!config.active && <Badge>Inactive</Badge>}
            <Button
              size="sm"
              variant={chosen?.id === config.id ? 'primary' : 'secondary'}
              aria-pressed={chosen?.id === config.id}
              onClick={() => setSelected(config.id)}
            >
              Deliveries
            </Button>
            <Button
              size="sm"
              variant="ghost"
              className="text-red-600 dark:text-red-400"
              aria-label={`Delete webhook ${config.webhookUrl}`}
              onClick={() => {
                remove.reset();
                setDeleting(config);
              }}
            >
              Delete
            </Button>
          </li>
        ))}
      </ItemsCard>
      {chosen && <DeliveriesView integrationId={integration.id} config={chosen} />}
      <Dialog open={creating} onOpenChange={setCreating} title="Add inbound webhook" description="A signing secret is generated and shown once.">
        {creating && (
          <InboundForm
            integrationId={integration.id}
            inboundEvents={inboundEvents}
            onCancel={() => setCreating(false)}
            onCreated={(config) => {
              setCreating(false);
              setSelected(config.id);
              setCreated(config);
            }}
          />
        )}
      </Dialog>
      <Dialog
        open={!!created}
        onOpenChange={(open) => !open && setCreated(undefined)}
        title="Configure the provider"
        description="Paste both into the provider's webhook settings. The secret is shown only now."
      >
        {created && (
          <div className="space-y-4">
            <div className="space-y-1.5">
              <p className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Payload URL</p>
              <ShownOnce label="Webhook URL" value={created.webhookUrl ?? ''} />
            </div>
            {created.webhookSecret && (
              <div className="space-y-1.5">
                <p className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Secret</p>
                <ShownOnce label="Webhook secret" value={created.webhookSecret} />
              </div>
            )}
            <div className="flex justify-end">
              <Button onClick={() => setCreated(undefined)}>Done</Button>
            </div>
          </div>
        )}
      </Dialog>
      <RemoveDialog
        item={deleting}
        onClose={() => setDeleting(undefined)}
        remove={remove}
        title="Delete this webhook?"
        description="The provider's deliveries to its URL are refused from now on, and its delivery log goes with it."
        confirmLabel="Delete webhook"
        done={() => 'Webhook deleted'}
      >
        <InlineError error={remove.error} />
      </RemoveDialog>
    </div>
  );
}

function InboundForm({
  integrationId,
  inboundEvents,
  onCancel,
  onCreated,
}: {
  integrationId: string;
  inboundEvents: string[];
  onCancel: () => void;
  onCreated: (config: InboundConfig) => void;
}) {
  const projects = useProjects();
  const runners = useRunners();
  const create = useCreateInboundWebhook(integrationId);
  const [projectId, setProjectId] = useState('');
  const [events, setEvents] = useState<string[]>([]);
  const [autoExecute, setAutoExecute] = useState(false);
  const [clankerId, setClankerId] = useState('');
  const errors = fieldErrorsOf(create.error);
  const submit = () => {
    create.mutate(
      {
        projectId: projectId || undefined,
        allowedEvents: events,
        autoExecute,
        clankerId: clankerId || undefined,
        generateSecret: true,
      },
      { onSuccess: onCreated },
    );
  };
  return (
    <DialogForm
      label="Add inbound webhook"
      submitLabel="Add webhook"
      onSubmit={submit}
      onCancel={onCancel}
      busy={create.isPending}
      error={create.error}
    >
      <Field label="Project" error={errors.projectId} hint="Tickets from this webhook land here; the first linked project when empty.">
        {(props) => (
          <Select {...props} value={projectId} onChange={(event) => setProjectId(event.target.value)}>
            <option value="">First linked project</option>
            {(projects.data?.data ?? []).map((project) => (
              <option key={project.id} value={project.id}>
                {project.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {inboundEvents.length > 0 && (
        <Checkboxes
          legend="Events"
          options={inboundEvents}
          value={events}
          onChange={setEvents}
          error={errors.allowedEvents}
          hint="All the events this system supports when none is ticked."
        />
      )}
      <Switch
        checked={autoExecute}
        onChange={setAutoExecute}
        label="Run the agent automatically"
        description="Start a run for every new ticket this webhook creates."
      />
      <Field label="Agent runner" error={errors.clankerId} hint="Needed when runs start automatically.">
        {(props) => (
          <Select {...props} value={clankerId} onChange={(event) => setClankerId(event.target.value)}>
            <option value="">None</option>
            {(runners.data?.data ?? []).map((runner) => (
              <option key={runner.id} value={runner.id}>
                {runner.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
    </DialogForm>
  );
}

/** Recent deliveries of one webhook with their status and reason; failed and ignored ones can be processed again. */
export function DeliveriesView({ integrationId, config }: { integrationId: string; config: InboundConfig }) {
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const deliveries = useDeliveries(integrationId, config.id, status ? [status] : []);
  const redeliver = useRedeliver(integrationId, config.id);
  return (
    <section aria-label="Recent deliveries" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">Recent deliveries</h2>
        <div className="flex items-center gap-2">
          <label htmlFor={`delivery-status-${config.id}`} className="text-sm text-zinc-600 dark:text-zinc-400">
            Status
          </label>
          <Select
            id={`delivery-status-${config.id}`}
            className="w-40"
            value={status}
            onChange={(event) => setStatus(event.target.value as DeliveryStatus | '')}
          >
            <option value="">All</option>
            {DELIVERY_STATUSES.map((value) => (
              <option key={value} value={value}>
                {humanize(value)}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <InlineError error={redeliver.error} />
      {deliveries.isPending ? (
        <Skeleton className="h-32" />
      ) : deliveries.isError ? (
        <ErrorState error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : deliveries.data.data.length === 0 ? (
        <Card>
          <EmptyState
            title={status ? `No ${status} deliveries` : 'No deliveries yet'}
            description="Deliveries appear here as soon as the provider sends one to the webhook URL."
          />
        </Card>
      ) : (
        <DataTable
          label="Deliveries"
          head={
            <>
              <th className={th}>Received</th>
              <th className={th}>Event</th>
              <th className={th}>Status</th>
              <th className={th}>Outcome</th>
              <th className={th}>Attempts</th>
              <th className={th}>
                <span className="sr-only">Actions</span>
              </th>
            </>
          }
        >
          {deliveries.data.data.map((delivery) => (
            <tr key={delivery.id} className={rowClass}>
              <td className={`${td} whitespace-nowrap text-zinc-500`} title={formatDateTime(delivery.receivedAt)}>
                {relativeTime(delivery.receivedAt)}
              </td>
              <td className={`${td} font-mono text-xs`}>{delivery.eventType ?? '—'}</td>
              <td className={td}>
                <Badge tone={DELIVERY_TONE[delivery.status]} dot>
                  {humanize(delivery.status)}
                </Badge>
              </td>
              <td className={`${td} max-w-md text-zinc-600 dark:text-zinc-400`}>
                {delivery.reason ?? (delivery.ticketId ? 'Ticket created or updated' : '—')}
              </td>
              <td className={`${td} text-zinc-500`}>{delivery.attempts}</td>
              <td className={`${td} text-right`}>
                {(delivery.status === 'failed' || delivery.status === 'ignored') && (
                  <Button
                    size="sm"
                    variant="secondary"
                    loading={redeliver.isPending && redeliver.variables === delivery.id}
                    aria-label={`Redeliver ${delivery.eventType ?? 'delivery'} from ${formatDateTime(delivery.receivedAt)}`}
                    onClick={() =>
                      redeliver.mutate(delivery.id, { onSuccess: () => toast.success('Delivery queued again') })
                    }
                  >
                    Redeliver
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
