import { useState } from 'react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { Badge } from '../../components/ui/Badge';
import { Button } from '../../components/ui/Button';
import { DialogForm } from '../../components/ui/DialogForm';
import { Card } from '../../components/ui/Card';
import { Dialog } from '../../components/ui/Dialog';
import { Field, Input, Select } from '../../components/ui/Field';
import { PlugIcon, PlusIcon } from '../../components/ui/icons';
import { PageHeader } from '../../components/ui/PageHeader';
import { EmptyState, ErrorState, Skeleton } from '../../components/ui/States';
import { DataTable, rowClass, td, th } from '../../components/ui/Table';
import { fieldErrorsOf, without } from '../../lib/fieldErrors';
import { relativeTime } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { useIntegrations, useIntegrationTypes, useSaveIntegration, useTestIntegration, type Integration, type IntegrationRequest, type PluginInfo } from './api';
import { useMe } from '../auth/api';
import { CATEGORY_LABEL, settingLabel, SYSTEM_LABEL } from './labels';
import { WebhookActivity } from './WebhookActivity';

/** The integrations with ticketing and source-control systems: create from the plugin registry, test the connection. */
export function IntegrationsPage() {
  useTitle('Integrations');
  const integrations = useIntegrations();
  const test = useTestIntegration();
  const me = useMe();
  // the operations view is for administrators (authentication off means the local administrator)
  const isAdmin = !me.data || me.data.user.role === 'admin';
  const [creating, setCreating] = useState(false);
  const newButton = (
    <Button onClick={() => setCreating(true)}>
      <PlusIcon /> New integration
    </Button>
  );
  return (
    <>
      <PageHeader
        title="Integrations"
        description="Connections to GitHub, GitLab, Jira, Shortcut, Slack and custom senders: where tickets come from and where results go."
        actions={newButton}
      />
      {integrations.isPending ? (
        <Skeleton className="h-48" />
      ) : integrations.isError ? (
        <ErrorState error={integrations.error} onRetry={() => void integrations.refetch()} />
      ) : integrations.data.data.length === 0 ? (
        <Card>
          <EmptyState
            icon={<PlugIcon className="size-6" />}
            title="No integrations yet"
            description="Connect an issue tracker or repository host, then link it to a project and add its webhook."
            action={newButton}
          />
        </Card>
      ) : (
        <DataTable
          label="Integrations"
          head={
            <>
              <th className={th}>Name</th>
              <th className={th}>System</th>
              <th className={th}>Kind</th>
              <th className={th}>Token</th>
              <th className={th}>Created</th>
              <th className={th}>
                <span className="sr-only">Actions</span>
              </th>
            </>
          }
        >
          {integrations.data.data.map((integration) => (
            <tr key={integration.id} className={rowClass}>
              <td className={`${td} font-medium`}>
                <Link
                  to={`/integrations/${integration.id}`}
                  className="text-zinc-900 hover:text-brand-700 hover:underline dark:text-zinc-100 dark:hover:text-brand-300"
                >
                  {integration.name}
                </Link>
                {!integration.active && (
                  <Badge tone="gray" className="ml-2">
                    Inactive
                  </Badge>
                )}
              </td>
              <td className={td}>{SYSTEM_LABEL[integration.system]}</td>
              <td className={`${td} text-zinc-600 dark:text-zinc-400`}>{CATEGORY_LABEL[integration.category]}</td>
              <td className={td}>
                {integration.hasToken ? <Badge tone="green">Stored</Badge> : <span className="text-zinc-400">None</span>}
              </td>
              <td className={`${td} whitespace-nowrap text-zinc-500`}>{relativeTime(integration.createdAt)}</td>
              <td className={`${td} text-right`}>
                <TestButton integration={integration} test={test} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {isAdmin && integrations.data && integrations.data.data.length > 0 && (
        <WebhookActivity integrations={integrations.data.data} />
      )}
      <Dialog
        open={creating}
        onOpenChange={setCreating}
        title="New integration"
        description="Its token is stored as a secret and never shown again."
      >
        {creating && <IntegrationForm onDone={() => setCreating(false)} />}
      </Dialog>
    </>
  );
}

/** "Test connection": the provider's answer as a toast, success or not. */
export function TestButton({ integration, test }: { integration: Integration; test: ReturnType<typeof useTestIntegration> }) {
  return (
    <Button
      size="sm"
      variant="secondary"
      aria-label={`Test connection of ${integration.name}`}
      loading={test.isPending && test.variables === integration.id}
      onClick={() =>
        test.mutate(integration.id, {
          onSuccess: (result) =>
            result.success
              ? toast.success(`${integration.name}: connection works`, { description: result.message })
              : toast.error(`${integration.name}: connection failed`, { description: result.message }),
        })
      }
    >
      Test connection
    </Button>
  );
}

interface IntegrationFormState {
  system: string;
  name: string;
  token: string;
  config: Record<string, string>;
}

/** The request: settings trimmed, blank ones left out, no token when none is given. */
export function integrationRequest(form: IntegrationFormState): IntegrationRequest {
  const config: Record<string, string> = {};
  for (const [key, value] of Object.entries(form.config)) {
    if (value.trim()) {
      config[key] = value.trim();
    }
  }
  return {
    system: form.system as IntegrationRequest['system'],
    name: form.name.trim(),
    token: form.token ? form.token : undefined,
    // settings are strings; the schema types the map's values loosely
    config: config as unknown as IntegrationRequest['config'],
  };
}

export function validateIntegration(form: IntegrationFormState, plugin: PluginInfo | undefined): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!plugin) {
    errors.system = 'Pick the system to connect';
  }
  if (!form.name.trim()) {
    errors.name = 'A name is needed';
  }
  for (const setting of plugin?.requiredSettings ?? []) {
    if (!form.config[setting]?.trim()) {
      errors[`config.${setting}`] = 'Required for this system';
    }
  }
  return errors;
}

function IntegrationForm({ onDone }: { onDone: () => void }) {
  const types = useIntegrationTypes();
  const save = useSaveIntegration();
  const [form, setForm] = useState<IntegrationFormState>({ system: '', name: '', token: '', config: {} });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const plugin = types.data?.find((type) => type.id === form.system);
  const errors = { ...fieldErrorsOf(save.error), ...clientErrors };
  if (types.isPending) {
    return <Skeleton className="h-40" />;
  }
  if (types.isError) {
    return <ErrorState error={types.error} onRetry={() => void types.refetch()} />;
  }
  const submit = () => {
    const found = validateIntegration(form, plugin);
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      return;
    }
    save.mutate(integrationRequest(form), {
      onSuccess: (saved) => {
        toast.success(`${saved.name} created`);
        onDone();
      },
    });
  };
  const settingField = (setting: string, required: boolean) => (
    <Field key={setting} label={settingLabel(setting)} required={required} error={errors[`config.${setting}`]}>
      {(props) => (
        <Input
          {...props}
          value={form.config[setting] ?? ''}
          spellCheck={false}
          onChange={(event) => {
            setClientErrors((current) => without(current, `config.${setting}`));
            setForm((current) => ({ ...current, config: { ...current.config, [setting]: event.target.value } }));
          }}
        />
      )}
    </Field>
  );
  return (
    <DialogForm
      label="New integration"
      submitLabel="Create integration"
      onSubmit={submit}
      onCancel={onDone}
      busy={save.isPending}
      error={save.error}
    >
      <Field label="System" required error={errors.system} hint={plugin ? `${CATEGORY_LABEL[plugin.category]} integration` : undefined}>
        {(props) => (
          <Select
            {...props}
            value={form.system}
            onChange={(event) => {
              const system = event.target.value;
              const chosen = types.data.find((type) => type.id === system);
              setClientErrors({});
              setForm((current) => ({
                ...current,
                system,
                name: current.name || (chosen ? chosen.label : ''),
                config: {},
              }));
            }}
          >
            <option value="">Choose…</option>
            {types.data.map((type) => (
              <option key={type.id} value={type.id}>
                {type.label}
                {type.status && type.status !== 'ready' ? ` (${type.status})` : ''}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Name" required error={errors.name}>
        {(props) => (
          <Input
            {...props}
            value={form.name}
            onChange={(event) => {
              setClientErrors((current) => without(current, 'name'));
              setForm((current) => ({ ...current, name: event.target.value }));
            }}
          />
        )}
      </Field>
      {plugin && plugin.id !== 'custom' && (
        <Field label="Access token" error={errors.token} hint="Stored encrypted as a secret; write-only.">
          {(props) => (
            <Input
              {...props}
              type="password"
              autoComplete="off"
              value={form.token}
              onChange={(event) => setForm((current) => ({ ...current, token: event.target.value }))}
            />
          )}
        </Field>
      )}
      {plugin?.requiredSettings.map((setting) => settingField(setting, true))}
      {plugin?.optionalSettings.map((setting) => settingField(setting, false))}
    </DialogForm>
  );
}
