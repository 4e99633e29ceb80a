import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { routes } from '../../app/routes';
import { fakeApi, page, project, renderRoutes, ticket } from '../../test/harness';
import { applySuggestion } from './LineComments';
import { lineDiff } from './RevisionHistory';

const TICKET = ticket();
const T = `/tickets/${TICKET.id}`;
const URL = `/projects/${project.slug}/tickets/${TICKET.id}`;

const runner = {
  id: '33333333-3333-4333-8333-333333333333',
  name: 'Claude on this machine',
  slug: 'claude-local',
  agent: 'claude-code',
  deploymentStrategy: 'local',
  status: 'active',
  createdAt: '2026-11-01T10:00:00Z',
};
const idle = { ...runner, id: '44444444-4444-4444-8444-444444444444', name: 'Idle Codex', slug: 'idle', status: 'inactive' };

function doc(phase: string, content: string, extra: Record<string, unknown> = {}) {
  return {
    id: content ? `d-${phase}` : undefined,
    ticketId: TICKET.id,
    phase,
    content,
    revision: content ? 2 : 0,
    approvalState: 'draft',
    updatedAt: content ? '2026-11-01T11:00:00Z' : undefined,
    ...extra,
  };
}

const RESEARCH = [
  '# Research',
  '',
  'The click handler is bound after hydration.',
  '',
  '<script>window.hacked = true</script>',
  '',
  '<img src="x" onerror="window.hacked = true">',
  '',
  '[a bad link](javascript:alert(1)) and [docs](https://example.com/docs)',
].join('\n');

function platform(overrides: { ticket?: Record<string, unknown>; research?: unknown; planning?: unknown } = {}) {
  return fakeApi()
    .on('GET', '/projects', { body: page([project]) })
    .on('GET', `/projects/by-slug/${project.slug}`, { body: project })
    .on('GET', `/projects/${project.id}/readiness`, {
      body: { projectId: project.id, automationAvailable: true, checks: [] },
    })
    .on('GET', T, { body: { ...TICKET, ...overrides.ticket } })
    .on('GET', `${T}/phases/research`, { body: overrides.research ?? { document: doc('research', '') } })
    .on('GET', `${T}/phases/planning`, { body: overrides.planning ?? { document: doc('planning', '') } })
    .on('GET', `${T}/phases/research/comments`, { body: [] })
    .on('GET', `${T}/phases/planning/comments`, { body: [] })
    .on('GET', '/jobs', { body: page([]) })
    .on('GET', '/clankers', { body: page([idle, runner]) });
}

