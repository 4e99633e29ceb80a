import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { routes } from '../../app/routes';
import { fakeApi, page, project, renderRoutes, ticket } from '../../test/harness';

function platform() {
  return fakeApi()
    .on('GET', '/projects', { body: page([project]) })
    .on('GET', `/projects/by-slug/${project.slug}`, { body: project })
    .on('GET', `/projects/${project.id}/readiness`, {
      body: { projectId: project.id, automationAvailable: true, checks: [] },
    })
    .on('GET', /^\/tickets\/[^/]+$/, { body: ticket() });
}

describe('creating a ticket', () => {
  it('checks files and the skip reason in the browser, then posts the form and opens the ticket', async () => {
    const user = userEvent.setup({ applyAccept: false });
    const fake = platform().on('POST', '/tickets', { status: 201, body: ticket() });
    const { router } = renderRoutes(routes, '/projects/acme-shop/tickets/new');
    await screen.findByRole('heading', { name: 'New ticket' });

    const [screenshotInput] = document.querySelectorAll<HTMLInputElement>('input[type=file]');
    await user.upload(screenshotInput!, new File(['<svg/>'], 'logo.svg', { type: 'image/svg+xml' }));
    expect(screen.getByText('Screenshots must be PNG, JPEG, GIF or WebP images.')).toBeInTheDocument();
    await user.upload(screenshotInput!, new File([new Uint8Array(64)], 'shot.png', { type: 'image/png' }));
    expect(screen.queryByText('Screenshots must be PNG, JPEG, GIF or WebP images.')).not.toBeInTheDocument();
    expect(screen.getByText('shot.png')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Title'), 'Checkout button does nothing');
    await user.selectOptions(screen.getByLabelText('Start in phase'), 'execution');
    await user.click(screen.getByRole('button', { name: 'Create ticket' }));
    expect(screen.getByText('Say why this ticket skips ahead to execution.')).toBeInTheDocument();
    expect(fake.made('POST', '/tickets')).toHaveLength(0);

    await user.type(screen.getByLabelText('Reason for skipping ahead'), 'Cause known from the incident');
    await user.click(screen.getByRole('button', { name: 'Create ticket' }));

    expect(await screen.findByText('Ticket created')).toBeInTheDocument();
    const form = fake.made('POST', '/tickets')[0]!.body as FormData;
    expect(form.get('title')).toBe('Checkout button does nothing');
    expect(form.get('workflowPhase')).toBe('execution');
    expect(form.get('workflowOverrideReason')).toBe('Cause known from the incident');
    expect((form.get('screenshot') as File).name).toBe('shot.png');
    expect(router.state.location.pathname).toBe(`/projects/acme-shop/tickets/${ticket().id}`);
  });

  it('shows a field error the platform returns next to its input', async () => {
    const user = userEvent.setup();
    platform().on('POST', '/tickets', {
      status: 400,
      body: {
        error: 'Validation error',
        message: 'category size must be between 1 and 100',
        details: [{ field: 'category', message: 'size must be between 1 and 100' }],
      },
    });
    renderRoutes(routes, '/projects/acme-shop/tickets/new');
    await user.type(await screen.findByLabelText('Title'), 'A ticket');
    await user.click(screen.getByRole('button', { name: 'Create ticket' }));

    expect(await screen.findByText('size must be between 1 and 100')).toBeInTheDocument();
    expect(screen.getByLabelText('Category')).toHaveAttribute('aria-invalid', 'true');
  });
});
