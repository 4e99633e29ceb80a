import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, testQueryClient, wrapper } from '../../test/harness';
import { usage } from './fixtures';
import { MonthlyUsage } from './MonthlyUsage';

const MONTHS = [
  usage({ month: '2026-09', requests: 4, inputTokens: 900, outputTokens: 100, costUsd: 1.5 }),
  usage({ month: '2026-10', requests: 7, inputTokens: 12_000, outputTokens: 300, costUsd: 12.25, unpricedRequests: 2, unmeteredRequests: 1 }),
  usage({ month: '2026-11', requests: 9, inputTokens: 3000, outputTokens: 450, cachedInputTokens: 800, costUsd: 42.5 }),
];

describe('usage per month', () => {
  it('shows this month against the monthly budget with the 80 % warning, then past months newest first', async () => {
    fakeApi().on('GET', '/projects/p1/usage/monthly', { body: MONTHS });
    render(<MonthlyUsage scope={{ kind: 'project', id: 'p1' }} monthlyBudgetUsd={50} />, {
      wrapper: wrapper(testQueryClient()),
    });

    expect(await screen.findByText('$42.50')).toBeInTheDocument();
    expect(screen.getByText('of $50.00 budget')).toBeInTheDocument();
    expect(screen.getByText('Over 80 % of budget')).toBeInTheDocument();
    expect(screen.getByRole('meter', { name: 'Monthly budget used' })).toHaveAttribute('aria-valuenow', '85');
    expect(screen.getByText(/9 requests · 3,000 in · 450 out · 800 cached/)).toBeInTheDocument();
    const rows = within(screen.getByRole('table', { name: 'Past months' })).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual(['Oct 2026', 'Sep 2026']);
    expect(within(rows[0]!).getByText('$12.25')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('2 unpriced')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('1 unmetered')).toBeInTheDocument();
    expect(within(rows[1]!).queryByText(/unmetered/)).not.toBeInTheDocument();
  });

  it('reads an agent runner’s rollup and shows no budget state without a budget', async () => {
    const api = fakeApi().on('GET', '/clankers/c1/usage/monthly', { body: MONTHS.slice(2) });
    render(<MonthlyUsage scope={{ kind: 'runner', id: 'c1' }} />, { wrapper: wrapper(testQueryClient()) });

    expect(await screen.findByText('$42.50')).toBeInTheDocument();
    expect(screen.queryByRole('meter')).not.toBeInTheDocument();
    expect(screen.queryByText(/budget/)).not.toBeInTheDocument();
    expect(api.made('GET', '/clankers/c1/usage/monthly')).toHaveLength(1);
  });
});
