import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { routes } from '../../app/routes';
import { fakeApi, page, project, renderRoutes } from '../../test/harness';
import { integrationRequest, validateIntegration } from './IntegrationsPage';
import { settingLabel } from './labels';
import { targetRequest, validateTarget } from './FeedbackTargetsPanel';

const TYPES = [
  { id: 'github', label: 'GitHub', category: 'scm', status: 'ready', requiredSettings: ['owner', 'repo'], optionalSettings: ['apiUrl'], supportsWebhooks: true, inboundEvents: ['issues', 'issue_comment'] },
  { id: 'custom', label: 'Custom webhook', category: 'inbound', status: 'ready', requiredSettings: [], optionalSettings: [], supportsWebhooks: true, inboundEvents: ['ticket_created'] },
];
const GH = {
  id: '88888888-8888-4888-8888-888888888888',
  name: 'Acme GitHub',
  system: 'github',
  category: 'scm',
  active: true,
  hasToken: true,
  config: { owner: 'acme', repo: 'shop' },
  createdAt: '2026-11-01T10:00:00Z',
};
const HOOK = {
  id: '99999999-9999-4999-8999-999999999999',
  integrationId: GH.id,
  provider: 'github',
  projectId: project.id,
  active: true,
  hasSecret: true,
  allowedEvents: ['issues'],
  autoExecute: false,
  webhookUrl: 'http://localhost:8080/api/webhooks/github/99999999-9999-4999-8999-999999999999',
  createdAt: '2026-11-01T10:00:00Z',
};
const FAILED = {
  id: 'd-1',
  status: 'failed',
  eventType: 'issues',
  reason: 'Could not reach the project',
  receivedAt: '2026-11-02T10:00:00Z',
  attempts: 3,
};
const PROCESSED = { ...FAILED, id: 'd-2', status: 'processed', reason: undefined, ticketId: 't-1', attempts: 1 };

const STATUS = {
  status: 'operational',
  since: '2026-11-01T10:00:00Z',
  webhooks: [
    {
      id: HOOK.id,
      integrationId: GH.id,
      provider: 'github',
      projectId: project.id,
      active: true,
      deliveries: { received: 5, processed: 3, ignored: 1, failed: 1, failureRate: 0.2 },
      rejected: 2,
      lastRejectedAt: '2026-11-02T09:00:00Z',
    },
  ],
  failedDeliveries: { count: 1, recent: [{ ...FAILED, webhookConfigId: HOOK.id }] },
};

function platform() {
  return fakeApi()
    .on('GET', '/projects', { body: page([project]) })
    .on('GET', '/clankers', { body: page([]) })
    .on('GET', '/integrations', { body: page([GH]) })
    .on('GET', '/integrations/types/available', { body: TYPES })
    .on('GET', `/integrations/${GH.id}`, { body: GH })
    .on('GET', `/integrations/${GH.id}/webhooks/inbound`, { body: [HOOK] })
    .on('GET', `/integrations/${GH.id}/webhooks/inbound/${HOOK.id}/deliveries`, (call) => ({
      status: 200,
      body: page(call.query.get('status') === 'failed' ? [FAILED] : [FAILED, PROCESSED]),
    }))
    .on('GET', `/integrations/${GH.id}/webhooks/outbound`, { body: [] })
    .on('GET', '/webhooks/status', { body: STATUS });
}

