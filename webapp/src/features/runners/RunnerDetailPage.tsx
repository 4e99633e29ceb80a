import { useEffect, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { toast } from 'sonner';
import type { Runner } from '../../api/types';
import { Badge } from '../../components/ui/Badge';
import { Button, ButtonLink } from '../../components/ui/Button';
import { Card, CardBody, CardHeader } from '../../components/ui/Card';
import { ConfirmDialog } from '../../components/ui/Dialog';
import { Field, Input, Select, Textarea } from '../../components/ui/Field';
import { CircleCheckIcon, AlertIcon, PlusIcon } from '../../components/ui/icons';
import { PageHeader } from '../../components/ui/PageHeader';
import { ErrorState, LoadingBlock, Skeleton } from '../../components/ui/States';
import { InlineError } from '../../components/ui/Table';
import { fieldErrorsOf } from '../../lib/fieldErrors';
import { formatBytes, formatDateTime, humanize, relativeTime } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { RunnerCostSettings } from '../usage/CostSettings';
import {
  useDeleteInstructionFile,
  useInstructionFiles,
  useRunnerHealth,
  useRunnerLive,
  useRunnerState,
  useSaveInstructionFile,
  useSaveRunner,
  useWorkerImages,
  type InstructionFile,
} from './api';
import { AGENT_LABEL, STATUS_TONE, STRATEGY_LABEL } from './RunnersPage';

/** One agent runner: provisioning and health, the worker image, and its instruction files (AGENTS.md, skills). */
export function RunnerDetailPage() {
  const { runnerSlug } = useParams();
  const runner = useRunnerLive(runnerSlug);
  useTitle(runner.data?.name ?? 'Agent runner');
  if (runner.isPending) {
    return <Skeleton className="h-64" />;
  }
  if (runner.isError) {
    return <ErrorState error={runner.error} onRetry={() => void runner.refetch()} />;
  }
  const current = runner.data;
  return (
    <>
      <PageHeader
        title={current.name}
        crumbs={[{ label: 'Agent runners', to: '/runners' }, { label: current.name }]}
        description={current.description}
        badges={
          <>
            <Badge tone={STATUS_TONE[current.status]} dot>
              {humanize(current.status)}
            </Badge>
            <Badge tone="brand">{AGENT_LABEL[current.agent]}</Badge>
            <Badge>{STRATEGY_LABEL[current.deploymentStrategy]}</Badge>
          </>
        }
        actions={
          <>
            <StateButton runner={current} />
            <ButtonLink variant="secondary" to={`/runners/${current.slug}/edit`}>
              Edit
            </ButtonLink>
          </>
        }
      />
      <div className="grid gap-6 xl:grid-cols-2">
        <ProvisioningCard runner={current} />
        <HealthCard runner={current} />
        {(current.deploymentStrategy === 'docker' || current.deploymentStrategy === 'kubernetes') && (
          <ImageCard runner={current} />
        )}
      </div>
      <InstructionFiles runner={current} />
      <div className="mt-6">
        <RunnerCostSettings runnerId={current.id} />
      </div>
    </>
  );
}

function StateButton({ runner }: { runner: Runner }) {
  const change = useRunnerState();
  return runner.status === 'active' ? (
    <Button
      variant="secondary"
      loading={change.isPending}
      onClick={() =>
        change.mutate({ id: runner.id, action: 'deactivate' }, { onSuccess: () => toast.success(`${runner.name} deactivated`) })
      }
    >
      Deactivate
    </Button>
  ) : (
    <Button
      loading={change.isPending || runner.status === 'deploying'}
      onClick={() =>
        change.mutate({ id: runner.id, action: 'start' }, { onSuccess: () => toast.success(`${runner.name} is provisioning`) })
      }
    >
      {runner.status === 'failed' ? 'Retry provisioning' : 'Start'}
    </Button>
  );
}

function ProvisioningCard({ runner }: { runner: Runner }) {
  const provisioning = runner.provisioning;
  const steps = provisioning?.messages ?? [];
  return (
    <Card>
      <CardHeader
        title="Provisioning"
        description={
          provisioning?.startedAt
            ? `Started ${relativeTime(provisioning.startedAt)}${provisioning.finishedAt ? `, finished ${relativeTime(provisioning.finishedAt)}` : ''}`
            : 'Starting the runner provisions its runtime and checks it.'
        }
      />
      <CardBody className="space-y-3">
        {runner.statusMessage && <p className="text-sm text-zinc-700 dark:text-zinc-300">{runner.statusMessage}</p>}
        {runner.missingConfiguration && runner.missingConfiguration.length > 0 && (
          <p role="alert" className="text-sm text-amber-700 dark:text-amber-400">
            Missing configuration: {runner.missingConfiguration.join(', ')}
          </p>
        )}
        {provisioning?.lastError && <InlineError error={new Error(provisioning.lastError)} />}
        {steps.length > 0 ? (
          <ol className="space-y-1.5 border-l border-zinc-200 pl-4 text-sm dark:border-zinc-800" aria-label="Provisioning steps">
            {steps.map((step, index) => (
              <li key={`${step.at}-${index}`} className="text-zinc-700 dark:text-zinc-300">
                <span className="mr-2 font-mono text-xs text-zinc-400">{step.at ? formatDateTime(step.at) : ''}</span>
                {step.message}
              </li>
            ))}
          </ol>
        ) : (
          !runner.statusMessage && <p className="text-sm text-zinc-500">Not provisioned yet.</p>
        )}
        {provisioning?.resources && Object.keys(provisioning.resources).length > 0 && (
          <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1 text-sm">
            {Object.entries(provisioning.resources).map(([key, value]) => (
              <div key={key} className="contents">
                <dt className="text-zinc-500">{humanize(key)}</dt>
                <dd className="truncate font-mono text-xs text-zinc-800 dark:text-zinc-200">{String(value)}</dd>
              </div>
            ))}
          </dl>
        )}
      </CardBody>
    </Card>
  );
}

const CHECK_LABEL: Record<string, string> = {
  configurationComplete: 'Configuration complete',
  runtimeReachable: 'Runtime reachable',
  resourceExists: 'Image / task definition / function exists',
};

function HealthCard({ runner }: { runner: Runner }) {
  const health = useRunnerHealth(runner.id);
  const last = runner.provisioning;
  return (
    <Card>
      <CardHeader
        title="Health"
        description={
          last?.lastCheckedAt ? `Last checked ${relativeTime(last.lastCheckedAt)}` : 'Check that the runtime can take runs now.'
        }
        actions={
          <Button size="sm" variant="secondary" loading={health.isPending} onClick={() => health.mutate()}>
            Check now
          </Button>
        }
      />
      <CardBody className="space-y-3">
        <InlineError error={health.error} />
        {health.data ? (
          <div role="status" className="space-y-2">
            <p className="flex items-center gap-2 text-sm font-medium">
              {health.data.healthy ? (
                <>
                  <CircleCheckIcon className="size-5 text-emerald-600" /> Healthy
                </>
              ) : (
                <>
                  <AlertIcon className="size-5 text-red-600" /> Unhealthy
                </>
              )}
            </p>
            {health.data.message && <p className="text-sm text-zinc-600 dark:text-zinc-400">{health.data.message}</p>}
            <ul className="space-y-1 text-sm">
              {Object.entries(health.data.checks ?? {}).map(([key, ok]) => (
                <li key={key} className="flex items-center gap-2 text-zinc-700 dark:text-zinc-300">
                  <Badge tone={ok ? 'green' : 'red'}>{ok ? 'Yes' : 'No'}</Badge>
                  {CHECK_LABEL[key] ?? humanize(key)}
                </li>
              ))}
            </ul>
          </div>
        ) : last?.lastCheckedAt ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {last.healthy ? 'Healthy' : 'Unhealthy'} at the last check{last.checkMessage ? `: ${last.checkMessage}` : '.'}
          </p>
        ) : (
          <p className="text-sm text-zinc-500">No check yet.</p>
        )}
      </CardBody>
    </Card>
  );
}

