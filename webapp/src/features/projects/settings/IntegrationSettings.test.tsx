import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, project, renderRoutes } from '../../../test/harness';
import { IntegrationSettings } from './IntegrationSettings';

const statusPage = {
  id: 'd1b7c0de-0000-4000-8000-000000000001',
  name: 'Status page',
  system: 'custom',
  category: 'inbound',
};

function render(links: { status: number; body: unknown }) {
  fakeApi()
    .on('GET', '/integrations', { body: { data: [statusPage], total: 1, limit: 200, offset: 0 } })
    .on('GET', `/integrations/project/${project.id}`, links);
  renderRoutes([{ path: '/', element: <IntegrationSettings projectId={project.id} /> }], '/');
}

describe('linking an integration to a project', () => {
  it('offers the integrations the project is not linked to', async () => {
    render({ status: 200, body: [] });

    expect(await screen.findByText('No integrations linked yet.')).toBeInTheDocument();
    expect(await screen.findByRole('option', { name: 'Status page (Custom webhook)' })).toBeInTheDocument();
  });

  it('offers nothing while the project’s links are unknown, since any integration might already be linked', async () => {
    render({ status: 500, body: { error: 'Internal Server Error', message: 'down' } });

    expect(await screen.findByRole('button', { name: /retry/i })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: 'Status page (Custom webhook)' })).not.toBeInTheDocument();
    expect(screen.getByRole('option', { name: 'No other integrations' })).toBeInTheDocument();
  });
});
