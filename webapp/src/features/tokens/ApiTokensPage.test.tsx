import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { routes } from '../../app/routes';
import { fakeApi, page, renderRoutes } from '../../test/harness';
import { tokenRequest } from './ApiTokensPage';

const CI = {
  id: '77777777-7777-4777-8777-777777777777',
  name: 'CI deploy',
  tokenPrefix: 'vg_ab12',
  scope: 'write',
  createdAt: '2026-11-01T10:00:00Z',
  lastUsedAt: '2026-11-02T10:00:00Z',
};

function platform(tokens: unknown[] = [CI]) {
  return fakeApi()
    .on('GET', '/projects', { body: page([]) })
    .on('GET', '/api-tokens', { body: tokens });
}

describe('API tokens', () => {
  it('lists tokens by prefix and scope, never the token', async () => {
    platform();
    renderRoutes(routes, '/settings/api-tokens');
    const row = within(await screen.findByRole('table', { name: 'API tokens' })).getByText('CI deploy').closest('tr')!;
    expect(within(row).getByText('vg_ab12…')).toBeInTheDocument();
    expect(within(row).getByText('write')).toBeInTheDocument();
    expect(within(row).getByText('Never')).toBeInTheDocument();
  });

  it('shows an empty state with a way to create the first one', async () => {
    platform([]);
    renderRoutes(routes, '/settings/api-tokens');
    expect(await screen.findByText('No API tokens yet')).toBeInTheDocument();
  });

  it('creates a token with a scope and shows it exactly once', async () => {
    const user = userEvent.setup();
    const fake = platform([]).on('POST', '/api-tokens', (call) => ({
      status: 201,
      body: { ...CI, ...(call.body as object), id: 'new', token: 'vg_ab12_the-whole-secret-token' },
    }));
    renderRoutes(routes, '/settings/api-tokens');
    await user.click((await screen.findAllByRole('button', { name: 'New token' }))[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'New API token' });
    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));
    expect(within(dialog).getByText(/A name is needed/)).toBeInTheDocument();

    await user.type(within(dialog).getByLabelText('Name'), 'Release script');
    await user.selectOptions(within(dialog).getByLabelText('Scope'), 'admin');
    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));

    const shown = await screen.findByRole('dialog', { name: 'Copy your new token' });
    expect(within(shown).getByLabelText('New token')).toHaveTextContent('vg_ab12_the-whole-secret-token');
    expect(fake.made('POST', '/api-tokens')[0]!.body).toEqual({ name: 'Release script', scope: 'admin' });
    await user.click(within(shown).getByRole('button', { name: 'Done' }));
    expect(screen.queryByText('vg_ab12_the-whole-secret-token')).not.toBeInTheDocument();
  });

  it('shows the server field error for an expiry in the past', async () => {
    const user = userEvent.setup();
    platform([]).on('POST', '/api-tokens', {
      status: 400,
      body: { error: 'Bad Request', message: 'Invalid', details: [{ field: 'expiresAt', message: 'must be in the future' }] },
    });
    renderRoutes(routes, '/settings/api-tokens');
    await user.click((await screen.findAllByRole('button', { name: 'New token' }))[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'New API token' });
    await user.type(within(dialog).getByLabelText('Name'), 'Old');
    await user.type(within(dialog).getByLabelText('Expires on'), '2020-01-01');
    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));
    expect(await within(dialog).findByText('must be in the future')).toBeInTheDocument();
  });

  it('revokes a token after confirming', async () => {
    const user = userEvent.setup();
    const fake = platform().on('DELETE', `/api-tokens/${CI.id}`, { status: 204 });
    renderRoutes(routes, '/settings/api-tokens');
    await user.click(await screen.findByRole('button', { name: 'Revoke CI deploy' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Revoke CI deploy?' });
    await user.click(within(confirm).getByRole('button', { name: 'Revoke token' }));
    expect(await screen.findByText('CI deploy revoked')).toBeInTheDocument();
    expect(fake.made('DELETE', `/api-tokens/${CI.id}`)).toHaveLength(1);
  });

  it('turns an expiry date into the end of that day', () => {
    expect(tokenRequest({ name: ' x ', scope: 'read', expiresOn: '2027-03-01' })).toEqual({
      name: 'x',
      scope: 'read',
      expiresAt: '2027-03-01T23:59:59Z',
    });
    expect(tokenRequest({ name: 'x', scope: 'read', expiresOn: '' }).expiresAt).toBeUndefined();
  });
});
