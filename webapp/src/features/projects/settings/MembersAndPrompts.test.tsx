import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, project, renderRoutes } from '../../../test/harness';
import { MembersSettings } from './MembersSettings';
import { PromptSettings } from './PromptSettings';

const ADA = { userId: 'u-1', projectId: project.id, email: 'ada@example.test', name: 'Ada', role: 'admin' };
const BOB = { userId: 'u-2', projectId: project.id, email: 'bob@example.test', name: 'Bob', role: 'member' };
const membersPath = `/projects/${project.id}/members`;

const RESEARCH = {
  type: 'ticket_research',
  label: 'Research',
  description: 'What the agent gets for a research run',
  systemDefault: 'Research {{ticketTitle}}',
  effectiveTemplate: 'Research {{ticketTitle}}',
  isDefault: true,
  variables: ['ticketTitle', 'ticketDescription'],
};
const promptsPath = `/projects/${project.id}/prompt-templates`;

describe('project members', () => {
  it('adds a member by email with a role, and shows the platform’s answer for an unknown email', async () => {
    const user = userEvent.setup();
    let members = [ADA];
    const fake = fakeApi()
      .on('GET', membersPath, () => ({ status: 200, body: members }))
      .on('POST', membersPath, (call) => {
        const body = call.body as { email: string; role: string };
        if (body.email !== BOB.email) {
          return { status: 400, body: { error: 'Bad Request', message: 'Invalid', details: [{ field: 'email', message: 'No user has this email' }] } };
        }
        members = [ADA, { ...BOB, role: body.role }];
        return { status: 201, body: members[1] };
      });
    renderRoutes([{ path: '*', element: <MembersSettings projectId={project.id} /> }], '/');
    expect(await screen.findByLabelText('Role of Ada')).toHaveValue('admin');

    await user.type(screen.getByLabelText('Email'), 'nobody@example.test');
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    expect(await screen.findByText('No user has this email')).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Email'));
    await user.type(screen.getByLabelText('Email'), BOB.email);
    await user.selectOptions(screen.getByLabelText('Role'), 'approver');
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    expect(await screen.findByText('Bob added as approver')).toBeInTheDocument();
    expect(fake.made('POST', membersPath)[1]!.body).toEqual({ email: BOB.email, role: 'approver' });
    expect(await screen.findByLabelText('Role of Bob')).toHaveValue('approver');
  });

  it('changes a role at once and rolls it back with the platform’s message when refused', async () => {
    const user = userEvent.setup();
    fakeApi()
      .on('GET', membersPath, { body: [ADA, BOB] })
      .on('PUT', `${membersPath}/${ADA.userId}`, {
        status: 409,
        body: { error: 'Conflict', message: 'A project needs at least one admin', code: 'LAST_PROJECT_ADMIN' },
      });
    renderRoutes([{ path: '*', element: <MembersSettings projectId={project.id} /> }], '/');
    await user.selectOptions(await screen.findByLabelText('Role of Ada'), 'viewer');
    expect((await screen.findAllByText('A project needs at least one admin')).length).toBeGreaterThan(0);
    expect(screen.getByLabelText('Role of Ada')).toHaveValue('admin');
  });

  it('removes a member after confirming', async () => {
    const user = userEvent.setup();
    const fake = fakeApi()
      .on('GET', membersPath, { body: [ADA, BOB] })
      .on('DELETE', `${membersPath}/${BOB.userId}`, { status: 204 });
    renderRoutes([{ path: '*', element: <MembersSettings projectId={project.id} /> }], '/');
    await user.click(await screen.findByRole('button', { name: 'Remove Bob' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Remove member' }));
    expect(await screen.findByText('Bob removed')).toBeInTheDocument();
    expect(fake.made('DELETE', `${membersPath}/${BOB.userId}`)).toHaveLength(1);
  });
});

describe('project prompt templates', () => {
  it('overrides a prompt, showing the validation error on the template, and goes back to the default', async () => {
    const user = userEvent.setup();
    let entry = RESEARCH;
    let attempts = 0;
    const fake = fakeApi()
      .on('GET', promptsPath, () => ({ status: 200, body: [entry] }))
      .on('PUT', `${promptsPath}/ticket_research`, (call) => {
        if (++attempts === 1) {
          return { status: 400, body: { error: 'Bad Request', message: 'Invalid', details: [{ field: 'template', message: 'uses unknown variable ticketColour' }] } };
        }
        entry = { ...RESEARCH, effectiveTemplate: (call.body as { template: string }).template, isDefault: false };
        return { status: 200, body: entry };
      })
      .on('DELETE', `${promptsPath}/ticket_research`, () => {
        entry = RESEARCH;
        return { status: 204 };
      });
    renderRoutes([{ path: '*', element: <PromptSettings projectId={project.id} /> }], '/');
    const template = await screen.findByLabelText('Template');
    expect(template).toHaveValue('Research {{ticketTitle}}');
    expect(screen.getByText('System default')).toBeInTheDocument();
    expect(screen.getByText('{{ticketDescription}}')).toBeInTheDocument();

    await user.clear(template);
    await user.type(template, 'Look into {{{{ticketColour}}');
    await user.click(screen.getByRole('button', { name: 'Save override' }));
    expect(await screen.findByText('uses unknown variable ticketColour')).toBeInTheDocument();

    await user.clear(template);
    await user.type(template, 'Dig into {{{{ticketTitle}}');
    await user.click(screen.getByRole('button', { name: 'Save override' }));
    expect(await screen.findByText('Research: project override saved')).toBeInTheDocument();
    expect(fake.made('PUT', `${promptsPath}/ticket_research`)[1]!.body).toEqual({ template: 'Dig into {{ticketTitle}}' });
    expect(await screen.findByText('Project override')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Use the system default' }));
    expect(await screen.findByText('Research: back to the system default')).toBeInTheDocument();
    expect(await screen.findByLabelText('Template')).toHaveValue('Research {{ticketTitle}}');
  });
});
