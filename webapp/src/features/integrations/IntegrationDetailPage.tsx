import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import { Badge } from '../../components/ui/Badge';
import { Button } from '../../components/ui/Button';
import { Card } from '../../components/ui/Card';
import { ConfirmDialog } from '../../components/ui/Dialog';
import { PageHeader } from '../../components/ui/PageHeader';
import { ErrorState, Skeleton } from '../../components/ui/States';
import { InlineError } from '../../components/ui/Table';
import { Tabs } from '../../components/ui/Tabs';
import { useTitle } from '../../lib/useTitle';
import { useDeleteIntegration, useIntegration, useIntegrationTypes, useTestIntegration } from './api';
import { FeedbackTargetsPanel } from './FeedbackTargetsPanel';
import { InboundWebhooksPanel } from './InboundWebhooksPanel';
import { TestButton } from './IntegrationsPage';
import { CATEGORY_LABEL, settingLabel, SYSTEM_LABEL } from './labels';

type Section = 'inbound' | 'outbound' | 'settings';

/** One integration: its settings, its inbound webhooks with their deliveries, and its feedback targets. */
export function IntegrationDetailPage() {
  const { integrationId } = useParams();
  const integration = useIntegration(integrationId);
  const types = useIntegrationTypes();
  const test = useTestIntegration();
  const remove = useDeleteIntegration();
  const navigate = useNavigate();
  const [deleting, setDeleting] = useState(false);
  const plugin = types.data?.find((type) => type.id === integration.data?.system);
  const [section, setSection] = useState<Section | undefined>();
  useTitle(integration.data?.name ?? 'Integration');

  if (integration.isPending) {
    return <Skeleton className="h-64" />;
  }
  if (integration.isError) {
    return <ErrorState error={integration.error} onRetry={() => void integration.refetch()} />;
  }
  const current = integration.data;
  const supportsWebhooks = plugin?.supportsWebhooks ?? true;
  const active: Section = section ?? (supportsWebhooks ? 'inbound' : 'outbound');
  const tabs = [
    ...(supportsWebhooks ? [{ value: 'inbound' as const, label: 'Inbound webhooks' }] : []),
    { value: 'outbound' as const, label: 'Feedback targets' },
    { value: 'settings' as const, label: 'Settings' },
  ];
  return (
    <>
      <PageHeader
        title={current.name}
        crumbs={[{ label: 'Integrations', to: '/integrations' }, { label: current.name }]}
        badges={
          <>
            <Badge tone="violet">{SYSTEM_LABEL[current.system]}</Badge>
            <Badge>{CATEGORY_LABEL[current.category]}</Badge>
            {current.active ? (
              <Badge tone="green" dot>
                Active
              </Badge>
            ) : (
              <Badge dot>Inactive</Badge>
            )}
          </>
        }
        actions={
          <>
            <TestButton integration={current} test={test} />
            <Button
              size="sm"
              variant="ghost"
              className="text-red-600 dark:text-red-400"
              onClick={() => {
                remove.reset();
                setDeleting(true);
              }}
            >
              Delete
            </Button>
          </>
        }
      />
      <Tabs label="Integration sections" tabs={tabs} value={active} onChange={setSection}>
        {active === 'inbound' ? (
          <InboundWebhooksPanel integration={current} inboundEvents={plugin?.inboundEvents ?? []} />
        ) : active === 'outbound' ? (
          <FeedbackTargetsPanel integration={current} />
        ) : (
          <Card className="p-5">
            <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_1fr]">
              <dt className="text-zinc-500">Token</dt>
              <dd className="text-zinc-900 dark:text-zinc-100">{current.hasToken ? 'Stored as a secret (write-only)' : 'None'}</dd>
              {Object.entries(current.config ?? {}).map(([key, value]) => (
                <div key={key} className="contents">
                  <dt className="text-zinc-500">{settingLabel(key)}</dt>
                  <dd className="font-mono text-zinc-900 dark:text-zinc-100">{String(value)}</dd>
                </div>
              ))}
            </dl>
          </Card>
        )}
      </Tabs>
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title={`Delete ${current.name}?`}
        description="Its webhooks (with their delivery logs), feedback targets and project links go with it."
        confirmLabel="Delete integration"
        busy={remove.isPending}
        onConfirm={() =>
          remove.mutate(current.id, {
            onSuccess: () => {
              toast.success(`${current.name} deleted`);
              void navigate('/integrations');
            },
          })
        }
      >
        <InlineError error={remove.error} />
      </ConfirmDialog>
    </>
  );
}
