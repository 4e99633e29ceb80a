import type { Runner, RunnerStatus } from '../../api/types';
import { Badge, type Tone } from '../../components/ui/Badge';
import { Card } from '../../components/ui/Card';
import { CpuIcon } from '../../components/ui/icons';
import { PageHeader } from '../../components/ui/PageHeader';
import { EmptyState, ErrorState, Skeleton } from '../../components/ui/States';
import { humanize, relativeTime } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { useRunners } from './api';

const STATUS_TONE: Record<RunnerStatus, Tone> = { inactive: 'gray', deploying: 'blue', active: 'green', failed: 'red' };
const AGENT_LABEL: Record<Runner['agent'], string> = {
  'claude-code': 'Claude Code',
  codex: 'OpenAI Codex',
  'gemini-cli': 'Gemini CLI',
  'qwen-code': 'Qwen Code',
  opencode: 'OpenCode',
  'kimi-code': 'Kimi Code',
  'mistral-vibe': 'Mistral Vibe',
};

const STRATEGY_LABEL: Record<Runner['deploymentStrategy'], string> = {
  local: 'Local process',
  docker: 'Docker',
  ecs: 'AWS ECS',
  lambda: 'AWS Lambda',
  kubernetes: 'Kubernetes',
};

/** The saved agent runners and their state. Creating and editing them from the dashboard comes next. */
export function RunnersPage() {
  useTitle('Agent runners');
  const runners = useRunners();
  return (
    <>
      <PageHeader
        title="Agent runners"
        description="Which coding agent runs where: each runner pairs an agent with a place to run it."
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
            description="Agent runners are created through the API (POST /api/clankers) for now; the form to create one here comes next."
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
                  <h2 className="truncate font-semibold text-zinc-900 dark:text-white">{runner.name}</h2>
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
                <span className="ml-auto">Created {relativeTime(runner.createdAt)}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
