import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, project, renderRoutes } from '../../test/harness';
import { TrustBanner } from './TrustBanner';
import { parseIdentities, TrustSettingsCard } from './TrustSettingsCard';

const TICKET = 't-1';
const trustPath = `/tickets/${TICKET}/trust`;
const rulesPath = `/projects/${project.id}/trust`;
const RULES = { projectId: project.id, trustedIdentities: ['github:octocat'], trustRepositoryMembers: true };
const AWAITING = {
  author: {
    ticketId: TICKET,
    provider: 'github',
    identity: 'mallory',
    association: 'NONE',
    trusted: false,
    reason: "github:mallory is not on the project's trusted list",
    state: 'awaiting',
    createdAt: '2026-11-20T10:00:00Z',
  },
  awaitingApproval: true,
  holds: [
    {
      id: 'h-1',
      ticketId: TICKET,
      kind: 'execution',
      provider: 'github',
      identity: 'mallory',
      reason: "github:mallory is not on the project's trusted list",
      state: 'awaiting',
      run: {},
      createdAt: '2026-11-20T10:00:00Z',
    },
  ],
};

function banner() {
  renderRoutes([{ path: '*', element: <TrustBanner ticketId={TICKET} projectId={project.id} /> }], '/');
}

describe('untrusted-author banner', () => {
  it('names the outside author and the reason, and lets an approver approve', async () => {
    const user = userEvent.setup();
    const fake = fakeApi()
      .on('GET', trustPath, { body: AWAITING })
      .on('GET', rulesPath, { body: RULES })
      .on('POST', `${trustPath}/approve`, {
        body: { ...AWAITING, awaitingApproval: false, author: { ...AWAITING.author, state: 'approved', decidedBy: 'ada' }, holds: [] },
      });
    banner();

    const section = await screen.findByRole('region', { name: 'Untrusted author' });
    expect(within(section).getByText(/From an untrusted author: github:mallory/)).toBeInTheDocument();
    expect(within(section).getAllByText("github:mallory is not on the project's trusted list").length).toBeGreaterThan(0);
    await user.click(await within(section).findByRole('button', { name: 'Approve' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Approve' }));

    expect(await screen.findByText('Approved: the held run starts')).toBeInTheDocument();
    expect(fake.made('POST', `${trustPath}/approve`)).toHaveLength(1);
    expect(await screen.findByText(/approved by ada/)).toBeInTheDocument();
  });

  it('asks a reason before rejecting', async () => {
    const user = userEvent.setup();
    const fake = fakeApi()
      .on('GET', trustPath, { body: AWAITING })
      .on('GET', rulesPath, { body: RULES })
      .on('POST', `${trustPath}/reject`, {
        body: { ...AWAITING, author: { ...AWAITING.author, state: 'rejected', decidedBy: 'ada', decisionReason: 'Spam' } },
      });
    banner();

    await user.click(await screen.findByRole('button', { name: 'Reject' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(within(dialog).getByRole('button', { name: 'Reject' })).toBeDisabled();
    await user.type(within(dialog).getByLabelText(/Reason/), 'Spam');
    await user.click(within(dialog).getByRole('button', { name: 'Reject' }));

    expect(await screen.findByText('Rejected')).toBeInTheDocument();
    expect(fake.made('POST', `${trustPath}/reject`)[0]!.body).toEqual({ reason: 'Spam' });
  });

  it('shows no decision buttons to someone who may not approve', async () => {
    fakeApi()
      .on('GET', trustPath, { body: AWAITING })
      .on('GET', rulesPath, { status: 403, body: { error: 'Forbidden', message: 'Approvers only' } });
    banner();

    expect(await screen.findByText(/Nothing runs until a project approver approves it/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });
});

describe('trust settings', () => {
  it('parses one identity per line', () => {
    expect(parseIdentities(' github:a \n\n jira:B\n')).toEqual(['github:a', 'jira:B']);
  });

  it('refuses a line that is not provider:id before asking the platform, then saves the list and the switch', async () => {
    const user = userEvent.setup();
    const fake = fakeApi()
      .on('GET', rulesPath, { body: RULES })
      .on('PUT', rulesPath, (call) => ({ status: 200, body: { projectId: project.id, ...(call.body as object) } }));
    renderRoutes([{ path: '*', element: <TrustSettingsCard projectId={project.id} /> }], '/');

    const list = await screen.findByLabelText('Trusted identities');
    expect(list).toHaveValue('github:octocat');
    await user.type(list, '\noctocat');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Not provider:id: octocat')).toBeInTheDocument();
    expect(fake.made('PUT', rulesPath)).toHaveLength(0);

    await user.clear(list);
    await user.type(list, 'github:octocat\ncustom:*');
    await user.click(screen.getByRole('switch', { name: 'Trust repository members' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Trust settings saved')).toBeInTheDocument();
    expect(fake.made('PUT', rulesPath)[0]!.body).toEqual({
      trustedIdentities: ['github:octocat', 'custom:*'],
      trustRepositoryMembers: false,
    });
  });
});
