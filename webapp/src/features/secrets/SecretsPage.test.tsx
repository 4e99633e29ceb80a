import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { routes } from '../../app/routes';
import { fakeApi, page, project, renderRoutes } from '../../test/harness';
import { secretRequest, validateSecret } from './SecretDialog';

const GITHUB = {
  id: '55555555-5555-4555-8555-555555555555',
  name: 'GITHUB_TOKEN',
  storage: 'database',
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-01T10:00:00Z',
  usedByClankers: [],
  usedByRepositories: ['Acme Shop'],
};
const ENV = { ...GITHUB, id: '66666666-6666-4666-8666-666666666666', name: 'OPENAI_API_KEY', storage: 'env', envName: 'OPENAI_KEY', usedByRepositories: [] };

function platform(secrets: unknown[] = [GITHUB, ENV]) {
  return fakeApi()
    .on('GET', '/projects', { body: page([project]) })
    .on('GET', '/secrets', { body: page(secrets) });
}

describe('secrets', () => {
  it('lists secrets with where they live and who uses them, never a value', async () => {
    const fake = platform();
    renderRoutes(routes, '/secrets');

    const table = await screen.findByRole('table');
    const row = within(table).getByText('GITHUB_TOKEN').closest('tr')!;
    expect(within(row).getByText('Encrypted in the database')).toBeInTheDocument();
    expect(within(row).getByText('repository of Acme Shop')).toBeInTheDocument();
    expect(within(row).getByLabelText('Value hidden')).toHaveTextContent('••••••••');
    expect(within(table).getByText('$OPENAI_KEY')).toBeInTheDocument();
    expect(fake.made('GET', '/secrets')[0]!.query.get('projectId')).toBeNull();
  });

  it('creates a secret after checking the name in the browser, showing the server field errors', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    const fake = platform([]).on('POST', '/secrets', (call) =>
      ++attempts === 1
        ? { status: 409, body: { error: 'Conflict', message: 'A secret named ANTHROPIC_API_KEY already exists here', code: 'SECRET_NAME_TAKEN' } }
        : attempts === 2
          ? { status: 400, body: { error: 'Bad Request', message: 'Invalid', details: [{ field: 'value', message: 'is required for database storage' }] } }
          : { status: 201, body: { ...GITHUB, ...(call.body as object), id: 'new' } },
    );
    renderRoutes(routes, '/secrets');

    await user.click((await screen.findAllByRole('button', { name: 'New secret' }))[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'New secret' });
    await user.type(within(dialog).getByLabelText('Name'), '1BAD NAME');
    await user.click(within(dialog).getByRole('button', { name: 'Create secret' }));
    expect(within(dialog).getByText(/Use letters, digits and _/)).toBeInTheDocument();
    expect(within(dialog).getByText('A value is needed for secrets stored in the database')).toBeInTheDocument();
    expect(fake.made('POST', '/secrets')).toHaveLength(0);

    await user.clear(within(dialog).getByLabelText('Name'));
    await user.type(within(dialog).getByLabelText('Name'), 'ANTHROPIC_API_KEY');
    const value = within(dialog).getByLabelText('Value');
    expect(value).toHaveAttribute('type', 'password');
    await user.type(value, 'sk-ant-secret');
    await user.selectOptions(within(dialog).getByLabelText('Scope'), project.id);
    await user.click(within(dialog).getByRole('button', { name: 'Create secret' }));
    expect(await screen.findByText('A secret named ANTHROPIC_API_KEY already exists here')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Create secret' }));
    expect(await within(dialog).findByText('is required for database storage')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Value')).toHaveAttribute('aria-invalid', 'true');

    await user.click(within(dialog).getByRole('button', { name: 'Create secret' }));
    expect(await screen.findByText('ANTHROPIC_API_KEY created')).toBeInTheDocument();
    expect(fake.made('POST', '/secrets')[2]!.body).toEqual({
      name: 'ANTHROPIC_API_KEY',
      projectId: project.id,
      storage: 'database',
      value: 'sk-ant-secret',
    });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('rotates a value without ever showing the old one, and keeps it when the field is left empty', async () => {
    const user = userEvent.setup();
    const fake = platform().on('PUT', `/secrets/${GITHUB.id}`, { body: GITHUB });
    renderRoutes(routes, '/secrets');

    await user.click(await screen.findByRole('button', { name: 'Update GITHUB_TOKEN' }));
    const dialog = await screen.findByRole('dialog', { name: 'Update GITHUB_TOKEN' });
    const value = within(dialog).getByLabelText('New value');
    expect(value).toHaveValue('');
    expect(value).toHaveAttribute('type', 'password');
    await user.type(value, 'ghp_rotated');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('GITHUB_TOKEN updated')).toBeInTheDocument();
    expect(fake.made('PUT', `/secrets/${GITHUB.id}`)[0]!.body).toEqual({ storage: 'database', value: 'ghp_rotated' });
  });

  it('explains in the dialog why a secret in use cannot be deleted', async () => {
    const user = userEvent.setup();
    platform().on('DELETE', `/secrets/${GITHUB.id}`, {
      status: 409,
      body: { error: 'Conflict', message: 'Secret GITHUB_TOKEN is used by repository of project Acme Shop; remove it there first', code: 'SECRET_IN_USE' },
    });
    renderRoutes(routes, '/secrets');

    await user.click(await screen.findByRole('button', { name: 'Delete GITHUB_TOKEN' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Delete GITHUB_TOKEN?' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete secret' }));
    expect(await within(confirm).findByRole('alert')).toHaveTextContent('remove it there first');
  });

  it('filters by project scope through the URL', async () => {
    const user = userEvent.setup();
    const fake = platform();
    const { router } = renderRoutes(routes, '/secrets');
    await screen.findByRole('table');
    await user.selectOptions(screen.getByLabelText('Scope'), project.id);
    expect(router.state.location.search).toBe(`?project=${project.id}`);
    await screen.findByRole('table');
    expect(fake.made('GET', '/secrets').at(-1)!.query.get('projectId')).toBe(project.id);
  });

  it('builds requests that leave out what does not apply', () => {
    const form = { name: ' X ', projectId: '', storage: 'env' as const, value: 'ignored', envName: '', ssmParameter: '/p' };
    expect(secretRequest(form)).toEqual({ name: 'X', storage: 'env' });
    expect(validateSecret({ ...form, storage: 'ssm', value: '', ssmParameter: 'no-slash' })).toHaveProperty('ssmParameter');
    expect(validateSecret({ ...form, storage: 'ssm', value: '', ssmParameter: '' })).toHaveProperty('value');
  });
});