describe('ticket phases', () => {
  it('starts a research run on an active runner from the stepper', async () => {
    const user = userEvent.setup();
    const fake = platform().on('POST', `${T}/phases/research/run`, {
      status: 202,
      body: { id: 'j1', jobId: 'j1', kind: 'research', status: 'queued', createdAt: '2026-11-01T12:00:00Z' },
    });
    renderRoutes(routes, URL);

    const steps = await screen.findByRole('tablist', { name: 'Phases' });
    expect(within(steps).getByRole('tab', { name: /Research/ })).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByTestId('phase-note-research')).toHaveTextContent('Current · Not started');
    expect(screen.getByText('No research document yet')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Run research' }));
    const dialog = await screen.findByRole('dialog', { name: 'Start research' });
    const select = within(dialog).getByLabelText('Agent runner');
    // only active runners can take a run
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Claude on this machine']);
    await user.type(within(dialog).getByLabelText('Extra instructions'), 'Look at Safari only.');
    await user.click(within(dialog).getByRole('button', { name: 'Start run' }));

    expect(await screen.findByText('Research run queued')).toBeInTheDocument();
    expect(fake.made('POST', `${T}/phases/research/run`)[0]!.body).toEqual({
      clankerId: runner.id,
      instructionFiles: [{ path: 'AGENTS.md', content: 'Look at Safari only.' }],
    });
  });

  it('renders the document as markdown without running or injecting its raw HTML', async () => {
    platform({
      research: {
        document: doc('research', RESEARCH),
        latestRun: {
          id: 'pr1',
          phase: 'research',
          jobId: 'j1',
          status: 'completed',
          clankerName: 'Claude on this machine',
          createdAt: '2026-11-01T10:30:00Z',
        },
      },
    });
    renderRoutes(routes, URL);

    expect(await screen.findByRole('heading', { name: 'Research', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('The click handler is bound after hydration.')).toBeInTheDocument();
    const panel = screen.getByRole('heading', { name: 'Research', level: 1 }).closest('div')!;
    expect(panel.querySelector('script')).toBeNull();
    expect(panel.querySelector('img[onerror]')).toBeNull();
    expect((window as unknown as { hacked?: boolean }).hacked).toBeUndefined();
    expect(screen.getByRole('link', { name: 'docs' })).toHaveAttribute('href', 'https://example.com/docs');
    expect(screen.getByText('a bad link').getAttribute('href') ?? '').not.toMatch(/javascript/i);
    expect(screen.getByRole('link', { name: 'View run' })).toHaveAttribute('href', '/projects/acme-shop/runs/j1');
    expect(screen.getByTestId('phase-note-research')).toHaveTextContent('Draft · revision 2');
  });

  it('adds a line comment on the line it is about, shows the server field error, then resolves it', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    const comment = {
      id: 'c1',
      phase: 'research',
      revision: 2,
      lineNumber: 3,
      lineText: 'The click handler is bound after hydration.',
      content: 'Which component?',
      status: 'open',
      actor: 'local',
      createdAt: '2026-11-01T12:00:00Z',
    };
    let saved: (typeof comment)[] = [];
    const fake = platform({ research: { document: doc('research', RESEARCH) } })
      .on('GET', `${T}/phases/research/comments`, () => ({ status: 200, body: saved }))
      .on('POST', `${T}/phases/research/comments`, () => {
        if (++attempts === 1) {
          return { status: 400, body: { error: 'Bad Request', message: '1 field is invalid', details: [{ field: 'content', message: 'size must be between 0 and 10000' }] } };
        }
        saved = [comment];
        return { status: 201, body: comment };
      })
      .on('PUT', `${T}/phases/research/comments/c1`, (call) => {
        saved = [{ ...comment, ...(call.body as object) }];
        return { status: 200, body: saved[0] };
      });
    renderRoutes(routes, URL);

    await user.click(await screen.findByRole('tab', { name: /Line comments/ }));
    const source = screen.getByRole('list', { name: 'Document source' });
    expect(within(source).getAllByRole('listitem')).toHaveLength(9);
    await user.click(screen.getByRole('button', { name: 'Comment on line 3' }));
    const form = screen.getByRole('form', { name: 'New comment on line 3' });
    await user.click(within(form).getByRole('button', { name: 'Add comment' }));
    expect(within(form).getByText('Write a comment')).toBeInTheDocument();
    expect(fake.made('POST', `${T}/phases/research/comments`)).toHaveLength(0);

    await user.type(within(form).getByLabelText('Comment on line 3'), 'Which component?');
    await user.click(within(form).getByRole('button', { name: 'Add comment' }));
    expect(await within(form).findByText('size must be between 0 and 10000')).toBeInTheDocument();
    expect(within(form).getByLabelText('Comment on line 3')).toHaveAttribute('aria-invalid', 'true');

    await user.click(within(form).getByRole('button', { name: 'Add comment' }));
    expect(await screen.findByText('Comment added to line 3')).toBeInTheDocument();
    expect(fake.made('POST', `${T}/phases/research/comments`)[1]!.body).toEqual({ lineNumber: 3, content: 'Which component?' });
    const card = screen.getByRole('article', { name: 'Comment on line 3' });
    expect(within(card).getByText('Which component?')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: /Line comments/ })).toHaveTextContent('1');

    await user.click(within(card).getByRole('button', { name: 'Resolve' }));
    expect(await screen.findByRole('button', { name: '1 resolved · Show' })).toBeInTheDocument();
    expect(fake.made('PUT', `${T}/phases/research/comments/c1`)[0]!.body).toEqual({ status: 'resolved' });
  });

  it('applies a suggested line and resolves its comment', async () => {
    const user = userEvent.setup();
    const content = 'line one\nline two\nline three';
    const suggestion = {
      id: 'c2',
      phase: 'research',
      revision: 2,
      lineNumber: 2,
      lineText: 'line two',
      content: 'Be specific',
      suggestion: 'line two, said better',
      status: 'open',
      createdAt: '2026-11-01T12:00:00Z',
    };
    const fake = platform({ research: { document: doc('research', content) } })
      .on('GET', `${T}/phases/research/comments`, { body: [suggestion] })
      .on('PUT', `${T}/phases/research/document`, (call) => ({
        status: 200,
        body: doc('research', (call.body as { content: string }).content, { revision: 3, approvalState: 'approval_requested' }),
      }))
      .on('PUT', `${T}/phases/research/comments/c2`, { body: { ...suggestion, status: 'resolved' } });
    renderRoutes(routes, URL);

    await user.click(await screen.findByRole('tab', { name: /Line comments/ }));
    await user.click(await screen.findByRole('button', { name: 'Apply suggestion' }));

    expect(await screen.findByText('Suggestion applied')).toBeInTheDocument();
    expect(fake.made('PUT', `${T}/phases/research/document`)[0]!.body).toEqual({
      content: 'line one\nline two, said better\nline three',
    });
    expect(fake.made('PUT', `${T}/phases/research/comments/c2`)[0]!.body).toEqual({ status: 'resolved' });
  });

  it('shows the revision history as a diff against the revision before', async () => {
    const user = userEvent.setup();
    platform({ research: { document: doc('research', 'A\nB changed\nC') } })
      .on('GET', `${T}/phases/research/approvals`, {
        body: [{ action: 'approval_requested', actor: 'ada', revision: 2, createdAt: '2026-11-01T11:05:00Z' }],
      })
      .on('GET', `${T}/phases/research/revisions`, {
      body: [
        { id: 'r2', phase: 'research', number: 2, content: 'A\nB changed\nC', source: 'manual', actor: 'local', createdAt: '2026-11-01T11:00:00Z' },
        { id: 'r1', phase: 'research', number: 1, content: 'A\nB\nC', source: 'agent', jobId: 'j1', createdAt: '2026-11-01T10:00:00Z' },
      ],
    });
    renderRoutes(routes, URL);

    await user.click(await screen.findByRole('tab', { name: 'Revisions' }));
    const diff = await screen.findByRole('region', { name: 'Changes in revision 2' });
    expect(within(diff).getByText('B changed').closest('[data-diff]')).toHaveAttribute('data-diff', 'added');
    expect(within(diff).getByText('B').closest('[data-diff]')).toHaveAttribute('data-diff', 'removed');
    expect(within(diff).getByText('A').closest('[data-diff]')).toHaveAttribute('data-diff', 'same');
    expect(screen.getByText('Revision 2 compared with revision 1')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /Revision 1/ }));
    const first = screen.getByRole('region', { name: 'Changes in revision 1' });
    expect(within(first).getByText('B').closest('[data-diff]')).toHaveAttribute('data-diff', 'added');
    expect(screen.getByRole('link', { name: 'Written by run j1' })).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Review trail' })).getByText('asked for approval')).toBeInTheDocument();
  });

  it('asks for changes with a message the browser requires before the revision run is queued', async () => {
    const user = userEvent.setup();
    const fake = platform({ research: { document: doc('research', RESEARCH) } }).on('POST', `${T}/phases/research/revision`, {
      status: 202,
      body: { id: 'j2', jobId: 'j2', kind: 'research', status: 'queued', createdAt: '2026-11-01T12:00:00Z' },
    });
    renderRoutes(routes, URL);

    await user.click(await screen.findByRole('button', { name: 'Request changes' }));
    const dialog = await screen.findByRole('dialog', { name: 'Request changes to the research' });
    await user.click(within(dialog).getByRole('button', { name: 'Request changes' }));
    expect(within(dialog).getByText('Say what should change')).toBeInTheDocument();
    expect(fake.made('POST', `${T}/phases/research/revision`)).toHaveLength(0);

    await user.type(within(dialog).getByLabelText('What should change?'), 'Cover Firefox too');
    await user.click(within(dialog).getByRole('button', { name: 'Request changes' }));
    expect(await screen.findByText('Revision run queued')).toBeInTheDocument();
    expect(fake.made('POST', `${T}/phases/research/revision`)[0]!.body).toEqual({
      clankerId: runner.id,
      revisionMessage: 'Cover Firefox too',
      instructionFiles: [],
    });
  });

  it('approves the plan, which opens execution, then runs it and shows the pull request', async () => {
    const user = userEvent.setup();
    let phase = 'planning';
    let planState = 'approval_requested';
    let pullRequestUrl: string | undefined;
    const fake = platform({ research: { document: doc('research', '# R', { approvalState: 'approved' }) } })
      .on('GET', T, () => ({ status: 200, body: { ...TICKET, workflowPhase: phase, status: 'in_review', pullRequestUrl } }))
      .on('GET', `${T}/phases/planning`, () => ({ status: 200, body: { document: doc('planning', '# Plan\n\n1. Fix it', { approvalState: planState }) } }))
      .on('POST', `${T}/phases/planning/approve`, () => {
        phase = 'execution';
        planState = 'approved';
        return { status: 200, body: doc('planning', '# Plan\n\n1. Fix it', { approvalState: 'approved', approvedBy: 'local', approvedAt: '2026-11-01T12:00:00Z' }) };
      })
      .on('POST', `${T}/run`, () => {
        pullRequestUrl = 'https://github.com/acme/shop/pull/7';
        return { status: 202, body: { id: 'j3', jobId: 'j3', kind: 'execution', status: 'queued', createdAt: '2026-11-01T12:00:00Z' } };
      });
    renderRoutes(routes, URL);

    expect(await screen.findByRole('heading', { name: 'Plan', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('Approval requested')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Approve plan' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Approve the plan?' });
    await user.click(within(confirm).getByRole('button', { name: 'Approve plan' }));

    expect(await screen.findByText('Plan approved: ready to execute')).toBeInTheDocument();
    // the ticket moved on, and the stepper follows it to execution
    await waitFor(() => expect(screen.getByRole('tab', { name: /Execution/ })).toHaveAttribute('aria-selected', 'true'));
    expect(await screen.findByText('The plan is approved')).toBeInTheDocument();
    expect(fake.made('POST', `${T}/phases/planning/approve`)).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Run execution' }));
    const dialog = await screen.findByRole('dialog', { name: 'Start execution' });
    await user.click(within(dialog).getByRole('button', { name: 'Start run' }));
    expect(await screen.findByText('Execution run queued')).toBeInTheDocument();
    expect(fake.made('POST', `${T}/run`)[0]!.body).toEqual({ clankerId: runner.id, instructionFiles: [] });

    const link = await screen.findByRole('link', { name: 'View pull request ↗' });
    expect(link).toHaveAttribute('href', 'https://github.com/acme/shop/pull/7');
    expect(screen.getByTestId('phase-note-execution')).toHaveTextContent('Pull request opened');
  });

  it('rejects the plan with a reason, after which it reads as sent back and offers no second rejection', async () => {
    const user = userEvent.setup();
    let planState = 'approval_requested';
    const fake = platform({ research: { document: doc('research', '# R', { approvalState: 'approved' }) } })
      .on('GET', T, () => ({ status: 200, body: { ...TICKET, workflowPhase: 'planning', status: 'in_review' } }))
      .on('GET', `${T}/phases/planning`, () => ({ status: 200, body: { document: doc('planning', '# Plan\n\n1. Fix it', { approvalState: planState }) } }))
      .on('POST', `${T}/phases/planning/reject`, () => {
        planState = 'rejected';
        return { status: 200, body: doc('planning', '# Plan\n\n1. Fix it', { approvalState: 'rejected' }) };
      });
    renderRoutes(routes, URL);

    expect(await screen.findByRole('heading', { name: 'Plan', level: 1 })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Reject' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Reject the plan?' });
    await user.type(within(confirm).getByLabelText('Reason'), 'Step 1 breaks the API');
    await user.click(within(confirm).getByRole('button', { name: 'Reject' }));

    expect(await screen.findByText('Plan sent back')).toBeInTheDocument();
    expect(fake.made('POST', `${T}/phases/planning/reject`)[0]!.body).toEqual({ reason: 'Step 1 breaks the API' });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Reject' })).not.toBeInTheDocument());
    expect(screen.getByText('Changes requested')).toBeInTheDocument();
  });

  it('skips to execution only with a reason, showing the platform field error', async () => {
    const user = userEvent.setup();
    const fake = platform({ ticket: { workflowPhase: 'planning' } }).on('POST', `${T}/workflow/override-to-execution`, {
      status: 400,
      body: { error: 'Bad Request', message: 'Invalid', details: [{ field: 'reason', message: 'must be at most 2000 characters' }] },
    });
    renderRoutes(routes, URL);

    await user.click(await screen.findByRole('tab', { name: /Execution/ }));
    expect(await screen.findByText('Execution waits for an approved plan')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Run execution' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Skip to execution…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Execute without an approved plan' });
    await user.click(within(dialog).getByRole('button', { name: 'Skip to execution' }));
    expect(within(dialog).getByText('Give a reason')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('Reason'), 'Typo fix');
    await user.click(within(dialog).getByRole('button', { name: 'Skip to execution' }));
    expect(await within(dialog).findByText('must be at most 2000 characters')).toBeInTheDocument();
    expect(fake.made('POST', `${T}/workflow/override-to-execution`)[0]!.body).toEqual({ reason: 'Typo fix' });
  });

  it('polls a running phase and refreshes the document when the run finishes', async () => {
    let polls = 0;
    const running = { id: 'pr1', phase: 'research', jobId: 'j1', status: 'active', createdAt: '2026-11-01T10:30:00Z' };
    const fake = platform().on('GET', `${T}/phases/research`, () => {
      polls++;
      return polls < 2
        ? { status: 200, body: { document: doc('research', ''), latestRun: running } }
        : { status: 200, body: { document: doc('research', '# Found it'), latestRun: { ...running, status: 'completed' } } };
    });
    renderRoutes(routes, URL);

    expect(await screen.findByText(/The agent is working on the research document/)).toBeInTheDocument();
    expect(screen.getByTestId('phase-note-research')).toHaveTextContent('Agent working');
    expect(await screen.findByRole('heading', { name: 'Found it' }, { timeout: 8_000 })).toBeInTheDocument();
    expect(await screen.findByText('The research document is ready for review')).toBeInTheDocument();
    expect(fake.made('GET', T).length).toBeGreaterThan(1);
  });
});

describe('phase helpers', () => {
  it('lineDiff marks added, removed and unchanged lines', () => {
    expect(lineDiff('a\nb\n', 'a\nc\n')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'c' },
    ]);
  });

  it('applySuggestion replaces one line, possibly with several', () => {
    expect(applySuggestion('one\ntwo\nthree', 2, 'TWO')).toBe('one\nTWO\nthree');
    expect(applySuggestion('one\ntwo', 1, 'uno\neins')).toBe('uno\neins\ntwo');
  });
});
