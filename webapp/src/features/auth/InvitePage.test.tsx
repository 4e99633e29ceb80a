import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { routes } from '../../app/routes';
import { fakeApi, page, renderRoutes } from '../../test/harness';
import { tokenFromFragment } from './InvitePage';

const DETAILS = { kind: 'invite', email: 'grace@example.test', name: 'Grace', expiresAt: '2026-12-01T10:00:00Z' };

describe('invite and reset links', () => {
  it('shows who the link is for, checks the two passwords and signs in', async () => {
    const user = userEvent.setup();
    let signedIn = false;
    const api = fakeApi()
      .on('POST', '/auth/links/inspect', { body: DETAILS })
      .on('POST', '/auth/links/redeem', () => {
        signedIn = true;
        return { status: 200, body: {} };
      })
      .on('GET', '/auth/me', () =>
        signedIn ? { status: 200, body: { user: DETAILS, authenticatedBy: 'session' } } : { status: 401, body: {} },
      )
      .on('GET', '/projects', { body: page([]) });
    const { router } = renderRoutes(routes, '/invite#token=abc123');

    expect(await screen.findByText(/Grace \(grace@example\.test\)/)).toBeInTheDocument();
    expect(router.state.location.hash).toBe('');
    expect(api.made('POST', '/auth/links/inspect')[0]!.body).toEqual({ token: 'abc123' });

    await user.type(screen.getByLabelText('New password'), 'a long enough password');
    await user.type(screen.getByLabelText('Repeat the password'), 'a long enough passwore');
    await user.click(screen.getByRole('button', { name: 'Set password and sign in' }));
    expect(screen.getByText('The two passwords differ')).toBeInTheDocument();
    expect(api.made('POST', '/auth/links/redeem')).toHaveLength(0);

    await user.clear(screen.getByLabelText('Repeat the password'));
    await user.type(screen.getByLabelText('Repeat the password'), 'a long enough password');
    await user.click(screen.getByRole('button', { name: 'Set password and sign in' }));

    expect(await screen.findByRole('heading', { name: 'Projects', level: 1 })).toBeInTheDocument();
    expect(api.made('POST', '/auth/links/redeem')[0]!.body).toEqual({ token: 'abc123', password: 'a long enough password' });
  });

  it("puts the platform's password field error next to the input", async () => {
    const user = userEvent.setup();
    fakeApi()
      .on('POST', '/auth/links/inspect', { body: DETAILS })
      .on('POST', '/auth/links/redeem', {
        status: 400,
        body: { error: 'Bad Request', message: 'Invalid', code: 'WEAK_PASSWORD', details: [{ field: 'password', message: 'must not be the email address' }] },
      });
    renderRoutes(routes, '/invite#token=abc123');

    await user.type(await screen.findByLabelText('New password'), 'grace@example.test');
    await user.type(screen.getByLabelText('Repeat the password'), 'grace@example.test');
    await user.click(screen.getByRole('button', { name: 'Set password and sign in' }));

    expect(await screen.findByText('must not be the email address')).toBeInTheDocument();
    expect(screen.getByLabelText('New password')).toHaveAttribute('aria-invalid', 'true');
  });

  it('says a used or expired link does not work', async () => {
    fakeApi().on('POST', '/auth/links/inspect', {
      status: 404,
      body: { error: 'Not Found', message: 'This link is invalid, has been used or has expired', code: 'LINK_INVALID' },
    });
    renderRoutes(routes, '/invite#token=spent');

    expect(await screen.findByRole('heading', { name: 'This link does not work' })).toBeInTheDocument();
  });

  it('reads the token from the fragment only', () => {
    expect(tokenFromFragment('#token=abc')).toBe('abc');
    expect(tokenFromFragment('')).toBeUndefined();
    expect(tokenFromFragment('#other=1')).toBeUndefined();
  });
});