/** The worker image: the agent's catalog image (the default) or a custom one, saved into deploymentConfig.image. */
function ImageCard({ runner }: { runner: Runner }) {
  const images = useWorkerImages();
  const save = useSaveRunner(runner.id);
  const configured = typeof runner.deploymentConfig?.image === 'string' ? (runner.deploymentConfig.image as string) : '';
  const catalog = images.data?.find((image) => image.agent === runner.agent);
  // starting a runner writes the catalog image it checked into its configuration: that is still "the catalog's"
  const fromCatalog = !configured || configured === catalog?.image;
  const [mode, setMode] = useState<'catalog' | 'custom'>(fromCatalog ? 'catalog' : 'custom');
  const [custom, setCustom] = useState(fromCatalog ? '' : configured);
  useEffect(() => {
    setMode(fromCatalog ? 'catalog' : 'custom');
    setCustom(fromCatalog ? '' : configured);
  }, [configured, fromCatalog]);
  const errors = fieldErrorsOf(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const deploymentConfig: Record<string, unknown> = { ...(runner.deploymentConfig ?? {}) };
    if (mode === 'custom' && custom.trim()) {
      deploymentConfig.image = custom.trim();
    } else {
      delete deploymentConfig.image;
    }
    save.mutate({ deploymentConfig }, { onSuccess: () => toast.success('Worker image saved; start the runner to use it') });
  };
  return (
    <Card>
      <CardHeader title="Worker image" description="The container image runs start from. Changing it makes the runner inactive until started again." />
      <CardBody>
        {images.isPending ? (
          <LoadingBlock lines={2} />
        ) : images.isError ? (
          <ErrorState error={images.error} onRetry={() => void images.refetch()} />
        ) : (
          <form onSubmit={submit} className="space-y-4" aria-label="Worker image">
            <Field label="Image source">
              {(props) => (
                <Select {...props} value={mode} onChange={(event) => setMode(event.target.value as 'catalog' | 'custom')}>
                  <option value="catalog">Catalog: {catalog?.image ?? 'the platform default'}</option>
                  <option value="custom">Custom image</option>
                </Select>
              )}
            </Field>
            {mode === 'custom' && (
              <Field label="Custom image" required error={errors['deploymentConfig.image'] ?? errors.deploymentConfig}>
                {(props) => (
                  <Input
                    {...props}
                    value={custom}
                    spellCheck={false}
                    className="font-mono"
                    placeholder="registry.example.com/viberglass/worker-claude-code:1.2.0"
                    onChange={(event) => setCustom(event.target.value)}
                  />
                )}
              </Field>
            )}
            <div className="flex justify-end">
              <Button type="submit" loading={save.isPending} disabled={mode === 'custom' && !custom.trim()}>
                Save image
              </Button>
            </div>
          </form>
        )}
      </CardBody>
    </Card>
  );
}

