import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { routes } from '../../app/routes';
import { fakeApi, page, project, renderRoutes, ticket } from '../../test/harness';

const safari = ticket({ id: 'a1', title: 'Checkout fails on Safari', severity: 'high', status: 'open' });
const currency = ticket({ id: 'a2', title: 'Wrong currency', severity: 'critical', status: 'in_review' });

function platform() {
  return fakeApi()
    .on('GET', '/projects', { body: page([project]) })
    .on('GET', `/projects/by-slug/${project.slug}`, { body: project })
    .on('GET', '/tickets', (call) => {
      const severity = call.query.get('severity');
      const rows = [safari, currency].filter((t) => !severity || t.severity === severity);
      return { status: 200, body: page(rows) };
    });
}

describe('the tickets page', () => {
  it('keeps its filters in the URL and asks the API with them', async () => {
    const user = userEvent.setup();
    const fake = platform();
    const { router } = renderRoutes(routes, '/projects/acme-shop/tickets?search=cart');

    expect(await screen.findByText('2 tickets total')).toBeInTheDocument();
    expect(screen.getByRole('searchbox')).toHaveValue('cart');
    expect(fake.made('GET', '/tickets')[0]!.query.get('search')).toBe('cart');
    expect(fake.made('GET', '/tickets')[0]!.query.get('statuses')).toBe('open,in_progress,in_review');

    await user.selectOptions(screen.getByLabelText('Severity'), 'critical');

    expect(await screen.findByText('1 ticket total')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?severity=critical&search=cart');
    expect(fake.made('GET', '/tickets').at(-1)!.query.get('severity')).toBe('critical');
    expect(screen.getByRole('link', { name: 'Wrong currency' })).toHaveAttribute(
      'href',
      '/projects/acme-shop/tickets/a2',
    );
  });

  it('shows the board with one column per lifecycle status', async () => {
    const user = userEvent.setup();
    platform();
    const { router } = renderRoutes(routes, '/projects/acme-shop/tickets');
    await screen.findByText('2 tickets total');

    await user.click(screen.getByRole('radio', { name: 'Board' }));

    expect(router.state.location.search).toBe('?view=board');
    const open = screen.getByRole('region', { name: 'Open' });
    const review = screen.getByRole('region', { name: 'In review' });
    expect(within(open).getByText('Checkout fails on Safari')).toBeInTheDocument();
    expect(within(review).getByText('Wrong currency')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Resolved' })).getByText('No tickets')).toBeInTheDocument();
  });

  it('archives the selected tickets in one request', async () => {
    const user = userEvent.setup();
    const fake = platform().on('POST', '/tickets/archive', { body: { updatedCount: 2 } });
    renderRoutes(routes, '/projects/acme-shop/tickets');
    await screen.findByText('2 tickets total');

    await user.click(screen.getByRole('button', { name: 'Select visible' }));
    expect(screen.getByText(/2 selected/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Archive selected/ }));

    expect(await screen.findByText('2 tickets archived')).toBeInTheDocument();
    expect(fake.made('POST', '/tickets/archive')[0]?.body).toEqual({ ticketIds: ['a1', 'a2'] });
    await waitFor(() => expect(screen.queryByText(/· \d+ selected/)).not.toBeInTheDocument());
  });

  it('says so when nothing matches', async () => {
    fakeApi()
      .on('GET', '/projects', { body: page([project]) })
      .on('GET', `/projects/by-slug/${project.slug}`, { body: project })
      .on('GET', '/tickets', { body: page([]) });
    renderRoutes(routes, '/projects/acme-shop/tickets');
    expect(await screen.findByText('No tickets match these filters')).toBeInTheDocument();
  });
});
