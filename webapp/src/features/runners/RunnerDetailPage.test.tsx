import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { routes } from '../../app/routes';
import { fakeApi, page, renderRoutes } from '../../test/harness';
import { filePath } from './api';
import { validateFilePath } from './RunnerDetailPage';

const RUNNER = {
  id: 'c1',
  name: 'Claude on Docker',
  slug: 'claude-on-docker',
  agent: 'claude-code',
  deploymentStrategy: 'docker',
  status: 'failed',
  statusMessage: 'Provisioning failed',
  deploymentConfig: { pullPolicy: 'missing' },
  provisioning: {
    startedAt: '2026-11-02T10:00:00Z',
    finishedAt: '2026-11-02T10:00:05Z',
    lastError: 'Image registry.example.com/worker-claude-code:1.0.0 could not be pulled: manifest unknown',
    messages: [
      { at: '2026-11-02T10:00:01Z', message: 'Inspecting image registry.example.com/worker-claude-code:1.0.0' },
      { at: '2026-11-02T10:00:04Z', message: 'Pulling the image' },
    ],
  },
  instructionFiles: [{ path: 'AGENTS.md', sizeBytes: 20 }],
  createdAt: '2026-11-01T10:00:00Z',
};
const AGENTS = { path: 'AGENTS.md', content: '# Rules\nRun the tests.', updatedAt: '2026-11-01T10:00:00Z' };

function platform() {
  return fakeApi()
    .on('GET', '/projects', { body: page([]) })
    .on('GET', `/clankers/by-slug/${RUNNER.slug}`, { body: RUNNER })
    .on('GET', '/worker-images', {
      body: [{ agent: 'claude-code', displayName: 'Claude Code', image: 'registry.example.com/worker-claude-code:1.0.0', overridden: false }],
    })
    .on('GET', `/clankers/${RUNNER.id}/instruction-files`, { body: [AGENTS] })
    .on('GET', `/clankers/${RUNNER.id}/egress`, {
      body: { clankerId: RUNNER.id, mode: 'open', allowedHosts: [], enforceable: true, warnings: [] },
    });
}

describe('agent runner detail', () => {
  it('shows provisioning steps and the error, and checks health on demand', async () => {
    const user = userEvent.setup();
    platform().on('GET', `/clankers/${RUNNER.id}/health`, {
      body: {
        healthy: false,
        status: 'unhealthy',
        message: 'The image is not present on the engine',
        checks: { configurationComplete: true, runtimeReachable: true, resourceExists: false },
      },
    });
    renderRoutes(routes, `/runners/${RUNNER.slug}`);
    expect(await screen.findByRole('heading', { name: 'Claude on Docker' })).toBeInTheDocument();
    const steps = screen.getByRole('list', { name: 'Provisioning steps' });
    expect(within(steps).getByText('Pulling the image')).toBeInTheDocument();
    expect(screen.getByText(/manifest unknown/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry provisioning' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Check now' }));
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent('Unhealthy');
    expect(status).toHaveTextContent('The image is not present on the engine');
    expect(within(status).getByText('Image / task definition / function exists')).toHaveTextContent(/^No/);
    expect(within(status).getByText('Runtime reachable')).toHaveTextContent(/^Yes/);
  });

  it('edits AGENTS.md and adds a skill, with the path checked before saving', async () => {
    const user = userEvent.setup();
    const fake = platform().on('PUT', /\/clankers\/c1\/instruction-files\/.+/, (call) => ({
      status: 200,
      body: { path: call.path.replace('/clankers/c1/instruction-files/', ''), ...(call.body as object) },
    }));
    renderRoutes(routes, `/runners/${RUNNER.slug}`);
    const editor = await screen.findByRole('form', { name: 'Edit AGENTS.md' });
    const content = within(editor).getByLabelText('Content');
    expect(content).toHaveValue('# Rules\nRun the tests.');
    expect(within(editor).getByRole('button', { name: 'Save' })).toBeDisabled();
    await user.type(content, '\nNever push to main.');
    await user.click(within(editor).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('AGENTS.md saved')).toBeInTheDocument();
    expect(fake.made('PUT', '/clankers/c1/instruction-files/AGENTS.md')[0]!.body).toEqual({
      content: '# Rules\nRun the tests.\nNever push to main.',
    });

    await user.click(screen.getByRole('button', { name: 'New file' }));
    const form = await screen.findByRole('form', { name: 'New instruction file' });
    const path = within(form).getByLabelText('Path');
    expect(path).toHaveValue('skills/');
    await user.type(path, '../escape.md');
    await user.click(within(form).getByRole('button', { name: 'Create file' }));
    expect(within(form).getByText(/a markdown file under skills\//)).toBeInTheDocument();
    await user.clear(path);
    await user.type(path, 'skills/review.md');
    await user.type(within(form).getByLabelText('Content'), 'Review carefully.');
    await user.click(within(form).getByRole('button', { name: 'Create file' }));
    expect(await screen.findByText('skills/review.md saved')).toBeInTheDocument();
    expect(fake.made('PUT', '/clankers/c1/instruction-files/skills/review.md')[0]!.body).toEqual({ content: 'Review carefully.' });
  });

  it('switches the worker image from the catalog to a custom one, keeping the other settings', async () => {
    const user = userEvent.setup();
    const fake = platform().on('PUT', `/clankers/${RUNNER.id}`, (call) => ({ status: 200, body: { ...RUNNER, ...(call.body as object) } }));
    renderRoutes(routes, `/runners/${RUNNER.slug}`);
    const form = await screen.findByRole('form', { name: 'Worker image' });
    const source = await within(form).findByLabelText('Image source');
    expect(within(source).getByRole('option', { name: /Catalog: registry.example.com\/worker-claude-code:1.0.0/ })).toBeInTheDocument();
    await user.selectOptions(source, 'custom');
    await user.type(within(form).getByLabelText('Custom image'), 'ghcr.io/acme/worker:2');
    await user.click(within(form).getByRole('button', { name: 'Save image' }));
    expect(await screen.findByText(/Worker image saved/)).toBeInTheDocument();
    expect(fake.made('PUT', `/clankers/${RUNNER.id}`)[0]!.body).toEqual({
      deploymentConfig: { pullPolicy: 'missing', image: 'ghcr.io/acme/worker:2' },
    });
  });

  it('shows the API message for a runner that does not exist', async () => {
    fakeApi()
      .on('GET', '/projects', { body: page([]) })
      .on('GET', '/clankers/by-slug/gone', { status: 404, body: { error: 'Not Found', message: 'Clanker gone not found' } });
    renderRoutes(routes, '/runners/gone');
    expect(await screen.findByRole('alert')).toHaveTextContent('Clanker gone not found');
  });

  it('checks instruction file paths like the platform does', () => {
    expect(validateFilePath('AGENTS.md', [])).toBeUndefined();
    expect(validateFilePath('skills/a/b.md', [])).toBeUndefined();
    expect(validateFilePath('skills/../x.md', [])).toBeDefined();
    expect(validateFilePath('README.md', [])).toBeDefined();
    expect(validateFilePath('AGENTS.md', ['AGENTS.md'])).toMatch(/exists already/);
    expect(filePath('skills/my file.md')).toBe('skills/my%20file.md');
  });
});
