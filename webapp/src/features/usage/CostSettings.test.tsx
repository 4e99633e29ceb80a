import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, signedIn, testQueryClient, wrapper } from '../../test/harness';
import { ProjectCostSettings, RunnerCostSettings } from './CostSettings';
import { usage } from './fixtures';

const THIS_MONTH = [usage({ month: '2026-11', requests: 2, costUsd: 9 })];

describe('cost settings', () => {
  it('lets a project administrator set the project’s budgets and shows the 80 % warning', async () => {
    const user = userEvent.setup();
    const api = fakeApi()
      .on('GET', '/auth/me', { body: { user: { ...signedIn, role: 'member' }, authenticatedBy: 'session', scope: 'admin' } })
      .on('GET', '/projects/p1/members', {
        body: [{ userId: signedIn.id, projectId: 'p1', email: signedIn.email, name: 'Ada', role: 'admin' }],
      })
      .on('GET', '/projects/p1/usage/monthly', { body: THIS_MONTH })
      .on('GET', '/projects/p1/cost-controls', { body: { projectId: 'p1', monthlyBudgetUsd: 10 } })
      .on('PUT', '/projects/p1/cost-controls', ({ body }) => ({
        status: 200,
        body: { projectId: 'p1', ...(body as object), updatedAt: '2026-11-29T03:00:00Z' },
      }));
    render(<ProjectCostSettings projectId="p1" />, { wrapper: wrapper(testQueryClient()) });

    const budgets = await screen.findByRole('form', { name: 'Budgets' });
    expect(within(budgets).getByText('Over 80 % of budget')).toBeInTheDocument();
    await user.type(within(budgets).getByLabelText('Per-run budget (USD)'), '1.50');
    await user.click(within(budgets).getByRole('button', { name: 'Save budgets' }));

    await waitFor(() => expect(api.made('PUT', '/projects/p1/cost-controls')).toHaveLength(1));
    expect(api.made('PUT', '/projects/p1/cost-controls')[0]?.body).toEqual({ runBudgetUsd: 1.5, monthlyBudgetUsd: 10 });
  });

  it('shows the platform’s field error on the budget it concerns', async () => {
    const user = userEvent.setup();
    fakeApi()
      .on('GET', '/projects/p1/members', { body: [] })
      .on('GET', '/projects/p1/usage/monthly', { body: THIS_MONTH })
      .on('GET', '/projects/p1/cost-controls', { body: { projectId: 'p1' } })
      .on('PUT', '/projects/p1/cost-controls', {
        status: 400,
        body: {
          error: 'VALIDATION_FAILED',
          message: 'Invalid request',
          details: [{ field: 'monthlyBudgetUsd', message: 'must be less than or equal to 1000000' }],
        },
      });
    render(<ProjectCostSettings projectId="p1" />, { wrapper: wrapper(testQueryClient()) });

    const budgets = await screen.findByRole('form', { name: 'Budgets' });
    await user.type(within(budgets).getByLabelText('Monthly budget (USD)'), '2000000');
    await user.click(within(budgets).getByRole('button', { name: 'Save budgets' }));

    expect(await screen.findByText('must be less than or equal to 1000000')).toBeInTheDocument();
  });

  it('keeps a runner’s other cost controls when its budgets are saved, and shows why its key is not brokered', async () => {
    const user = userEvent.setup();
    const api = fakeApi()
      .on('GET', '/clankers/c1/usage/monthly', { body: THIS_MONTH })
      .on('GET', '/clankers/c1/cost-controls', {
        body: {
          clankerId: 'c1',
          modelBroker: false,
          brokered: false,
          stuckAfterMinutes: 20,
          repeatedToolCallLimit: 5,
          warnings: ['The model broker is off for this clanker: the real model key is passed to the worker.'],
        },
      })
      .on('PUT', '/clankers/c1/cost-controls', ({ body }) => ({
        status: 200,
        body: { clankerId: 'c1', brokered: false, warnings: [], ...(body as object) },
      }));
    render(<RunnerCostSettings runnerId="c1" />, { wrapper: wrapper(testQueryClient()) });

    expect(await screen.findByText('Key passed to workers')).toBeInTheDocument();
    expect(screen.getByText(/The model broker is off for this clanker/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('Monthly budget (USD)'), '25');
    await user.click(screen.getByRole('button', { name: 'Save budgets' }));

    await waitFor(() => expect(api.made('PUT', '/clankers/c1/cost-controls')).toHaveLength(1));
    expect(api.made('PUT', '/clankers/c1/cost-controls')[0]?.body).toEqual({
      modelBroker: false,
      stuckAfterMinutes: 20,
      repeatedToolCallLimit: 5,
      monthlyBudgetUsd: 25,
    });
  });

  it('lets only global administrators change a runner’s budgets', async () => {
    fakeApi()
      .on('GET', '/auth/me', { body: { user: { ...signedIn, role: 'member' }, authenticatedBy: 'session', scope: 'admin' } })
      .on('GET', '/clankers/c1/usage/monthly', { body: THIS_MONTH })
      .on('GET', '/clankers/c1/cost-controls', {
        body: { clankerId: 'c1', modelBroker: true, brokered: true, warnings: [], runBudgetUsd: 3 },
      });
    render(<RunnerCostSettings runnerId="c1" />, { wrapper: wrapper(testQueryClient()) });

    expect(await screen.findByText('Key brokered')).toBeInTheDocument();
    expect(await screen.findByDisplayValue('3')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save budgets' })).not.toBeInTheDocument();
  });
});
