import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { routes } from '../../app/routes';
import { fakeApi, page, project, renderRoutes } from '../../test/harness';
import { compactInterval, scheduleRequest, validateSchedule } from './ScheduleDialog';

const URL = `/projects/${project.slug}/schedules`;
const runner = {
  id: '33333333-3333-4333-8333-333333333333',
  name: 'Claude on this machine',
  slug: 'claude-local',
  agent: 'claude-code',
  deploymentStrategy: 'local',
  status: 'active',
  createdAt: '2026-11-01T10:00:00Z',
};
const TEMPLATE = {
  id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  projectId: project.id,
  name: 'Update dependencies',
  clankerId: runner.id,
  taskInstructions: 'Bump minor versions; run the tests.',
  createdAt: '2026-11-01T10:00:00Z',
};
const NIGHTLY = {
  id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
  projectId: project.id,
  taskTemplateId: TEMPLATE.id,
  name: 'Nightly',
  scheduleType: 'cron',
  cronExpression: '0 0 3 * * MON-FRI',
  timezone: 'Europe/Berlin',
  isActive: true,
  nextRunAt: '2026-11-02T02:00:00Z',
  lastRunAt: '2026-11-01T02:00:00Z',
  runCount: 4,
  failureCount: 1,
  consecutiveFailures: 0,
  autoPauseAfter: 3,
  webhookUrl: 'https://hooks.example.com/claw',
  hasWebhookSecret: true,
  webhookEvents: ['completed', 'failed'],
  upcoming: [],
  createdAt: '2026-11-01T10:00:00Z',
};

function platform({ templates = [TEMPLATE], schedules = [NIGHTLY] }: { templates?: unknown[]; schedules?: unknown[] } = {}) {
  return fakeApi()
    .on('GET', '/projects', { body: page([project]) })
    .on('GET', `/projects/by-slug/${project.slug}`, { body: project })
    .on('GET', '/clankers', { body: page([runner]) })
    .on('GET', '/claw/task-templates', { body: templates })
    .on('GET', '/claw/schedules', { body: schedules })
    .on('GET', '/claw/schedules/preview', (call) =>
      call.query.get('cronExpression') === '0 0 25 * * *'
        ? { status: 400, body: { error: 'Bad Request', message: 'Invalid', details: [{ field: 'cronExpression', message: 'is not a valid cron expression: hour 25' }] } }
        : { status: 200, body: { nextRuns: ['2026-11-02T03:00:00Z', '2026-11-03T03:00:00Z'] } },
    );
}

