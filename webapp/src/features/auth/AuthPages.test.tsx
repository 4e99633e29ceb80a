import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { csrfToken } from '../../api/client';
import { routes } from '../../app/routes';
import { fakeApi, page, renderRoutes } from '../../test/harness';

describe('signing in', () => {
  it('asks an empty platform for its first administrator and then shows the dashboard', async () => {
    let done = false;
    const api = fakeApi()
      .on('GET', '/auth/setup-status', () => ({ status: 200, body: { requiresInitialUser: !done, authEnabled: true } }))
      .on('POST', '/auth/setup', () => {
        done = true;
        return { status: 201, body: {} };
      })
      .on('GET', '/projects', { body: page([]) });
    renderRoutes(routes, '/');

    await userEvent.type(await screen.findByLabelText('Your name'), 'Ada');
    await userEvent.type(screen.getByLabelText('Email'), 'ada@example.test');
    await userEvent.type(screen.getByLabelText('Password'), 'a long enough password');
    await userEvent.click(screen.getByRole('button', { name: 'Create administrator' }));

    expect(await screen.findByRole('heading', { name: 'Projects', level: 1 })).toBeInTheDocument();
    expect(api.made('POST', '/auth/setup')[0]?.body).toEqual({
      name: 'Ada',
      email: 'ada@example.test',
      password: 'a long enough password',
    });
  });

  it('shows the sign-in page when the platform answers 401 and the platform message on a wrong password', async () => {
    fakeApi()
      .on('GET', '/auth/me', { status: 401, body: { error: 'Unauthorized', code: 'UNAUTHORIZED' } })
      .on('POST', '/auth/login', {
        status: 401,
        body: { error: 'Unauthorized', message: 'Invalid email or password', code: 'INVALID_CREDENTIALS' },
      });
    renderRoutes(routes, '/');

    await userEvent.type(await screen.findByLabelText('Email'), 'ada@example.test');
    await userEvent.type(screen.getByLabelText('Password'), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Invalid email or password');
  });

  it('reads the CSRF token from the readable cookie the platform sets', () => {
    expect(csrfToken('theme=dark; vg_csrf=abc123; other=1')).toBe('abc123');
    expect(csrfToken('theme=dark')).toBeUndefined();
  });
});
