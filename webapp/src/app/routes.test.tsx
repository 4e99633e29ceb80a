import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, page, project, renderRoutes } from '../test/harness';
import { routes } from './routes';

describe('routes', () => {
  it('gives every platform section of the sidebar its page, none marked as coming soon', async () => {
    fakeApi()
      .on('GET', '/projects', { body: page([project]) })
      .on('GET', '/integrations', { body: page([]) });
    renderRoutes(routes, '/integrations');
    expect(await screen.findByText('No integrations yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Integrations/ })).toHaveAttribute('aria-current', 'page');
    for (const name of ['Agent runners', 'Secrets', 'Integrations', 'Users', 'API tokens', 'Audit log']) {
      expect(screen.getByRole('link', { name })).toBeInTheDocument();
    }
    expect(screen.queryByText('Soon')).not.toBeInTheDocument();
  });

  it('answers unknown addresses with a 404 page', async () => {
    fakeApi().on('GET', '/projects', { body: page([]) });
    renderRoutes(routes, '/no/such/page');
    expect(await screen.findByText('Page not found')).toBeInTheDocument();
  });

  it('says when a project does not exist', async () => {
    fakeApi()
      .on('GET', '/projects', { body: page([]) })
      .on('GET', '/projects/by-slug/gone', { status: 404, body: { error: 'Not Found', message: 'No project gone' } });
    renderRoutes(routes, '/projects/gone/tickets');
    expect(await screen.findByText('Project not found')).toBeInTheDocument();
  });
});
