import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, project, renderRoutes } from '../../../test/harness';
import { ScmSettings } from './ScmSettings';

const scmPath = `/projects/${project.id}/scm-config`;

describe('the repository form', () => {
  it('shows the server field errors on the right inputs, then saves a fixed form', async () => {
    const user = userEvent.setup();
    const fake = fakeApi()
      .on('GET', scmPath, { status: 404, body: { error: 'Not Found', message: 'No SCM configuration' } })
      .on('PUT', scmPath, (call) => {
        const body = call.body as { repositoryUrl: string; baseBranch?: string };
        if (!body.repositoryUrl.startsWith('https://')) {
          return {
            status: 400,
            body: {
              error: 'Validation error',
              message: '2 fields are invalid',
              code: 'VALIDATION_ERROR',
              details: [
                { field: 'baseBranch', message: 'must be a valid git branch name' },
                { field: 'repositoryUrl', message: 'must be an https, ssh, git or file URL' },
              ],
            },
          };
        }
        return { status: 200, body: { projectId: project.id, provider: 'github', ...body } };
      })
      .on('GET', `/projects/${project.id}/readiness`, { body: { projectId: project.id, automationAvailable: false, checks: [] } });
    renderRoutes([{ path: '/', element: <ScmSettings projectId={project.id} /> }], '/');

    expect(await screen.findByText('Not configured')).toBeInTheDocument();
    const url = screen.getByLabelText('Repository URL');
    const branch = screen.getByLabelText('Base branch');
    await user.type(url, 'acme shop');
    await user.clear(branch);
    await user.type(branch, 'main..x');
    await user.click(screen.getByRole('button', { name: 'Save repository' }));

    expect(await screen.findByText('must be an https, ssh, git or file URL')).toBeInTheDocument();
    expect(url).toHaveAttribute('aria-invalid', 'true');
    expect(url).toHaveAccessibleDescription('must be an https, ssh, git or file URL');
    expect(branch).toHaveAccessibleDescription('must be a valid git branch name');
    expect(screen.getByLabelText('Pull request repository')).not.toHaveAttribute('aria-invalid');
    expect(await screen.findByText('Check the highlighted fields')).toBeInTheDocument();

    await user.clear(url);
    await user.type(url, 'https://github.com/acme/shop.git');
    await user.clear(branch);
    await user.type(branch, 'main');
    await user.click(screen.getByRole('button', { name: 'Save repository' }));

    expect(await screen.findByText('Repository configuration saved')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('must be an https, ssh, git or file URL')).not.toBeInTheDocument());
    expect(screen.getByText('GitHub', { selector: 'span' })).toBeInTheDocument();
    // blank optional fields are left out so the platform applies its defaults
    expect(fake.made('PUT', scmPath).at(-1)?.body).toEqual({
      repositoryUrl: 'https://github.com/acme/shop.git',
      baseBranch: 'main',
    });
  });
});
