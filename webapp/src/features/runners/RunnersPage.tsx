import { useState } from 'react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import type { Runner, RunnerStatus } from '../../api/types';
import { Badge, type Tone } from '../../components/ui/Badge';
import { Button, ButtonLink } from '../../components/ui/Button';
import { Card } from '../../components/ui/Card';
import { CpuIcon, PlusIcon } from '../../components/ui/icons';
import { PageHeader } from '../../components/ui/PageHeader';
import { RemoveDialog } from '../../components/ui/RemoveDialog';
import { EmptyState, ErrorState, Skeleton } from '../../components/ui/States';
import { humanize, relativeTime } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { useDeleteRunner, useRunners, useRunnerState } from './api';

export const STATUS_TONE: Record<RunnerStatus, Tone> = { inactive: 'gray', deploying: 'blue', active: 'green', failed: 'red' };
export const AGENT_LABEL: Record<Runner['agent'], string> = {
  'claude-code': 'Claude Code',
  codex: 'OpenAI Codex',
  'gemini-cli': 'Gemini CLI',
  'qwen-code': 'Qwen Code',
  opencode: 'OpenCode',
  'kimi-code': 'Kimi Code',
  'mistral-vibe': 'Mistral Vibe',
};

export const STRATEGY_LABEL: Record<Runner['deploymentStrategy'], string> = {
  local: 'Local process',
  docker: 'Docker',
  ecs: 'AWS ECS',
  lambda: 'AWS Lambda',
  kubernetes: 'Kubernetes',
};

/** The agent runners and their state, with start / deactivate, edit and delete. */
export function RunnersPage() {
  useTitle('Agent runners');
  const runners = useRunners();
  const changeState = useRunnerState();
  const remove = useDeleteRunner();
  const [deleting, setDeleting] = useState<Runner | undefined>();
  const newButton = (
    <ButtonLink to="/runners/new">
      <PlusIcon /> New agent runner
    </ButtonLink>
  );
  return (
    <>
      <PageHeader
        title="Agent runners"
        description="Which coding agent runs where: each runner pairs an agent with a place to run it."
        actions={newButton}
      />
      {runners.isPending ? (
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
          {[0, 1, 2].map((key) => (
            <Skeleton key={key} className="h-36" />
          ))}
        </div>
      ) : runners.isError ? (
        <ErrorState error={runners.error} onRetry={() => void runners.refetch()} />
      ) : runners.data.data.length === 0 ? (
        <Card>
          <EmptyState
            icon={<CpuIcon className="size-6" />}
            title="No agent runners yet"
            description="Runs need one: pick a coding agent, say where it runs, and give it its API key."
            action={newButton}
          />
        </Card>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
          {runners.data.data.map((runner) => (
            <li
              key={runner.id}
              className="flex flex-col rounded-xl bg-white p-5 shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800"
            >
              <div className="flex items-start justify-between gap-3">
                <div className="min-w-0">
                  <h2 className="truncate font-semibold text-zinc-900 dark:text-white">
                    <Link to={`/runners/${runner.slug}`} className="hover:text-brand-700 hover:underline dark:hover:text-brand-300">
                      {runner.name}
                    </Link>
                  </h2>
                  <p className="font-mono text-xs text-zinc-500">{runner.slug}</p>
                </div>
                <Badge tone={STATUS_TONE[runner.status]} dot>
                  {humanize(runner.status)}
                </Badge>
              </div>
              {runner.description && (
                <p className="mt-3 line-clamp-2 text-sm text-zinc-600 dark:text-zinc-400">{runner.description}</p>
              )}
              {runner.statusMessage && <p className="mt-2 text-xs text-zinc-500">{runner.statusMessage}</p>}
              {runner.missingConfiguration && runner.missingConfiguration.length > 0 && (
                <p className="mt-2 text-xs text-amber-700 dark:text-amber-400">
                  Missing: {runner.missingConfiguration.join(', ')}
                </p>
              )}
              <div className="mt-4 flex flex-wrap items-center gap-2 text-xs text-zinc-500">
                <Badge tone="brand">{AGENT_LABEL[runner.agent]}</Badge>
                <Badge>{STRATEGY_LABEL[runner.deploymentStrategy]}</Badge>
                {(runner.secrets ?? []).map((secret) => (
                  <Badge key={secret.id} tone="violet">
                    <span className="font-mono">{secret.name}</span>
                  </Badge>
                ))}
                <span className="ml-auto">Created {relativeTime(runner.createdAt)}</span>
              </div>
              <div className="mt-4 flex flex-wrap gap-2 border-t border-zinc-100 pt-3 dark:border-zinc-800">
                {runner.status === 'active' ? (
                  <Button
                    size="sm"
                    variant="secondary"
                    loading={changeState.isPending && changeState.variables?.id === runner.id}
                    onClick={() =>
                      changeState.mutate(
                        { id: runner.id, action: 'deactivate' },
                        { onSuccess: () => toast.success(`${runner.name} deactivated`) },
                      )
                    }
                    aria-label={`Deactivate ${runner.name}`}
                  >
                    Deactivate
                  </Button>
                ) : (
                  <Button
                    size="sm"
                    loading={changeState.isPending && changeState.variables?.id === runner.id}
                    onClick={() =>
                      changeState.mutate(
                        { id: runner.id, action: 'start' },
                        { onSuccess: () => toast.success(`${runner.name} is ready for runs`) },
                      )
                    }
                    aria-label={`Start ${runner.name}`}
                  >
                    Start
                  </Button>
                )}
                <ButtonLink size="sm" variant="secondary" to={`/runners/${runner.slug}/edit`} aria-label={`Edit ${runner.name}`}>
                  Edit
                </ButtonLink>
                <Button
                  size="sm"
                  variant="ghost"
                  className="ml-auto text-red-600 dark:text-red-400"
                  onClick={() => setDeleting(runner)}
                  aria-label={`Delete ${runner.name}`}
                >
                  Delete
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <RemoveDialog
        item={deleting}
        onClose={() => setDeleting(undefined)}
        remove={remove}
        title={`Delete ${deleting?.name ?? 'this runner'}?`}
        description="Its past runs stay; schedules and new runs can no longer use it."
        confirmLabel="Delete runner"
        done={(item) => `${item.name} deleted`}
      />
    </>
  );
}
