import { Card, CardBody, CardHeader } from '../../components/ui/Card';
import { LoadingBlock } from '../../components/ui/States';
import { InlineError } from '../../components/ui/Table';
import type { Usage } from '../../api/types';
import { useRunUsage } from './api';
import { formatTokens, formatUsd } from './format';

/** A run's model usage through the credential broker: tokens in, out and cached, and what they cost. */
export function RunUsage({ runId, live }: { runId: string; live: boolean }) {
  const usage = useRunUsage(runId, live);
  return (
    <Card>
      <CardHeader title="Model usage" description="Every request the agent made through the model proxy." />
      <CardBody>
        {usage.isPending ? (
          <LoadingBlock lines={2} />
        ) : usage.isError ? (
          <InlineError error={usage.error} />
        ) : usage.data.requests === 0 ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">
            No model requests went through the proxy{live ? ' yet' : ''}. A runner with the model broker off passes
            its key to the worker, and its usage is not counted.
          </p>
        ) : (
          <UsageFigures usage={usage.data} />
        )}
      </CardBody>
    </Card>
  );
}

/** The figures of one usage total as a definition list. */
export function UsageFigures({ usage }: { usage: Usage }) {
  const figures: [string, string][] = [
    ['Cost', formatUsd(usage.costUsd)],
    ['Requests', usage.requests.toLocaleString('en-US')],
    ['Input tokens', formatTokens(usage.inputTokens)],
    ['Output tokens', formatTokens(usage.outputTokens)],
    ['Cached input tokens', formatTokens(usage.cachedInputTokens)],
  ];
  if (usage.cacheWriteTokens > 0) {
    figures.push(['Cache writes', formatTokens(usage.cacheWriteTokens)]);
  }
  return (
    <>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6" aria-label="Usage">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
            <dd className="mt-0.5 text-base font-semibold tabular-nums text-zinc-900 dark:text-zinc-100">{value}</dd>
          </div>
        ))}
      </dl>
      {usage.unpricedRequests > 0 && (
        <p className="mt-3 text-xs text-amber-700 dark:text-amber-400">
          {usage.unpricedRequests} request{usage.unpricedRequests === 1 ? '' : 's'} used a model without a price in
          the platform's price table; {usage.unpricedRequests === 1 ? 'its' : 'their'} cost is not included.
        </p>
      )}
      {usage.unmeteredRequests > 0 && (
        <p className="mt-3 text-xs text-amber-700 dark:text-amber-400">
          {usage.unmeteredRequests} request{usage.unmeteredRequests === 1 ? '' : 's'} got an answer without token
          usage; {usage.unmeteredRequests === 1 ? 'its' : 'their'} cost is unknown and not included. Budgets count each
          at the platform's fallback cost.
        </p>
      )}
    </>
  );
}
