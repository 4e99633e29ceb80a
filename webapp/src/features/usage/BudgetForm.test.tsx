import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { budgetState } from './api';
import { BudgetForm, parseBudget } from './BudgetForm';

describe('budgets', () => {
  it('warns at 80 % of a budget and reports it used up at 100 %', () => {
    expect(budgetState(7.99, 10)).toBe('ok');
    expect(budgetState(8, 10)).toBe('warning');
    expect(budgetState(10, 10)).toBe('exceeded');
    expect(budgetState(3, null)).toBeNull();
  });

  it('takes amounts in USD with at most two decimals, empty for none', () => {
    expect(parseBudget(' 12.5 ')).toEqual({ value: 12.5 });
    expect(parseBudget('')).toEqual({ value: undefined });
    expect(parseBudget('0')).toHaveProperty('error');
    expect(parseBudget('1.234')).toHaveProperty('error');
    expect(parseBudget('ten')).toHaveProperty('error');
  });

  it('saves both budgets, clearing an emptied one, and checks amounts before sending', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn();
    render(
      <BudgetForm
        budgets={{ runBudgetUsd: 2, monthlyBudgetUsd: 100 }}
        monthSpentUsd={120}
        editable
        saving={false}
        error={null}
        onSave={onSave}
      />,
    );

    expect(screen.getByText('Budget used up')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('No new runs are queued until the monthly budget is raised');
    const run = screen.getByLabelText('Per-run budget (USD)');
    await user.clear(run);
    await user.type(run, '0.001');
    await user.click(screen.getByRole('button', { name: 'Save budgets' }));
    expect(screen.getByText(/at least 0.01, with at most two decimals/)).toBeInTheDocument();
    expect(onSave).not.toHaveBeenCalled();

    await user.clear(run);
    const monthly = screen.getByLabelText('Monthly budget (USD)');
    await user.clear(monthly);
    await user.type(monthly, '150');
    await user.click(screen.getByRole('button', { name: 'Save budgets' }));
    expect(onSave).toHaveBeenCalledWith({ runBudgetUsd: undefined, monthlyBudgetUsd: 150 });
  });

  it('is read-only for people who may not change budgets', () => {
    render(
      <BudgetForm budgets={{}} monthSpentUsd={0} editable={false} saving={false} error={null} onSave={vi.fn()} />,
    );

    expect(screen.getByLabelText('Per-run budget (USD)')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save budgets' })).not.toBeInTheDocument();
    expect(screen.getByText('Only administrators can change budgets.')).toBeInTheDocument();
  });
});
