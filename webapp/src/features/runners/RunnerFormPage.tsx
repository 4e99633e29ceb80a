import { useState, type FormEvent, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import { ApiError } from '../../api/client';
import type { Runner } from '../../api/types';
import { Button, ButtonLink } from '../../components/ui/Button';
import { Card, CardBody, CardHeader } from '../../components/ui/Card';
import { Field, Input, Select, Textarea } from '../../components/ui/Field';
import { PageHeader } from '../../components/ui/PageHeader';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/ui/States';
import { cn } from '../../lib/cn';
import { fieldErrorsOf, without } from '../../lib/fieldErrors';
import { useTitle } from '../../lib/useTitle';
import { useSecrets } from '../secrets/api';
import { useRunner, useRunnerState, useSaveRunner } from './api';
import {
  AGENTS,
  CONFIG_FIELDS,
  formOf,
  runnerRequest,
  STRATEGIES,
  validateRunner,
  type RunnerForm,
  type Strategy,
} from './runnerForm';

export function NewRunnerPage() {
  useTitle('New agent runner');
  return <RunnerFormView />;
}

export function EditRunnerPage() {
  const { runnerSlug } = useParams();
  const runner = useRunner(runnerSlug);
  useTitle(runner.data ? `Edit ${runner.data.name}` : 'Edit agent runner');
  if (runner.isPending) {
    return <LoadingBlock lines={6} />;
  }
  if (runner.isError) {
    if (runner.error instanceof ApiError && runner.error.status === 404) {
      return (
        <Card className="mx-auto max-w-2xl">
          <EmptyState title="Agent runner not found" action={<ButtonLink to="/runners">All agent runners</ButtonLink>} />
        </Card>
      );
    }
    return <ErrorState error={runner.error} onRetry={() => void runner.refetch()} />;
  }
  return <RunnerFormView runner={runner.data} />;
}

/** Create or edit an agent runner: which agent, where it runs (with that strategy's settings) and its secrets. */
function RunnerFormView({ runner }: { runner?: Runner }) {
  const navigate = useNavigate();
  const save = useSaveRunner(runner?.id);
  const state = useRunnerState();
  const secrets = useSecrets();
  const [form, setForm] = useState<RunnerForm>(() => formOf(runner));
  const [startAfter, setStartAfter] = useState(!runner || runner.status === 'active');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const serverError = save.error ?? state.error;
  const errors = { ...fieldErrorsOf(serverError), ...clientErrors };
  const agent = AGENTS.find((candidate) => candidate.value === form.agent)!;
  const set = (key: 'name' | 'description' | 'model' | 'endpoint' | 'concurrencyLimit') => (event: { target: { value: string } }) => {
    setClientErrors((current) => without(current, key, `agentOptions.${key}`));
    setForm((current) => ({ ...current, [key]: event.target.value }));
  };
  const setConfig = (key: string, value: string) => {
    setClientErrors((current) => without(current, `deploymentConfig.${key}`));
    setForm((current) => ({
      ...current,
      config: { ...current.config, [current.strategy]: { ...current.config[current.strategy], [key]: value } },
    }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateRunner(form);
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      toast.error('Check the highlighted fields');
      return;
    }
    state.reset();
    save.mutate(runnerRequest(form, runner), {
      onSuccess: (saved) => {
        const done = (message: string) => {
          toast.success(message);
          navigate('/runners');
        };
        if (startAfter && saved.status !== 'active') {
          state.mutate(
            { id: saved.id, action: 'start' },
            {
              onSuccess: (started) =>
                done(started.status === 'deploying' ? `${saved.name} saved; provisioning it now` : `${saved.name} saved and started`),
              onError: () => navigate(`/runners/${saved.slug}/edit`, { replace: true }),
            },
          );
        } else {
          done(`${saved.name} saved`);
        }
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Agent runner" className="mx-auto max-w-4xl space-y-6">
      <PageHeader
        title={runner ? `Edit ${runner.name}` : 'New agent runner'}
        crumbs={[{ label: 'Agent runners', to: '/runners' }, { label: runner ? runner.name : 'New' }]}
        description="An agent runner pairs a coding agent with a place to run it."
      />

      <Card>
        <CardHeader title="About" />
        <CardBody className="grid gap-5 sm:grid-cols-2">
          <Field label="Name" required error={errors.name}>
            {(props) => <Input {...props} value={form.name} onChange={set('name')} placeholder="Claude on Docker" />}
          </Field>
          <Field label="Concurrent runs" error={errors.concurrencyLimit} hint={runner ? 'Empty keeps the current limit.' : 'Empty: no limit of its own.'}>
            {(props) => (
              <Input {...props} type="number" min={1} max={1000} value={form.concurrencyLimit} onChange={set('concurrencyLimit')} />
            )}
          </Field>
          <Field label="Description" error={errors.description} className="sm:col-span-2">
            {(props) => <Textarea {...props} rows={2} value={form.description} onChange={set('description')} />}
          </Field>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Agent" description="The coding agent the worker runs." />
        <CardBody className="space-y-5">
          <ChoiceGrid
            label="Agent"
            value={form.agent}
            onChange={(value) => setForm((current) => ({ ...current, agent: value }))}
            options={AGENTS.map((item) => ({ value: item.value, title: item.label, summary: item.summary }))}
            error={errors.agent}
          />
          <div className="grid gap-5 sm:grid-cols-2">
            <Field label="Model" error={errors['agentOptions.model']} hint="Optional: the agent's default when empty.">
              {(props) => <Input {...props} value={form.model} onChange={set('model')} className="font-mono" />}
            </Field>
            <Field label="Endpoint" error={errors['agentOptions.endpoint']} hint="Optional: a compatible API's base URL.">
              {(props) => (
                <Input {...props} value={form.endpoint} onChange={set('endpoint')} className="font-mono" placeholder="https://" />
              )}
            </Field>
          </div>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Where it runs" description="Each run starts a fresh worker here." />
        <CardBody className="space-y-5">
          <ChoiceGrid
            label="Deployment"
            value={form.strategy}
            onChange={(value: Strategy) => setForm((current) => ({ ...current, strategy: value }))}
            options={STRATEGIES.map((item) => ({ value: item.value, title: item.label, summary: item.summary }))}
            error={errors.deploymentStrategy}
          />
          {form.strategy === 'local' ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Nothing to configure: the platform starts <code className="font-mono">viberator job</code> as a child
              process with the settings in its own configuration.
            </p>
          ) : (
            <div className="grid gap-5 sm:grid-cols-2" role="group" aria-label={`${form.strategy} settings`}>
              {CONFIG_FIELDS[form.strategy].map((field) => {
                const value = form.config[form.strategy][field.key] ?? '';
                const error = errors[`deploymentConfig.${field.key}`];
                if (field.kind === 'boolean') {
                  return (
                    <label key={field.key} className="flex items-start gap-2 text-sm text-zinc-800 sm:col-span-2 dark:text-zinc-200">
                      <input
                        type="checkbox"
                        className="mt-0.5"
                        checked={value === 'true'}
                        onChange={(event) => setConfig(field.key, event.target.checked ? 'true' : '')}
                      />
                      <span>
                        {field.label}
                        {field.hint && <span className="block text-xs text-zinc-500">{field.hint}</span>}
                      </span>
                    </label>
                  );
                }
                return (
                  <Field key={field.key} label={field.label} required={field.required} error={error} hint={field.hint}>
                    {(props) =>
                      field.kind === 'select' ? (
                        <Select {...props} value={value} onChange={(event) => setConfig(field.key, event.target.value)}>
                          {field.options!.map((option) => (
                            <option key={option.value} value={option.value}>
                              {option.label}
                            </option>
                          ))}
                        </Select>
                      ) : (
                        <Input
                          {...props}
                          type={field.kind === 'number' ? 'number' : 'text'}
                          min={field.min}
                          max={field.max}
                          step="any"
                          value={value}
                          onChange={(event) => setConfig(field.key, event.target.value)}
                          placeholder={field.placeholder}
                          className="font-mono"
                        />
                      )
                    }
                  </Field>
                );
              })}
            </div>
          )}
        </CardBody>
      </Card>

      <Card>
        <CardHeader
          title="Secrets"
          description={`Delivered to its workers as files, never in the environment. ${agent.label} reads ${agent.keys.slice(0, 2).join(' or ')}.`}
        />
        <CardBody>
          {secrets.isPending ? (
            <LoadingBlock lines={2} />
          ) : secrets.isError ? (
            <ErrorState error={secrets.error} onRetry={() => void secrets.refetch()} />
          ) : secrets.data.data.length === 0 ? (
            <p className="text-sm text-zinc-500">
              No platform-wide secrets yet. Add the agent's API key on the Secrets page first.
            </p>
          ) : (
            <fieldset>
              <legend className="sr-only">Secrets</legend>
              <ul className="grid gap-2 sm:grid-cols-2">
                {secrets.data.data.map((secret) => {
                  const checked = form.secretIds.includes(secret.id);
                  const suggested = agent.keys.includes(secret.name);
                  return (
                    <li key={secret.id}>
                      <label className="flex items-center gap-2 rounded-lg px-3 py-2 text-sm ring-1 ring-zinc-200 hover:bg-zinc-50 dark:ring-zinc-800 dark:hover:bg-zinc-800/40">
                        <input
                          type="checkbox"
                          checked={checked}
                          onChange={(event) =>
                            setForm((current) => ({
                              ...current,
                              secretIds: event.target.checked
                                ? [...current.secretIds, secret.id]
                                : current.secretIds.filter((id) => id !== secret.id),
                            }))
                          }
                        />
                        <span className="font-mono">{secret.name}</span>
                        {suggested && <span className="ml-auto text-xs text-brand-700 dark:text-brand-400">for {agent.label}</span>}
                      </label>
                    </li>
                  );
                })}
              </ul>
              {errors.secretIds && <p className="mt-2 text-sm text-red-600" role="alert">{errors.secretIds}</p>}
            </fieldset>
          )}
        </CardBody>
      </Card>

      {state.error instanceof ApiError && (
        <p role="alert" className="rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200 dark:bg-red-500/10 dark:text-red-300 dark:ring-red-500/30">
          Saved, but it could not start: {state.error.message}
        </p>
      )}

      <div className="flex flex-wrap items-center justify-end gap-4">
        <label className="flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
          <input type="checkbox" checked={startAfter} onChange={(event) => setStartAfter(event.target.checked)} />
          Start it after saving
        </label>
        <ButtonLink to="/runners" variant="secondary">
          Cancel
        </ButtonLink>
        <Button type="submit" loading={save.isPending || state.isPending}>
          {runner ? 'Save changes' : 'Create agent runner'}
        </Button>
      </div>
    </form>
  );
}

/** A radio group drawn as cards (arrow keys move between them, as in any radio group). */
function ChoiceGrid<T extends string>({
  label,
  value,
  onChange,
  options,
  error,
}: {
  label: string;
  value: T;
  onChange: (value: T) => void;
  options: { value: T; title: string; summary: ReactNode }[];
  error?: string;
}) {
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-medium text-zinc-800 dark:text-zinc-200">{label}</legend>
      <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
        {options.map((option) => (
          <label
            key={option.value}
            className={cn(
              'flex cursor-pointer flex-col rounded-lg p-3 ring-1 transition has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500',
              value === option.value
                ? 'bg-brand-50 ring-brand-400 dark:bg-brand-500/10 dark:ring-brand-500/50'
                : 'ring-zinc-200 hover:bg-zinc-50 dark:ring-zinc-800 dark:hover:bg-zinc-800/40',
            )}
          >
            <input
              type="radio"
              name={label}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              className="sr-only"
            />
            <span className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{option.title}</span>
            <span className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">{option.summary}</span>
          </label>
        ))}
      </div>
      {error && (
        <p className="mt-2 text-sm text-red-600" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
