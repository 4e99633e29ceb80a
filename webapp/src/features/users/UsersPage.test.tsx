import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { routes } from '../../app/routes';
import { fakeApi, page, renderRoutes, signedIn } from '../../test/harness';
import { validateUser } from './UsersPage';

const ADA = { ...signedIn, createdAt: '2026-11-01T10:00:00Z', updatedAt: '2026-11-01T10:00:00Z' };
const BOB = { id: 'u-2', email: 'bob@example.test', name: 'Bob', role: 'member', active: true, createdAt: '2026-11-02T10:00:00Z' };
const EVE = { id: 'u-3', email: 'eve@example.test', name: 'Eve', role: 'member', active: false, createdAt: '2026-11-03T10:00:00Z' };

function platform(users: unknown[] = [ADA, BOB, EVE]) {
  return fakeApi()
    .on('GET', '/projects', { body: page([]) })
    .on('GET', '/users', { body: page(users) });
}

describe('users', () => {
  it('lists users with their global role and whether they can sign in', async () => {
    platform();
    const { router } = await renderUsers();
    const table = await screen.findByRole('table', { name: 'Users' });
    const ada = within(table).getByText('Ada').closest('tr')!;
    expect(within(ada).getByText('(you)')).toBeInTheDocument();
    expect(within(ada).getByLabelText('Global role of Ada')).toHaveValue('admin');
    expect(within(within(table).getByText('Eve').closest('tr')!).getByText('Deactivated')).toBeInTheDocument();
    expect(within(within(table).getByText('Bob').closest('tr')!).getByText('Active')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/settings/users');
  });

  it("shows the platform's last-administrator refusal when the only admin is demoted", async () => {
    const user = userEvent.setup();
    const fake = platform().on('PATCH', `/users/${ADA.id}/role`, {
      status: 409,
      body: { error: 'Conflict', message: 'At least one active administrator is required', code: 'LAST_ADMIN' },
    });
    await renderUsers();
    await user.selectOptions(await screen.findByLabelText('Global role of Ada'), 'member');
    const alerts = await screen.findAllByText('At least one active administrator is required');
    expect(alerts.some((element) => element.getAttribute('role') === 'alert')).toBe(true);
    expect(fake.made('PATCH', `/users/${ADA.id}/role`)[0]!.body).toEqual({ role: 'member' });
  });

  it('promotes a member, deactivates after confirming and reactivates', async () => {
    const user = userEvent.setup();
    const fake = platform()
      .on('PATCH', `/users/${BOB.id}/role`, { body: { ...BOB, role: 'admin' } })
      .on('POST', `/users/${BOB.id}/deactivate`, { body: { ...BOB, active: false } })
      .on('POST', `/users/${EVE.id}/reactivate`, { body: { ...EVE, active: true } });
    await renderUsers();

    await user.selectOptions(await screen.findByLabelText('Global role of Bob'), 'admin');
    expect(await screen.findByText('Bob is now administrator')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Deactivate Bob' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Deactivate Bob?' });
    expect(fake.made('POST', `/users/${BOB.id}/deactivate`)).toHaveLength(0);
    await user.click(within(confirm).getByRole('button', { name: 'Deactivate' }));
    expect(await screen.findByText('Bob deactivated')).toBeInTheDocument();
    expect(fake.made('POST', `/users/${BOB.id}/deactivate`)).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Reactivate Eve' }));
    expect(await screen.findByText('Eve reactivated')).toBeInTheDocument();
  });

  it('adds a user after checking the form, with the server field errors on the right input', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    const fake = platform().on('POST', '/users', (call) =>
      ++attempts === 1
        ? { status: 409, body: { error: 'Conflict', message: 'A user with this email already exists', code: 'EMAIL_TAKEN', details: [{ field: 'email', message: 'is already taken' }] } }
        : { status: 201, body: { ...BOB, ...(call.body as object), id: 'u-9', active: true } },
    );
    await renderUsers();
    await user.click(await screen.findByRole('button', { name: 'Add user' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add user' });
    await user.click(within(dialog).getByRole('button', { name: 'Add user' }));
    expect(within(dialog).getByText('A name is needed')).toBeInTheDocument();
    expect(within(dialog).getByText('At least 12 characters')).toBeInTheDocument();
    expect(fake.made('POST', '/users')).toHaveLength(0);

    await user.type(within(dialog).getByLabelText('Name'), 'Grace');
    await user.type(within(dialog).getByLabelText('Email'), 'grace@example.test');
    await user.type(within(dialog).getByLabelText('Initial password'), 'correct horse battery');
    await user.click(within(dialog).getByRole('button', { name: 'Add user' }));
    expect(await within(dialog).findByText('is already taken')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');

    await user.click(within(dialog).getByRole('button', { name: 'Add user' }));
    expect(await screen.findByText('Grace added')).toBeInTheDocument();
    expect(fake.made('POST', '/users')[1]!.body).toEqual({
      name: 'Grace',
      email: 'grace@example.test',
      password: 'correct horse battery',
      role: 'member',
    });
  });

  it('invites a user and shows the one-time link with a copy button', async () => {
    const user = userEvent.setup();
    const link = { kind: 'invite', url: 'http://localhost:8080/invite#token=abc123', expiresAt: '2026-11-05T10:00:00Z' };
    const fake = platform().on('POST', '/users/invites', (call) => ({
      status: 201,
      body: { user: { ...BOB, ...(call.body as object), id: 'u-9' }, link },
    }));
    await renderUsers();
    await user.click(await screen.findByRole('button', { name: 'Invite user' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite user' });
    expect(within(dialog).queryByLabelText('Initial password')).not.toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('Name'), 'Grace');
    await user.type(within(dialog).getByLabelText('Email'), 'grace@example.test');
    await user.click(within(dialog).getByRole('button', { name: 'Create invite link' }));

    const shown = await screen.findByRole('dialog', { name: 'Invite link for Grace' });
    expect(within(shown).getByLabelText('Link')).toHaveTextContent(link.url);
    expect(within(shown).getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
    expect(fake.made('POST', '/users/invites')[0]!.body).toEqual({ name: 'Grace', email: 'grace@example.test', role: 'member' });
  });

  it('issues a password reset link for an active user only', async () => {
    const user = userEvent.setup();
    const link = { kind: 'reset', url: 'http://localhost:8080/invite#token=def456', expiresAt: '2026-11-05T10:00:00Z' };
    const fake = platform().on('POST', `/users/${BOB.id}/password-reset-link`, { body: link });
    await renderUsers();
    expect(screen.queryByRole('button', { name: 'Reset password link for Eve' })).not.toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Reset password link for Bob' }));

    const shown = await screen.findByRole('dialog', { name: 'Password reset link for Bob' });
    expect(within(shown).getByLabelText('Link')).toHaveTextContent(link.url);
    expect(fake.made('POST', `/users/${BOB.id}/password-reset-link`)).toHaveLength(1);
  });

  it('shows the API message when a member may not list users', async () => {
    fakeApi()
      .on('GET', '/projects', { body: page([]) })
      .on('GET', '/users', { status: 403, body: { error: 'Forbidden', message: 'Administrators only' } });
    await renderUsers();
    expect(await screen.findByRole('alert')).toHaveTextContent('Administrators only');
  });

  it('validates name, email and password length', () => {
    expect(validateUser({ name: 'A', email: 'a@b', password: 'x'.repeat(12), role: 'member' })).toEqual({});
    expect(Object.keys(validateUser({ name: ' ', email: 'nope', password: 'short', role: 'admin' })).sort()).toEqual([
      'email',
      'name',
      'password',
    ]);
  });
});

async function renderUsers() {
  return renderRoutes(routes, '/settings/users');
}
