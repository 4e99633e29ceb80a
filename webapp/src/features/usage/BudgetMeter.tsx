import { Badge } from '../../components/ui/Badge';
import { cn } from '../../lib/cn';
import { budgetState, type BudgetState } from './api';

const LABEL: Record<BudgetState, string> = { ok: 'Within budget', warning: 'Over 80 % of budget', exceeded: 'Budget used up' };
const TONE = { ok: 'green', warning: 'amber', exceeded: 'red' } as const;
const BAR: Record<BudgetState, string> = { ok: 'bg-emerald-500', warning: 'bg-amber-500', exceeded: 'bg-red-500' };

/** The platform warns at 80 % of a budget and refuses further model requests past 100 %. */
export function BudgetBadge({ state }: { state: BudgetState }) {
  return (
    <Badge tone={TONE[state]} dot>
      {LABEL[state]}
    </Badge>
  );
}

/** How much of a budget is spent, as a bar coloured by the warning state. */
export function BudgetMeter({ spent, budget, label }: { spent: number; budget: number; label: string }) {
  const state = budgetState(spent, budget) ?? 'ok';
  const percent = Math.min(100, Math.round((spent / budget) * 100));
  return (
    <div
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`${percent} %`}
      className="h-2 w-full overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800"
    >
      <div className={cn('h-full rounded-full', BAR[state])} style={{ width: `${percent}%` }} />
    </div>
  );
}
