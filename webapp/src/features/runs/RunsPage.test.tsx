import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { routes } from '../../app/routes';
import { fakeApi, page, project, renderRoutes } from '../../test/harness';
import { duration } from './labels';

const runner = {
  id: '33333333-3333-4333-8333-333333333333',
  name: 'Claude on Docker',
  slug: 'claude-on-docker',
  agent: 'claude-code',
  deploymentStrategy: 'docker',
  status: 'active',
  createdAt: '2026-11-01T10:00:00Z',
};

function run(overrides: Record<string, unknown>) {
  return {
    id: 'r0000000-0000-4000-8000-000000000000',
    kind: 'execution',
    status: 'completed',
    projectId: project.id,
    ticketId: '22222222-2222-4222-8222-222222222222',
    clankerId: runner.id,
    attempt: 1,
    createdAt: '2026-11-01T10:00:00Z',
    startedAt: '2026-11-01T10:00:00Z',
    finishedAt: '2026-11-01T10:03:05Z',
    ...overrides,
  };
}

function platform() {
  return fakeApi()
    .on('GET', '/projects', { body: page([project]) })
    .on('GET', `/projects/by-slug/${project.slug}`, { body: project })
    .on('GET', '/clankers', { body: page([runner]) });
}

describe('runs', () => {
  it('lists the project runs with their runner and filters by status in the URL', async () => {
    const user = userEvent.setup();
    const fake = platform().on('GET', '/jobs', (call) => ({
      status: 200,
      body: page(
        [run({ id: 'r1000000-0000-4000-8000-000000000000' }), run({ id: 'r2000000-0000-4000-8000-000000000000', status: 'failed', attempt: 2 })].filter(
          (r) => !call.query.get('status') || r.status === call.query.get('status'),
        ),
      ),
    }));
    const { router } = renderRoutes(routes, '/projects/acme-shop/runs');

    const table = await screen.findByRole('table');
    expect(within(table).getAllByText('Claude on Docker')).toHaveLength(2);
    expect(within(table).getAllByText('3 min 5 s')).toHaveLength(2);
    expect(fake.made('GET', '/jobs')[0]!.query.get('projectId')).toBe(project.id);

    await user.click(screen.getByRole('radio', { name: 'Failed' }));

    expect(router.state.location.search).toBe('?status=failed');
    expect(await screen.findByText('attempt 2')).toBeInTheDocument();
    expect(fake.made('GET', '/jobs').at(-1)!.query.get('status')).toBe('failed');
  });

  it('shows a failed run with its failure and retries it as a new attempt', async () => {
    const user = userEvent.setup();
    const failed = run({
      id: 'r3000000-0000-4000-8000-000000000000',
      status: 'failed',
      failure: { code: 'push_rejected', summary: 'The push was rejected.', retryable: true, technicalDetail: 'remote: denied' },
      progress: [{ id: 1, step: 'cloning', message: 'Cloning the repository', createdAt: '2026-11-01T10:00:01Z' }],
      logs: [{ id: 1, level: 'error', message: 'git push failed', loggedAt: '2026-11-01T10:03:00Z' }],
    });
    const fake = platform()
      .on('GET', `/jobs/${failed.id}`, { body: failed })
      .on('GET', `/jobs/${failed.id}/logs`, { body: { logs: [{ id: 1, level: 'error', message: 'git push failed', loggedAt: '2026-11-01T10:03:00Z' }], nextAfterId: 1 } })
      .on('GET', '/jobs/r4000000-0000-4000-8000-000000000000/logs', { body: { logs: [], nextAfterId: 0 } })
      .on('POST', `/jobs/${failed.id}/retry`, { status: 202, body: run({ id: 'r4000000-0000-4000-8000-000000000000', status: 'queued', attempt: 2 }) })
      .on('GET', '/jobs/r4000000-0000-4000-8000-000000000000', { body: run({ id: 'r4000000-0000-4000-8000-000000000000', status: 'queued', attempt: 2, progress: [], logs: [] }) });
    const { router } = renderRoutes(routes, `/projects/acme-shop/runs/${failed.id}`);

    expect(await screen.findByText('The push was rejected.')).toBeInTheDocument();
    expect(screen.getByText('Cloning the repository')).toBeInTheDocument();
    expect(await screen.findByText('git push failed')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel run' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Retry' }));

    expect(await screen.findByText('The run is queued and waiting to start.')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/projects/acme-shop/runs/r4000000-0000-4000-8000-000000000000');
    expect(fake.made('POST', `/jobs/${failed.id}/retry`)).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Cancel run' })).toBeInTheDocument();
  });

  it('cancels a running run only after confirming', async () => {
    const user = userEvent.setup();
    const active = run({ id: 'r5000000-0000-4000-8000-000000000000', status: 'active', finishedAt: undefined });
    const fake = platform()
      .on('GET', `/jobs/${active.id}`, { body: active })
      .on('GET', `/jobs/${active.id}/logs`, { body: { logs: [], nextAfterId: 0 } })
      .on('POST', `/jobs/${active.id}/cancel`, { body: { ...active, status: 'cancelled' } });
    renderRoutes(routes, `/projects/acme-shop/runs/${active.id}`);

    await user.click(await screen.findByRole('button', { name: 'Cancel run' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Cancel this run?' });
    await user.click(within(confirm).getByRole('button', { name: 'Keep running' }));
    expect(fake.made('POST', `/jobs/${active.id}/cancel`)).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Cancel run' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Cancel run' }));
    expect(await screen.findByText('Run cancelled')).toBeInTheDocument();
    expect(fake.made('POST', `/jobs/${active.id}/cancel`)).toHaveLength(1);
    expect(await screen.findByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  it('formats durations', () => {
    expect(duration('2026-11-01T10:00:00Z', '2026-11-01T10:00:42Z')).toBe('42 s');
    expect(duration('2026-11-01T10:00:00Z', '2026-11-01T11:02:00Z')).toBe('1 h 2 min');
    expect(duration(undefined, undefined)).toBe('—');
  });
});
