import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, page, project, renderRoutes } from '../test/harness';
import { routes } from './routes';

describe('routes', () => {
  it('shows a plain "not available yet" page for sections without pages, not a mock-up', async () => {
    fakeApi().on('GET', '/projects', { body: page([project]) });
    renderRoutes(routes, '/integrations');
    expect(await screen.findByText('Integrations are not available yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Integrations/ })).toHaveAttribute('aria-current', 'page');
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
