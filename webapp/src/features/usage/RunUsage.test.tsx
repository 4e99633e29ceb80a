import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, testQueryClient, wrapper } from '../../test/harness';
import { usage } from './fixtures';
import { RunUsage } from './RunUsage';

function show(live = false) {
  return render(<RunUsage runId="j1" live={live} />, { wrapper: wrapper(testQueryClient()) });
}

describe('a run’s model usage', () => {
  it('shows tokens in, out and cached, the cost, and the requests of unpriced models', async () => {
    fakeApi().on('GET', '/jobs/j1/usage', {
      body: usage({
        requests: 3,
        inputTokens: 1250,
        outputTokens: 48_000,
        cachedInputTokens: 2_400_000,
        cacheWriteTokens: 10,
        costUsd: 0.4213,
        unpricedRequests: 1,
        unmeteredRequests: 2,
      }),
    });
    show();

    const figures = await screen.findByLabelText('Usage');
    expect(within(figures).getByText('Input tokens').nextSibling).toHaveTextContent('1,250');
    expect(within(figures).getByText('Output tokens').nextSibling).toHaveTextContent('48.0k');
    expect(within(figures).getByText('Cached input tokens').nextSibling).toHaveTextContent('2.4M');
    expect(within(figures).getByText('Cache writes').nextSibling).toHaveTextContent('10');
    expect(within(figures).getByText('Cost').nextSibling).toHaveTextContent('$0.42');
    expect(screen.getByText(/1 request used a model without a price/)).toBeInTheDocument();
    expect(screen.getByText(/2 requests got an answer without token usage/)).toHaveTextContent(
      'Budgets count each at the platform',
    );
  });

  it('says nothing of unmetered requests when every answer carried its usage', async () => {
    fakeApi().on('GET', '/jobs/j1/usage', { body: usage({ requests: 2, costUsd: 0.1 }) });
    show();

    await screen.findByLabelText('Usage');
    expect(screen.queryByText(/without token usage/)).not.toBeInTheDocument();
  });

  it('says plainly when no request went through the proxy', async () => {
    fakeApi().on('GET', '/jobs/j1/usage', { body: usage() });
    show(true);

    expect(await screen.findByText(/No model requests went through the proxy yet/)).toBeInTheDocument();
  });

  it('shows the API message when the usage cannot be read', async () => {
    fakeApi().on('GET', '/jobs/j1/usage', { status: 404, body: { error: 'NOT_FOUND', message: 'No such job' } });
    show();

    expect(await screen.findByText('No such job')).toBeInTheDocument();
  });
});