const FILE_PATTERN = /^(AGENTS\.md|CLAUDE\.md|GEMINI\.md|opencode\.json|skills\/(?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_.-]+\.md)$/;

export function validateFilePath(path: string, existing: string[]): string | undefined {
  if (!FILE_PATTERN.test(path)) {
    return 'Use AGENTS.md, CLAUDE.md, GEMINI.md, opencode.json or a markdown file under skills/';
  }
  if (existing.includes(path)) {
    return 'That file exists already; pick it from the list to edit it';
  }
  return undefined;
}

/** The files the worker writes into the repository before the agent starts: edit, add, delete. */
function InstructionFiles({ runner }: { runner: Runner }) {
  const files = useInstructionFiles(runner.id);
  const [selected, setSelected] = useState<string | undefined>();
  const [adding, setAdding] = useState(false);
  const list = files.data ?? [];
  const current = adding ? undefined : (list.find((file) => file.path === selected) ?? list[0]);
  return (
    <Card className="mt-6">
      <CardHeader
        title="Instruction files"
        description="AGENTS.md and skills/**/*.md are written into the repository before the agent starts, on every run of this runner."
        actions={
          <Button size="sm" variant="secondary" onClick={() => setAdding(true)}>
            <PlusIcon /> New file
          </Button>
        }
      />
      <CardBody>
        {files.isPending ? (
          <LoadingBlock />
        ) : files.isError ? (
          <ErrorState error={files.error} onRetry={() => void files.refetch()} />
        ) : (
          <div className="grid gap-4 md:grid-cols-[14rem_1fr]">
            <nav aria-label="Instruction files">
              {list.length === 0 && !adding ? (
                <p className="text-sm text-zinc-500">No files yet. Start with AGENTS.md.</p>
              ) : (
                <ul className="space-y-0.5">
                  {list.map((file) => (
                    <li key={file.path}>
                      <button
                        type="button"
                        aria-current={current?.path === file.path ? 'true' : undefined}
                        onClick={() => {
                          setAdding(false);
                          setSelected(file.path);
                        }}
                        className={
                          current?.path === file.path
                            ? 'w-full truncate rounded-md bg-zinc-100 px-2 py-1.5 text-left font-mono text-sm text-zinc-900 dark:bg-zinc-800 dark:text-white'
                            : 'w-full truncate rounded-md px-2 py-1.5 text-left font-mono text-sm text-zinc-600 hover:bg-zinc-50 dark:text-zinc-400 dark:hover:bg-zinc-800/60'
                        }
                      >
                        {file.path}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
              {(runner.instructionFiles ?? []).length > 0 && (
                <p className="mt-3 text-xs text-zinc-500">
                  {formatBytes((runner.instructionFiles ?? []).reduce((sum, file) => sum + (file.sizeBytes ?? 0), 0))} in total
                </p>
              )}
            </nav>
            {adding ? (
              <FileEditor
                key="new"
                runnerId={runner.id}
                existing={list.map((file) => file.path)}
                onSaved={(path) => {
                  setAdding(false);
                  setSelected(path);
                }}
                onCancel={() => setAdding(false)}
              />
            ) : current ? (
              <FileEditor key={current.path} runnerId={runner.id} file={current} existing={[]} onSaved={setSelected} />
            ) : null}
          </div>
        )}
      </CardBody>
    </Card>
  );
}

function FileEditor({
  runnerId,
  file,
  existing,
  onSaved,
  onCancel,
}: {
  runnerId: string;
  file?: InstructionFile;
  existing: string[];
  onSaved: (path: string) => void;
  onCancel?: () => void;
}) {
  const save = useSaveInstructionFile(runnerId);
  const remove = useDeleteInstructionFile(runnerId);
  const [path, setPath] = useState(file?.path ?? (existing.includes('AGENTS.md') ? 'skills/' : 'AGENTS.md'));
  const [content, setContent] = useState(file?.content ?? '');
  const [pathError, setPathError] = useState<string | undefined>();
  const [deleting, setDeleting] = useState(false);
  const errors = fieldErrorsOf(save.error);
  const dirty = content !== (file?.content ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      const problem = validateFilePath(path.trim(), existing);
      setPathError(problem);
      if (problem) {
        return;
      }
    }
    const target = file?.path ?? path.trim();
    save.mutate({ path: target, content }, { onSuccess: () => {
      toast.success(`${target} saved`);
      onSaved(target);
    } });
  };
  return (
    <form onSubmit={submit} className="space-y-3" aria-label={file ? `Edit ${file.path}` : 'New instruction file'}>
      {file ? (
        <p className="text-xs text-zinc-500">
          <span className="font-mono text-sm text-zinc-800 dark:text-zinc-200">{file.path}</span>
          {file.updatedAt && ` · updated ${relativeTime(file.updatedAt)}`}
        </p>
      ) : (
        <Field label="Path" required error={pathError ?? errors.path} hint="AGENTS.md, CLAUDE.md, GEMINI.md, opencode.json or skills/<name>.md">
          {(props) => (
            <Input
              {...props}
              className="font-mono"
              spellCheck={false}
              value={path}
              onChange={(event) => {
                setPathError(undefined);
                setPath(event.target.value);
              }}
            />
          )}
        </Field>
      )}
      <Field label="Content" error={errors.content}>
        {(props) => (
          <Textarea
            {...props}
            rows={16}
            className="font-mono text-[13px] leading-relaxed"
            spellCheck={false}
            value={content}
            onChange={(event) => setContent(event.target.value)}
          />
        )}
      </Field>
      {save.error && !Object.keys(errors).length && <InlineError error={save.error} />}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" loading={save.isPending} disabled={!!file && !dirty}>
          {file ? 'Save' : 'Create file'}
        </Button>
        {file && dirty && (
          <Button variant="ghost" onClick={() => setContent(file.content)}>
            Discard changes
          </Button>
        )}
        {onCancel && (
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        )}
        {file && (
          <Button
            variant="ghost"
            className="ml-auto text-red-600 dark:text-red-400"
            onClick={() => {
              remove.reset();
              setDeleting(true);
            }}
          >
            Delete file
          </Button>
        )}
      </div>
      {file && (
        <ConfirmDialog
          open={deleting}
          onOpenChange={setDeleting}
          title={`Delete ${file.path}?`}
          description="Runs of this runner no longer get it."
          confirmLabel="Delete file"
          busy={remove.isPending}
          onConfirm={() =>
            remove.mutate(file.path, {
              onSuccess: () => {
                toast.success(`${file.path} deleted`);
                setDeleting(false);
              },
            })
          }
        >
          <InlineError error={remove.error} />
        </ConfirmDialog>
      )}
    </form>
  );
}