describe('schedules', () => {
  it('lists schedules with their cadence, next run and history, and pauses one', async () => {
    const user = userEvent.setup();
    const fake = platform().on('POST', `/claw/schedules/${NIGHTLY.id}/pause`, { body: { ...NIGHTLY, isActive: false } });
    renderRoutes(routes, URL);

    const card = await screen.findByRole('listitem', { name: 'Nightly' });
    expect(within(card).getByText('Update dependencies')).toBeInTheDocument();
    expect(within(card).getByText('0 0 3 * * MON-FRI (Europe/Berlin)')).toBeInTheDocument();
    expect(within(card).getByText('4 runs, 1 failed')).toBeInTheDocument();
    expect(fake.made('GET', '/claw/schedules')[0]!.query.get('projectId')).toBe(project.id);

    await user.click(within(card).getByRole('button', { name: 'Pause Nightly' }));
    expect(await screen.findByText('Nightly paused')).toBeInTheDocument();
    expect(fake.made('POST', `/claw/schedules/${NIGHTLY.id}/pause`)).toHaveLength(1);
  });

  it('guides an empty project to a template first, and creates one', async () => {
    const user = userEvent.setup();
    const fake = platform({ templates: [], schedules: [] }).on('POST', '/claw/task-templates', (call) => ({
      status: 201,
      body: { ...TEMPLATE, ...(call.body as object) },
    }));
    renderRoutes(routes, URL);

    expect(await screen.findByText(/Start with a task template/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'New schedule' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'New task template' }));
    const dialog = await screen.findByRole('dialog', { name: 'New task template' });
    await user.click(within(dialog).getByRole('button', { name: 'Create template' }));
    expect(within(dialog).getByText('Choose the agent runner that does the task')).toBeInTheDocument();
    expect(within(dialog).getByText('Say what the agent should do')).toBeInTheDocument();

    await user.type(within(dialog).getByLabelText('Name'), 'Triage flaky tests');
    await user.selectOptions(within(dialog).getByLabelText('Agent runner'), runner.id);
    await user.type(within(dialog).getByLabelText('Task instructions'), 'Find the flaky tests.');
    await user.click(within(dialog).getByRole('button', { name: 'Create template' }));
    expect(await screen.findByText('Template Triage flaky tests created')).toBeInTheDocument();
    expect(fake.made('POST', '/claw/task-templates')[0]!.body).toEqual({
      projectId: project.id,
      name: 'Triage flaky tests',
      description: '',
      clankerId: runner.id,
      taskInstructions: 'Find the flaky tests.',
    });
  });

  it('previews a cron expression, shows the platform error for a bad one, then creates the schedule', async () => {
    const user = userEvent.setup();
    const fake = platform({ schedules: [] }).on('POST', '/claw/schedules', (call) => ({ status: 201, body: { ...NIGHTLY, ...(call.body as object) } }));
    renderRoutes(routes, URL);

    await user.click(await screen.findByRole('button', { name: /New schedule/ }));
    const dialog = await screen.findByRole('dialog', { name: 'New schedule' });
    await user.type(within(dialog).getByLabelText('Name'), 'Weeknights');
    await user.click(within(dialog).getByRole('radio', { name: 'Cron' }));
    const cron = within(dialog).getByLabelText('Cron expression');
    await user.clear(cron);
    await user.type(cron, '0 0 25 * * *');
    expect(await within(dialog).findByText('is not a valid cron expression: hour 25')).toBeInTheDocument();

    await user.clear(cron);
    await user.type(cron, '0 0 3 * * MON-FRI');
    await user.clear(within(dialog).getByLabelText('Time zone'));
    await user.type(within(dialog).getByLabelText('Time zone'), 'Europe/Berlin');
    const runs = await within(dialog).findByRole('list', { name: 'Next runs' });
    expect(within(runs).getAllByRole('listitem')).toHaveLength(2);
    await waitFor(() =>
      expect(fake.made('GET', '/claw/schedules/preview').at(-1)!.query.get('timezone')).toBe('Europe/Berlin'),
    );

    await user.click(within(dialog).getByLabelText('Post run events to a webhook'));
    await user.type(within(dialog).getByLabelText('Webhook URL'), 'https://hooks.example.com/x');
    await user.type(within(dialog).getByLabelText('Signing secret'), 'short');
    await user.click(within(dialog).getByRole('button', { name: 'Create schedule' }));
    expect(within(dialog).getByText('Between 16 and 512 characters, or empty for unsigned events')).toBeInTheDocument();
    await user.clear(within(dialog).getByLabelText('Signing secret'));
    await user.type(within(dialog).getByLabelText('Signing secret'), 'a-long-enough-secret');
    await user.click(within(dialog).getByRole('button', { name: 'Create schedule' }));

    expect(await screen.findByText('Schedule Weeknights created')).toBeInTheDocument();
    expect(fake.made('POST', '/claw/schedules')[0]!.body).toEqual({
      projectId: project.id,
      taskTemplateId: TEMPLATE.id,
      name: 'Weeknights',
      description: '',
      scheduleType: 'cron',
      cronExpression: '0 0 3 * * MON-FRI',
      timezone: 'Europe/Berlin',
      autoPauseAfter: 3,
      webhookConfig: { url: 'https://hooks.example.com/x', secret: 'a-long-enough-secret', events: ['started', 'completed', 'failed'] },
    });
  });

  it('edits a schedule without touching its webhook unless asked', async () => {
    const user = userEvent.setup();
    const fake = platform().on('PUT', `/claw/schedules/${NIGHTLY.id}`, { body: NIGHTLY });
    renderRoutes(routes, URL);

    await user.click(await screen.findByRole('button', { name: 'Edit Nightly' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Nightly' });
    expect(within(dialog).getByText(/hooks\.example\.com\/claw/)).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Task template')).toBeDisabled();
    await user.clear(within(dialog).getByLabelText('Pause after failures in a row'));
    await user.type(within(dialog).getByLabelText('Pause after failures in a row'), '5');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Nightly saved')).toBeInTheDocument();
    const body = fake.made('PUT', `/claw/schedules/${NIGHTLY.id}`)[0]!.body as Record<string, unknown>;
    expect(body).toMatchObject({ autoPauseAfter: 5, cronExpression: '0 0 3 * * MON-FRI', timezone: 'Europe/Berlin' });
    expect(body).not.toHaveProperty('webhookConfig');
    expect(body).not.toHaveProperty('taskTemplateId');
  });

  it("lists this project's executions with their run and pull request", async () => {
    const user = userEvent.setup();
    platform().on('GET', '/claw/executions', {
      body: [
        { id: 'e1', scheduleId: NIGHTLY.id, jobId: 'j9', slotAt: '2026-11-01T02:00:00Z', status: 'completed', startedAt: '2026-11-01T02:00:01Z', completedAt: '2026-11-01T02:03:01Z', pullRequestUrl: 'https://github.com/acme/shop/pull/9', createdAt: '2026-11-01T02:00:00Z' },
        { id: 'e2', scheduleId: 'elsewhere', slotAt: '2026-11-01T02:00:00Z', status: 'failed', createdAt: '2026-11-01T02:00:00Z' },
      ],
    });
    renderRoutes(routes, `${URL}?tab=executions`);

    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).getByText('3 min 0 s')).toBeInTheDocument();
    expect(within(table).getByRole('link', { name: 'Pull request ↗' })).toHaveAttribute('href', 'https://github.com/acme/shop/pull/9');
    expect(within(table).getByRole('link', { name: 'View run' })).toHaveAttribute('href', `/projects/${project.slug}/runs/j9`);
    await user.click(screen.getByRole('tab', { name: /Task templates/ }));
    expect(await screen.findByText('Bump minor versions; run the tests.')).toBeInTheDocument();
  });

  it('checks and builds schedule requests', () => {
    expect(compactInterval('900s')).toBe('15m');
    expect(compactInterval('86400s')).toBe('1d');
    expect(compactInterval('45s')).toBe('45s');
    const form = {
      name: 'x', description: '', taskTemplateId: 't', scheduleType: 'interval' as const, intervalExpression: '15 minutes',
      cronExpression: '', timezone: 'UTC', autoPauseAfter: '', webhookEnabled: false, webhookUrl: '', webhookSecret: '', webhookEvents: [],
    };
    expect(validateSchedule(form, false)).toHaveProperty('intervalExpression');
    expect(scheduleRequest({ ...form, intervalExpression: '15m' }, 'p', false)).toEqual({
      name: 'x', description: '', scheduleType: 'interval', intervalExpression: '15m', projectId: 'p', taskTemplateId: 't',
    });
  });
});