describe('integrations', () => {
  it('lists integrations and reports a connection test with the provider’s answer', async () => {
    const user = userEvent.setup();
    const fake = platform().on('POST', `/integrations/${GH.id}/test`, {
      body: { success: false, message: 'GitHub answered 401: Bad credentials', statusCode: 401 },
    });
    renderRoutes(routes, '/integrations');
    const row = within(await screen.findByRole('table', { name: 'Integrations' })).getByText('Acme GitHub').closest('tr')!;
    expect(within(row).getByText('GitHub')).toBeInTheDocument();
    expect(within(row).getByText('Stored')).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: 'Test connection of Acme GitHub' }));
    expect(await screen.findByText('Acme GitHub: connection failed')).toBeInTheDocument();
    expect(screen.getByText('GitHub answered 401: Bad credentials')).toBeInTheDocument();
    expect(fake.made('POST', `/integrations/${GH.id}/test`)).toHaveLength(1);
  });

  it('shows administrators the last day of webhook activity with the recent failures', async () => {
    const fake = platform();
    renderRoutes(routes, '/integrations');
    const webhooks = await screen.findByRole('list', { name: 'Webhooks in the last 24 hours' });
    expect(within(webhooks).getByText('1 failed (20 %)')).toBeInTheDocument();
    expect(within(webhooks).getByText('2 bad signatures')).toBeInTheDocument();
    const failures = screen.getByRole('list', { name: 'Recent failed deliveries' });
    expect(within(failures).getByRole('link', { name: 'Acme GitHub' })).toHaveAttribute('href', `/integrations/${GH.id}`);
    expect(within(failures).getByText(/Could not reach the project/)).toBeInTheDocument();
    expect(fake.made('GET', '/webhooks/status')[0]!.query.get('hours')).toBe('24');
  });

  it('creates an integration from the plugin registry, asking for the system’s required settings', async () => {
    const user = userEvent.setup();
    const fake = platform().on('POST', '/integrations', (call) => ({ status: 201, body: { ...GH, ...(call.body as object), id: 'new' } }));
    renderRoutes(routes, '/integrations');
    await user.click(await screen.findByRole('button', { name: 'New integration' }));
    const dialog = await screen.findByRole('dialog', { name: 'New integration' });
    await user.selectOptions(await within(dialog).findByLabelText('System'), 'github');
    expect(within(dialog).getByLabelText('Name')).toHaveValue('GitHub');
    await user.click(within(dialog).getByRole('button', { name: 'Create integration' }));
    expect(within(dialog).getAllByText('Required for this system')).toHaveLength(2);
    expect(fake.made('POST', '/integrations')).toHaveLength(0);

    await user.type(within(dialog).getByLabelText('Owner'), 'acme');
    await user.type(within(dialog).getByLabelText('Repo'), ' shop ');
    await user.type(within(dialog).getByLabelText('Access token'), 'ghp_secret');
    await user.click(within(dialog).getByRole('button', { name: 'Create integration' }));
    expect(await screen.findByText('GitHub created')).toBeInTheDocument();
    expect(fake.made('POST', '/integrations')[0]!.body).toEqual({
      system: 'github',
      name: 'GitHub',
      token: 'ghp_secret',
      config: { owner: 'acme', repo: 'shop' },
    });
  });

  it('shows the inbound webhooks with recent deliveries, filters them and redelivers a failed one', async () => {
    const user = userEvent.setup();
    const fake = platform().on('POST', `/integrations/${GH.id}/webhooks/inbound/${HOOK.id}/deliveries/d-1/redeliver`, {
      body: { ...FAILED, status: 'received' },
    });
    renderRoutes(routes, `/integrations/${GH.id}`);
    expect(await screen.findByText(HOOK.webhookUrl)).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Deliveries' });
    expect(within(table).getByText('Could not reach the project')).toBeInTheDocument();
    expect(within(table).getAllByRole('button', { name: /Redeliver/ })).toHaveLength(1);

    await user.selectOptions(screen.getByLabelText('Status'), 'failed');
    await screen.findByRole('table', { name: 'Deliveries' });
    expect(fake.made('GET', `/integrations/${GH.id}/webhooks/inbound/${HOOK.id}/deliveries`).at(-1)!.query.get('status')).toBe('failed');

    await user.click(screen.getByRole('button', { name: /Redeliver issues/ }));
    expect(await screen.findByText('Delivery queued again')).toBeInTheDocument();
  });

  it('adds an inbound webhook and shows its generated secret once, and the server’s field error first', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    const fake = platform().on('POST', `/integrations/${GH.id}/webhooks/inbound`, () =>
      ++attempts === 1
        ? { status: 400, body: { error: 'Bad Request', message: 'The webhook configuration is invalid', details: [{ field: 'clankerId', message: 'is required when webhooks start runs (autoExecute or botUsername)' }] } }
        : { status: 201, body: { ...HOOK, id: 'new-hook', webhookSecret: 'whsec_generated_once' } },
    );
    renderRoutes(routes, `/integrations/${GH.id}`);
    await user.click(await screen.findByRole('button', { name: 'Add webhook' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add inbound webhook' });
    await user.click(within(dialog).getByRole('checkbox', { name: 'issues' }));
    await user.click(within(dialog).getByRole('switch', { name: 'Run the agent automatically' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add webhook' }));
    expect(await within(dialog).findByText(/is required when webhooks start runs/)).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Agent runner')).toHaveAttribute('aria-invalid', 'true');

    await user.click(within(dialog).getByRole('switch', { name: 'Run the agent automatically' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add webhook' }));
    const shown = await screen.findByRole('dialog', { name: 'Configure the provider' });
    expect(within(shown).getByLabelText('Webhook secret')).toHaveTextContent('whsec_generated_once');
    expect(fake.made('POST', `/integrations/${GH.id}/webhooks/inbound`)[1]!.body).toEqual({
      allowedEvents: ['issues'],
      autoExecute: false,
      generateSecret: true,
    });
    await user.click(within(shown).getByRole('button', { name: 'Done' }));
    expect(screen.queryByText('whsec_generated_once')).not.toBeInTheDocument();
  });

  it('adds a feedback target, test-sends to it and shows its delivery history', async () => {
    const user = userEvent.setup();
    const target = { id: 'tg-1', integrationId: GH.id, name: 'Acme GitHub', provider: 'github', active: true, events: ['job_ended'], createdAt: '2026-11-01T10:00:00Z' };
    let targets: unknown[] = [];
    const fake = platform()
      .on('GET', `/integrations/${GH.id}/webhooks/outbound`, () => ({ status: 200, body: targets }))
      .on('POST', `/integrations/${GH.id}/webhooks/outbound`, () => {
        targets = [target];
        return { status: 201, body: target };
      })
      .on('POST', `/integrations/${GH.id}/webhooks/outbound/tg-1/test`, { body: { success: true, message: 'Token accepted by GitHub' } })
      .on('GET', `/integrations/${GH.id}/webhooks/outbound/tg-1/deliveries`, {
        body: page([{ id: 'o-1', eventType: 'job_ended', status: 'dead', attempts: 5, responseStatus: 502, lastError: 'Bad gateway', createdAt: '2026-11-02T10:00:00Z' }]),
      });
    renderRoutes(routes, `/integrations/${GH.id}`);
    await user.click(await screen.findByRole('tab', { name: 'Feedback targets' }));
    await user.click(await screen.findByRole('button', { name: 'Add feedback target' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add feedback target' });
    await user.click(within(dialog).getByRole('checkbox', { name: 'pull_request_opened' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add target' }));
    expect(await screen.findByText('Acme GitHub added')).toBeInTheDocument();
    expect(fake.made('POST', `/integrations/${GH.id}/webhooks/outbound`)[0]!.body).toEqual({ name: 'Acme GitHub', events: ['job_ended'] });

    const history = await screen.findByRole('table', { name: 'Feedback deliveries' });
    expect(within(history).getByText('Bad gateway')).toBeInTheDocument();
    expect(within(history).getByText('Dead')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Send a test to Acme GitHub' }));
    expect(await screen.findByText('Acme GitHub: test accepted')).toBeInTheDocument();
  });

  it('links an integration to a project, makes it primary and unlinks it from the project settings', async () => {
    const user = userEvent.setup();
    let links: unknown[] = [];
    const fake = platform()
      .on('GET', `/projects/by-slug/${project.slug}`, { body: project })
      .on('GET', `/projects/${project.id}/scm-config`, { status: 404, body: { message: 'No SCM configuration' } })
      .on('GET', `/projects/${project.id}/readiness`, { body: { projectId: project.id, automationAvailable: false, checks: [] } })
      .on('GET', `/projects/${project.id}/members`, { body: [] })
      .on('GET', `/projects/${project.id}/prompt-templates`, { body: [] })
      .on('GET', `/integrations/project/${project.id}`, () => ({ status: 200, body: links }))
      .on('POST', `/integrations/project/${project.id}/link`, () => {
        links = [{ integrationId: GH.id, projectId: project.id, primary: false, integration: GH }];
        return { status: 201, body: links[0] };
      })
      .on('PUT', `/integrations/project/${project.id}/primary/${GH.id}`, () => {
        links = [{ integrationId: GH.id, projectId: project.id, primary: true, integration: GH }];
        return { status: 200, body: links[0] };
      })
      .on('DELETE', `/integrations/project/${project.id}/link/${GH.id}`, () => {
        links = [];
        return { status: 204 };
      });
    renderRoutes(routes, `/projects/${project.slug}/settings`);
    await screen.findByRole('option', { name: 'Acme GitHub (GitHub)' });
    await user.selectOptions(await screen.findByLabelText('Link an integration'), GH.id);
    await user.click(screen.getByRole('button', { name: 'Link' }));
    expect(await screen.findByText('Integration linked')).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Make Acme GitHub primary' }));
    expect(await within(screen.getByRole('list', { name: 'Linked integrations' })).findByText('Primary')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Unlink Acme GitHub' }));
    expect(await screen.findByText('No integrations linked yet.')).toBeInTheDocument();
    expect(fake.made('POST', `/integrations/project/${project.id}/link`)[0]!.body).toEqual({ integrationId: GH.id });
  });

  it('builds requests from the forms', () => {
    expect(settingLabel('projectPath')).toBe('Project path');
    expect(settingLabel('apiUrl')).toBe('API URL');
    const form = { system: 'github', name: ' GH ', token: '', config: { owner: 'acme', repo: ' ', apiUrl: '' } };
    expect(integrationRequest(form)).toEqual({ system: 'github', name: 'GH', token: undefined, config: { owner: 'acme' } });
    expect(validateIntegration(form, TYPES[0] as never)).toEqual({ 'config.repo': 'Required for this system' });
    const target = { name: '', projectId: '', events: [] as never[], targetUrl: 'ftp://x', signingSecret: 'short', apiToken: 'tok' };
    expect(Object.keys(validateTarget(target, true)).sort()).toEqual(['events', 'name', 'signingSecret', 'targetUrl']);
    expect(targetRequest({ ...target, name: 'X', targetUrl: ' https://h.example/x ' }, true)).toEqual({
      name: 'X',
      events: [],
      targetUrl: 'https://h.example/x',
      signingSecret: 'short',
    });
    expect(targetRequest(target, false)).toEqual({ events: [], apiToken: 'tok' });
  });
});
