import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { Button } from '../../components/ui/Button';
import { Field, Input } from '../../components/ui/Field';
import { InlineError } from '../../components/ui/Table';
import { budgetState } from './api';
import { BudgetBadge, BudgetMeter } from './BudgetMeter';
import { formatUsd } from './format';

export interface Budgets {
  runBudgetUsd?: number | null;
  monthlyBudgetUsd?: number | null;
}

/** "" clears a budget; anything else must be a positive amount with at most two decimals (the platform's rule). */
export function parseBudget(text: string): { value: number | undefined } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') {
    return { value: undefined }; // left out of the request, which clears it
  }
  if (!/^\d+(\.\d{1,2})?$/.test(trimmed) || Number(trimmed) < 0.01) {
    return { error: 'An amount in USD, at least 0.01, with at most two decimals' };
  }
  return { value: Number(trimmed) };
}

/**
 * The per-run and monthly budgets of a project or runner, with this month's spending against the monthly one (the
 * platform warns at 80 % and stops runs past 100 %). Read-only unless `editable`.
 */
export function BudgetForm({
  budgets,
  monthSpentUsd,
  editable,
  saving,
  error,
  onSave,
}: {
  budgets: Budgets;
  monthSpentUsd: number;
  editable: boolean;
  saving: boolean;
  error: unknown;
  onSave: (budgets: { runBudgetUsd?: number; monthlyBudgetUsd?: number }) => void;
}) {
  const [run, setRun] = useState(budgets.runBudgetUsd?.toString() ?? '');
  const [monthly, setMonthly] = useState(budgets.monthlyBudgetUsd?.toString() ?? '');
  const [local, setLocal] = useState<{ run?: string; monthly?: string }>({});
  const server = error instanceof ApiError ? error.fieldErrors() : {};
  const state = budgetState(monthSpentUsd, budgets.monthlyBudgetUsd);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const runParsed = parseBudget(run);
    const monthlyParsed = parseBudget(monthly);
    const errors = {
      run: 'error' in runParsed ? runParsed.error : undefined,
      monthly: 'error' in monthlyParsed ? monthlyParsed.error : undefined,
    };
    setLocal(errors);
    if ('value' in runParsed && 'value' in monthlyParsed) {
      onSave({ runBudgetUsd: runParsed.value, monthlyBudgetUsd: monthlyParsed.value });
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Budgets" className="space-y-4">
      {budgets.monthlyBudgetUsd ? (
        <div className="space-y-2">
          <div className="flex flex-wrap items-center gap-2 text-sm text-zinc-600 dark:text-zinc-300">
            <span>
              {formatUsd(monthSpentUsd)} of {formatUsd(budgets.monthlyBudgetUsd)} spent this month
            </span>
            {state && <BudgetBadge state={state} />}
          </div>
          <BudgetMeter spent={monthSpentUsd} budget={budgets.monthlyBudgetUsd} label="Monthly budget used" />
          {state === 'exceeded' && (
            <p className="text-sm text-red-700 dark:text-red-400" role="alert">
              No new runs are queued until the monthly budget is raised.
            </p>
          )}
        </div>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Per-run budget (USD)"
          error={local.run ?? server.runBudgetUsd}
          hint="A run that spends this much is stopped. Empty for none."
        >
          {(props) => (
            <Input
              {...props}
              inputMode="decimal"
              value={run}
              disabled={!editable}
              placeholder="none"
              onChange={(e) => setRun(e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Monthly budget (USD)"
          error={local.monthly ?? server.monthlyBudgetUsd}
          hint="Past it, no new runs are queued this calendar month (UTC). Empty for none."
        >
          {(props) => (
            <Input
              {...props}
              inputMode="decimal"
              value={monthly}
              disabled={!editable}
              placeholder="none"
              onChange={(e) => setMonthly(e.target.value)}
            />
          )}
        </Field>
      </div>
      {error && !(error instanceof ApiError && Object.keys(server).length > 0) ? <InlineError error={error} /> : null}
      {editable ? (
        <div className="flex justify-end">
          <Button type="submit" loading={saving}>
            Save budgets
          </Button>
        </div>
      ) : (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">Only administrators can change budgets.</p>
      )}
    </form>
  );
}
