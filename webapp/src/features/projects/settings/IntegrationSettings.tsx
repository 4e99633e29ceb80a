import { useState } from 'react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { Badge } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { Card, CardBody, CardHeader } from '../../../components/ui/Card';
import { Select } from '../../../components/ui/Field';
import { ErrorState, LoadingBlock } from '../../../components/ui/States';
import { InlineError } from '../../../components/ui/Table';
import {
  useIntegrations,
  useLinkIntegration,
  useMakePrimary,
  useProjectIntegrations,
  useUnlinkIntegration,
} from '../../integrations/api';
import { CATEGORY_LABEL, SYSTEM_LABEL } from '../../integrations/labels';

/** The integrations linked to the project; one SCM and one ticketing integration can be primary. */
export function IntegrationSettings({ projectId }: { projectId: string }) {
  const links = useProjectIntegrations(projectId);
  const all = useIntegrations();
  const link = useLinkIntegration(projectId);
  const unlink = useUnlinkIntegration(projectId);
  const primary = useMakePrimary(projectId);
  const [chosen, setChosen] = useState('');
  // nothing is offered until the project's links are known: offering every integration meanwhile would list linked
  // ones, which vanish from under the pointer when the links arrive
  const linkedIds = links.data ? new Set(links.data.map((entry) => entry.integrationId)) : undefined;
  const available = linkedIds ? (all.data?.data ?? []).filter((integration) => !linkedIds.has(integration.id)) : [];
  return (
    <Card>
      <CardHeader
        title="Integrations"
        description="Issue trackers and repository hosts this project takes tickets from and reports back to."
      />
      <CardBody className="space-y-4">
        {links.isPending ? (
          <LoadingBlock />
        ) : links.isError ? (
          <ErrorState error={links.error} onRetry={() => void links.refetch()} />
        ) : links.data.length === 0 ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">No integrations linked yet.</p>
        ) : (
          <ul className="divide-y divide-zinc-100 rounded-lg ring-1 ring-zinc-200 dark:divide-zinc-800 dark:ring-zinc-800" aria-label="Linked integrations">
            {links.data.map((entry) => (
              <li key={entry.integrationId} className="flex flex-wrap items-center gap-3 px-4 py-2.5">
                <Link
                  to={`/integrations/${entry.integrationId}`}
                  className="min-w-0 flex-1 truncate text-sm font-medium text-zinc-900 hover:underline dark:text-zinc-100"
                >
                  {entry.integration.name}
                </Link>
                <Badge tone="violet">{SYSTEM_LABEL[entry.integration.system]}</Badge>
                <Badge>{CATEGORY_LABEL[entry.integration.category]}</Badge>
                {entry.primary ? (
                  <Badge tone="brand">Primary</Badge>
                ) : (
                  entry.integration.category !== 'inbound' && (
                    <Button
                      size="sm"
                      variant="secondary"
                      loading={primary.isPending && primary.variables === entry.integrationId}
                      aria-label={`Make ${entry.integration.name} primary`}
                      onClick={() =>
                        primary.mutate(entry.integrationId, {
                          onSuccess: () => toast.success(`${entry.integration.name} is the primary ${CATEGORY_LABEL[entry.integration.category]?.toLowerCase()} integration`),
                        })
                      }
                    >
                      Make primary
                    </Button>
                  )
                )}
                <Button
                  size="sm"
                  variant="ghost"
                  className="text-red-600 dark:text-red-400"
                  loading={unlink.isPending && unlink.variables === entry.integrationId}
                  aria-label={`Unlink ${entry.integration.name}`}
                  onClick={() =>
                    unlink.mutate(entry.integrationId, { onSuccess: () => toast.success(`${entry.integration.name} unlinked`) })
                  }
                >
                  Unlink
                </Button>
              </li>
            ))}
          </ul>
        )}
        <InlineError error={link.error ?? unlink.error ?? primary.error} />
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (chosen) {
              link.mutate(
                { integrationId: chosen },
                {
                  onSuccess: () => {
                    toast.success('Integration linked');
                    setChosen('');
                  },
                },
              );
            }
          }}
        >
          <div className="min-w-64 flex-1">
            <label htmlFor={`link-integration-${projectId}`} className="mb-1.5 block text-sm font-medium text-zinc-800 dark:text-zinc-200">
              Link an integration
            </label>
            <Select id={`link-integration-${projectId}`} value={chosen} onChange={(event) => setChosen(event.target.value)}>
              <option value="">{available.length ? 'Choose…' : 'No other integrations'}</option>
              {available.map((integration) => (
                <option key={integration.id} value={integration.id}>
                  {integration.name} ({SYSTEM_LABEL[integration.system]})
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" variant="secondary" disabled={!chosen} loading={link.isPending}>
            Link
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
