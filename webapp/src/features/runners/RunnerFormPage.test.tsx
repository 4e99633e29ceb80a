import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { routes } from '../../app/routes';
import type { Runner } from '../../api/types';
import { fakeApi, page, renderRoutes } from '../../test/harness';
import { formOf, runnerRequest, validateRunner } from './runnerForm';

const KEY = { id: '77777777-7777-4777-8777-777777777777', name: 'ANTHROPIC_API_KEY', storage: 'database', createdAt: '2026-11-01T10:00:00Z', updatedAt: '2026-11-01T10:00:00Z' };
const OTHER = { ...KEY, id: '88888888-8888-4888-8888-888888888888', name: 'SLACK_TOKEN' };

const DOCKER: Runner = {
  id: '99999999-9999-4999-8999-999999999999',
  name: 'Claude on Docker',
  slug: 'claude-on-docker',
  agent: 'claude-code',
  agentOptions: { model: 'sonnet', effort: 'high' },
  deploymentStrategy: 'docker',
  deploymentConfig: { image: 'acme/worker:1', environment: { HTTP_PROXY: 'http://proxy:3128' } } as unknown as Runner['deploymentConfig'],
  status: 'active',
  secrets: [{ id: KEY.id, name: KEY.name }],
  createdAt: '2026-11-01T10:00:00Z',
};

function platform() {
  return fakeApi()
    .on('GET', '/projects', { body: page([]) })
    .on('GET', '/clankers', { body: page([DOCKER]) })
    .on('GET', '/secrets', { body: page([KEY, OTHER]) });
}

