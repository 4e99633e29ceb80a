import { Badge } from '../../components/ui/Badge';
import { Card, CardBody, CardHeader } from '../../components/ui/Card';
import { LoadingBlock } from '../../components/ui/States';
import { InlineError, td, th } from '../../components/ui/Table';
import { budgetState, useMonthlyUsage, type UsageScope } from './api';
import { BudgetBadge, BudgetMeter } from './BudgetMeter';
import { formatMonth, formatTokens, formatUsd } from './format';

/**
 * Usage per calendar month (UTC) of a project or an agent runner: this month against its monthly budget, then the past
 * months, newest first.
 */
export function MonthlyUsage({ scope, monthlyBudgetUsd }: { scope: UsageScope; monthlyBudgetUsd?: number | null }) {
  const months = useMonthlyUsage(scope);
  return (
    <Card>
      <CardHeader title="Usage and cost" description="Model tokens and cost through the proxy, per month (UTC)." />
      {months.isPending ? (
        <CardBody>
          <LoadingBlock lines={3} />
        </CardBody>
      ) : months.isError ? (
        <CardBody>
          <InlineError error={months.error} />
        </CardBody>
      ) : (
        <MonthlyFigures months={months.data} monthlyBudgetUsd={monthlyBudgetUsd} />
      )}
    </Card>
  );
}

function MonthlyFigures({
  months,
  monthlyBudgetUsd,
}: {
  months: import('../../api/types').Usage[];
  monthlyBudgetUsd?: number | null;
}) {
  const current = months[months.length - 1];
  const past = months.slice(0, -1).reverse();
  const spent = current?.costUsd ?? 0;
  const state = budgetState(spent, monthlyBudgetUsd);
  return (
    <>
      <CardBody className="space-y-3">
        <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <span className="text-sm text-zinc-500 dark:text-zinc-400">This month ({formatMonth(current?.month)})</span>
          <span className="text-2xl font-semibold tabular-nums text-zinc-900 dark:text-zinc-100">
            {formatUsd(spent)}
          </span>
          {monthlyBudgetUsd ? (
            <span className="text-sm text-zinc-500 dark:text-zinc-400">of {formatUsd(monthlyBudgetUsd)} budget</span>
          ) : null}
          {state && <BudgetBadge state={state} />}
        </div>
        {monthlyBudgetUsd ? <BudgetMeter spent={spent} budget={monthlyBudgetUsd} label="Monthly budget used" /> : null}
        {current && (
          <p className="text-sm text-zinc-600 dark:text-zinc-300">
            {current.requests.toLocaleString('en-US')} requests · {formatTokens(current.inputTokens)} in ·{' '}
            {formatTokens(current.outputTokens)} out · {formatTokens(current.cachedInputTokens)} cached
          </p>
        )}
      </CardBody>
      <div className="overflow-x-auto border-t border-zinc-200 dark:border-zinc-800">
        <table className="min-w-full text-sm" aria-label="Past months">
          <thead className="bg-zinc-50/80 dark:bg-zinc-900">
            <tr>
              <th className={th}>Month</th>
              <th className={th}>Requests</th>
              <th className={th}>Input</th>
              <th className={th}>Output</th>
              <th className={th}>Cached</th>
              <th className={th}>Cost</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {past.map((month) => (
              <tr key={month.month}>
                <td className={td}>{formatMonth(month.month)}</td>
                <td className={`${td} tabular-nums`}>{month.requests.toLocaleString('en-US')}</td>
                <td className={`${td} tabular-nums`}>{formatTokens(month.inputTokens)}</td>
                <td className={`${td} tabular-nums`}>{formatTokens(month.outputTokens)}</td>
                <td className={`${td} tabular-nums`}>{formatTokens(month.cachedInputTokens)}</td>
                <td className={`${td} tabular-nums`}>
                  {formatUsd(month.costUsd)}
                  {month.unpricedRequests > 0 && (
                    <Badge tone="amber" className="ml-2" title="Requests to models without a price">
                      {month.unpricedRequests} unpriced
                    </Badge>
                  )}
                  {month.unmeteredRequests > 0 && (
                    <Badge tone="amber" className="ml-2" title="Answers without token usage; budgets count them at the fallback cost">
                      {month.unmeteredRequests} unmetered
                    </Badge>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
