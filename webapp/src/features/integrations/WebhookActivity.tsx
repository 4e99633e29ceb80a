import { Link } from 'react-router';
import { Badge } from '../../components/ui/Badge';
import { Card, CardBody, CardHeader } from '../../components/ui/Card';
import { ErrorState, LoadingBlock } from '../../components/ui/States';
import { formatDateTime, relativeTime } from '../../lib/format';
import { useWebhookStatus, type Integration } from './api';
import { SYSTEM_LABEL } from './labels';

const percent = (rate: number | undefined) => `${Math.round((rate ?? 0) * 100)} %`;

/** Every inbound webhook's last 24 hours at a glance, with the most recent failed deliveries across all of them. */
export function WebhookActivity({ integrations }: { integrations: Integration[] }) {
  const status = useWebhookStatus(true);
  const nameOf = (id: string | undefined) => integrations.find((integration) => integration.id === id)?.name ?? 'Integration';
  return (
    <Card className="mt-6">
      <CardHeader title="Webhook activity" description="Deliveries in the last 24 hours, per webhook, and the latest failures." />
      <CardBody>
        {status.isPending ? (
          <LoadingBlock />
        ) : status.isError ? (
          <ErrorState error={status.error} onRetry={() => void status.refetch()} />
        ) : status.data.webhooks.length === 0 ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">No inbound webhooks yet: open an integration to add one.</p>
        ) : (
          <div className="grid gap-6 lg:grid-cols-2">
            <ul className="space-y-2" aria-label="Webhooks in the last 24 hours">
              {status.data.webhooks.map((webhook) => {
                const counts = webhook.deliveries ?? {};
                return (
                  <li key={webhook.id} className="flex flex-wrap items-center gap-2 text-sm">
                    <Link
                      to={`/integrations/${webhook.integrationId}`}
                      className="font-medium text-zinc-900 hover:underline dark:text-zinc-100"
                    >
                      {nameOf(webhook.integrationId)}
                    </Link>
                    <span className="text-xs text-zinc-500">{webhook.provider ? SYSTEM_LABEL[webhook.provider] : ''}</span>
                    <span className="ml-auto flex flex-wrap gap-1.5">
                      <Badge>{counts.received ?? 0} received</Badge>
                      <Badge tone="green">{counts.processed ?? 0} processed</Badge>
                      {(counts.failed ?? 0) > 0 && (
                        <Badge tone="red">
                          {counts.failed} failed ({percent(counts.failureRate)})
                        </Badge>
                      )}
                      {(webhook.rejected ?? 0) > 0 && (
                        <Badge tone="amber" title={`last ${formatDateTime(webhook.lastRejectedAt)}`}>
                          {webhook.rejected} bad signatures
                        </Badge>
                      )}
                    </span>
                  </li>
                );
              })}
            </ul>
            <div>
              <h3 className="mb-2 text-xs font-medium tracking-wide text-zinc-500 uppercase">
                Recent failures ({status.data.failedDeliveries?.count ?? 0} in all)
              </h3>
              {(status.data.failedDeliveries?.recent ?? []).length === 0 ? (
                <p className="text-sm text-zinc-500 dark:text-zinc-400">None.</p>
              ) : (
                <ul className="space-y-1.5 text-sm" aria-label="Recent failed deliveries">
                  {(status.data.failedDeliveries?.recent ?? []).map((delivery) => {
                    const webhook = status.data.webhooks.find((entry) => entry.id === delivery.webhookConfigId);
                    return (
                      <li key={delivery.id} className="text-zinc-700 dark:text-zinc-300">
                        <span className="mr-2 text-xs text-zinc-500" title={formatDateTime(delivery.receivedAt)}>
                          {relativeTime(delivery.receivedAt)}
                        </span>
                        <Link to={`/integrations/${webhook?.integrationId ?? ''}`} className="font-medium hover:underline">
                          {nameOf(webhook?.integrationId)}
                        </Link>
                        : {delivery.reason ?? delivery.eventType}
                      </li>
                    );
                  })}
                </ul>
              )}
            </div>
          </div>
        )}
      </CardBody>
    </Card>
  );
}