describe('agent runner forms', () => {
  it('creates an ECS runner with its settings typed and checked, then starts it', async () => {
    const user = userEvent.setup();
    const created = { ...DOCKER, id: 'new', name: 'Codex on ECS', slug: 'codex-on-ecs', status: 'inactive' };
    const fake = platform()
      .on('POST', '/clankers', { status: 201, body: created })
      .on('POST', '/clankers/new/start', { body: { ...created, status: 'active' } });
    const { router } = renderRoutes(routes, '/runners/new');

    await user.type(await screen.findByLabelText('Name'), 'Codex on ECS');
    await user.click(screen.getByRole('radio', { name: /OpenAI Codex/ }));
    await user.click(screen.getByRole('radio', { name: /AWS ECS/ }));
    const settings = screen.getByRole('group', { name: 'ecs settings' });
    await user.type(within(settings).getByLabelText('Cluster'), 'workers');
    await user.click(screen.getByRole('button', { name: 'Create agent runner' }));
    // the browser names what is missing, next to each field, and sends nothing
    expect(within(settings).getByLabelText('Task definition')).toHaveAttribute('aria-invalid', 'true');
    expect(within(settings).getByLabelText('Subnets')).toHaveAttribute('aria-invalid', 'true');
    expect(fake.made('POST', '/clankers')).toHaveLength(0);

    await user.type(within(settings).getByLabelText('Task definition'), 'viberator-codex:3');
    // an edited field drops its error at once; the others keep theirs until fixed
    expect(within(settings).getByLabelText('Task definition')).not.toHaveAttribute('aria-invalid');
    expect(within(settings).getByLabelText('Subnets')).toHaveAttribute('aria-invalid', 'true');
    await user.type(within(settings).getByLabelText('Subnets'), 'subnet-a, subnet-b');
    await user.click(within(settings).getByLabelText(/Assign a public IP/));
    await user.click(await screen.findByRole('checkbox', { name: /SLACK_TOKEN/ }));
    await user.click(screen.getByRole('button', { name: 'Create agent runner' }));

    expect(await screen.findByText('Codex on ECS saved and started')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/runners');
    expect(fake.made('POST', '/clankers')[0]!.body).toEqual({
      name: 'Codex on ECS',
      description: '',
      agent: 'codex',
      agentOptions: {},
      deploymentStrategy: 'ecs',
      deploymentConfig: { cluster: 'workers', taskDefinition: 'viberator-codex:3', subnets: ['subnet-a', 'subnet-b'], assignPublicIp: true },
      secretIds: [OTHER.id],
    });
    expect(fake.made('POST', '/clankers/new/start')).toHaveLength(1);
  });

  it('shows the platform field errors of nested settings on their own inputs', async () => {
    const user = userEvent.setup();
    platform().on('POST', '/clankers', {
      status: 400,
      body: {
        error: 'Bad Request',
        message: '1 field is invalid',
        details: [{ field: 'deploymentConfig.image', message: 'is not a valid image reference' }],
      },
    });
    renderRoutes(routes, '/runners/new');

    await user.type(await screen.findByLabelText('Name'), 'Broken');
    await user.click(screen.getByRole('radio', { name: /Docker/ }));
    await user.type(screen.getByLabelText('Worker image'), 'NOT VALID');
    await user.click(screen.getByRole('button', { name: 'Create agent runner' }));

    expect(await screen.findByText('is not a valid image reference')).toBeInTheDocument();
    expect(screen.getByLabelText('Worker image')).toHaveAttribute('aria-invalid', 'true');
  });

  it('edits a runner, keeping settings and options the form does not show', async () => {
    const user = userEvent.setup();
    const fake = platform()
      .on('GET', `/clankers/by-slug/${DOCKER.slug}`, { body: DOCKER })
      .on('PUT', `/clankers/${DOCKER.id}`, { body: DOCKER });
    renderRoutes(routes, `/runners/${DOCKER.slug}/edit`);

    const image = await screen.findByLabelText('Worker image');
    expect(image).toHaveValue('acme/worker:1');
    expect(screen.getByRole('radio', { name: /Claude Code/ })).toBeChecked();
    expect(await screen.findByRole('checkbox', { name: /ANTHROPIC_API_KEY/ })).toBeChecked();
    await user.type(screen.getByLabelText('Memory (MB)'), '4096');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Claude on Docker saved')).toBeInTheDocument();
    expect(fake.made('PUT', `/clankers/${DOCKER.id}`)[0]!.body).toMatchObject({
      agentOptions: { model: 'sonnet', effort: 'high' },
      deploymentConfig: { image: 'acme/worker:1', memoryMb: 4096, environment: { HTTP_PROXY: 'http://proxy:3128' } },
      secretIds: [KEY.id],
    });
  });

  it('follows a provisioning runner until it is active', async () => {
    let polls = 0;
    fakeApi()
      .on('GET', '/projects', { body: page([]) })
      .on('GET', '/clankers', () => ({
        status: 200,
        body: page([{ ...DOCKER, status: ++polls < 2 ? 'deploying' : 'active', statusMessage: polls < 2 ? 'Pulling the image' : 'Ready' }]),
      }));
    renderRoutes(routes, '/runners');
    expect(await screen.findByText('Pulling the image')).toBeInTheDocument();
    expect(await screen.findByText('Ready', {}, { timeout: 8_000 })).toBeInTheDocument();
    expect(screen.getByText('Active')).toBeInTheDocument();
  });

  it('starts, deactivates and deletes runners from the list', async () => {
    const user = userEvent.setup();
    const fake = platform()
      .on('POST', `/clankers/${DOCKER.id}/deactivate`, { body: { ...DOCKER, status: 'inactive' } })
      .on('DELETE', `/clankers/${DOCKER.id}`, { status: 204 });
    renderRoutes(routes, '/runners');

    await user.click(await screen.findByRole('button', { name: 'Deactivate Claude on Docker' }));
    expect(await screen.findByText('Claude on Docker deactivated')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Delete Claude on Docker' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete runner' }));
    expect(await screen.findByText('Claude on Docker deleted')).toBeInTheDocument();
    expect(fake.made('DELETE', `/clankers/${DOCKER.id}`)).toHaveLength(1);
    expect(screen.getByRole('link', { name: 'Edit Claude on Docker' })).toHaveAttribute('href', '/runners/claude-on-docker/edit');
  });

  it('validates numbers and drops settings of other strategies', () => {
    const form = formOf(DOCKER);
    form.config.docker.cpus = 'lots';
    expect(validateRunner(form)).toHaveProperty(['deploymentConfig.cpus']);
    form.config.docker.cpus = '';
    form.strategy = 'lambda';
    form.config.lambda.functionName = 'fn';
    expect(runnerRequest(form, DOCKER).deploymentConfig).toEqual({ functionName: 'fn' });
  });
});
