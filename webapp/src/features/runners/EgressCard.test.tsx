import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { routes } from '../../app/routes';
import { fakeApi, page, renderRoutes } from '../../test/harness';
import { parseHosts, validateHosts } from './EgressCard';

const RUNNER = {
  id: 'c1',
  name: 'Claude on Docker',
  slug: 'claude-on-docker',
  agent: 'claude-code',
  deploymentStrategy: 'docker',
  status: 'active',
  deploymentConfig: {},
  instructionFiles: [],
  createdAt: '2026-11-01T10:00:00Z',
};
const OPEN_WARNING = 'Egress is open: the agent can reach any host. Choose none or an allow-list.';

function platform(policy: object) {
  return fakeApi()
    .on('GET', '/projects', { body: page([]) })
    .on('GET', `/clankers/by-slug/${RUNNER.slug}`, { body: RUNNER })
    .on('GET', '/worker-images', { body: [] })
    .on('GET', `/clankers/${RUNNER.id}/instruction-files`, { body: [] })
    .on('GET', `/clankers/${RUNNER.id}/egress`, {
      body: { clankerId: RUNNER.id, allowedHosts: [], enforceable: true, warnings: [], ...policy },
    });
}

describe('runner egress policy', () => {
  it('shows the warning of an open runner and saves an allow-list, one host per line', async () => {
    const user = userEvent.setup();
    const fake = platform({ mode: 'open', warnings: [OPEN_WARNING] }).on('PUT', `/clankers/${RUNNER.id}/egress`, (call) => ({
      status: 200,
      body: { clankerId: RUNNER.id, enforceable: true, warnings: [], ...(call.body as object) },
    }));
    renderRoutes(routes, `/runners/${RUNNER.slug}`);

    const form = await screen.findByRole('form', { name: 'Egress policy' });
    expect(within(form).getByRole('alert')).toHaveTextContent('Egress is open');
    await user.selectOptions(within(form).getByLabelText('Egress'), 'allowlist');
    await user.type(within(form).getByLabelText(/Allowed hosts/), 'registry.npmjs.org\n*.pypi.org');
    await user.click(within(form).getByRole('button', { name: 'Save egress policy' }));

    await screen.findByText(/Egress policy saved/);
    expect(fake.made('PUT', `/clankers/${RUNNER.id}/egress`)[0]?.body).toEqual({
      mode: 'allowlist',
      allowedHosts: ['registry.npmjs.org', '*.pypi.org'],
    });
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('checks hosts in the browser and shows the platform’s field error on the hosts', async () => {
    const user = userEvent.setup();
    const fake = platform({ mode: 'allowlist', allowedHosts: ['github.com'] }).on('PUT', `/clankers/${RUNNER.id}/egress`, {
      status: 400,
      body: {
        error: 'Bad Request',
        code: 'EGRESS_POLICY_INVALID',
        message: 'The egress policy is invalid',
        details: [{ field: 'allowedHosts[1]', message: "'*.com' is a wildcard over a top-level domain or an address" }],
      },
    });
    renderRoutes(routes, `/runners/${RUNNER.slug}`);
    const form = await screen.findByRole('form', { name: 'Egress policy' });
    const hosts = within(form).getByLabelText(/Allowed hosts/);
    expect(hosts).toHaveValue('github.com');

    await user.type(hosts, '\nhttps://evil.example/x');
    await user.click(within(form).getByRole('button', { name: 'Save egress policy' }));
    expect(await within(form).findByText(/"https:\/\/evil.example\/x" is not a hostname/)).toBeInTheDocument();
    expect(fake.made('PUT', `/clankers/${RUNNER.id}/egress`)).toHaveLength(0);

    await user.clear(hosts);
    await user.type(hosts, 'github.com\n*.com');
    await user.click(within(form).getByRole('button', { name: 'Save egress policy' }));
    expect(await within(form).findByText(/wildcard over a top-level domain/)).toBeInTheDocument();
  });

  it('offers only open on a runtime that cannot enforce a policy', async () => {
    platform({ mode: 'open', enforceable: false, warnings: ['lambda workers cannot be restricted'] });
    renderRoutes(routes, `/runners/${RUNNER.slug}`);
    const form = await screen.findByRole('form', { name: 'Egress policy' });
    expect(within(form).getByRole('option', { name: /None/ })).toBeDisabled();
    expect(within(form).getByRole('option', { name: /Open/ })).toBeEnabled();
  });

  it('parses and validates host lists', () => {
    expect(parseHosts(' github.com ,\n\n*.npmjs.org\n')).toEqual(['github.com', '*.npmjs.org']);
    expect(validateHosts('allowlist', [])).toMatch(/at least one/);
    expect(validateHosts('allowlist', ['a@b.com'])).toMatch(/not a hostname/);
    expect(validateHosts('allowlist', ['GitHub.com.', '10.0.0.5:8080', '[::1]:3128'])).toBeUndefined();
    expect(validateHosts('none', [])).toBeUndefined();
  });
});
