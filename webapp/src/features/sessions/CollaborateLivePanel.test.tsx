import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, page, testQueryClient, wrapper } from '../../test/harness';
import { CollaborateLivePanel } from './CollaborateLivePanel';

const TICKET = '22222222-2222-4222-8222-222222222222';
const SESSION = '33333333-3333-4333-8333-333333333333';
const RUNNER = '44444444-4444-4444-8444-444444444444';

/** A stand-in for the browser's EventSource: the test pushes frames as the platform would. */
class FakeStream {
  static opened: FakeStream[] = [];
  onmessage: ((message: MessageEvent<string>) => void) | null = null;
  closed = false;
  private readonly listeners = new Map<string, (() => void)[]>();

  constructor(readonly url: string) {
    FakeStream.opened.push(this);
  }

  addEventListener(type: string, listener: () => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close() {
    this.closed = true;
  }

  send(data: unknown) {
    act(() => this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(data) })));
  }

  end() {
    act(() => this.listeners.get('end')?.forEach((listener) => listener()));
  }
}

const openStream = (url: string) => new FakeStream(url) as unknown as EventSource;

function session(status: string, pendingRequest: unknown = null) {
  return {
    session: { id: SESSION, ticketId: TICKET, mode: 'planning', status, title: 'Greeting is rude (planning)' },
    turns: [],
    latestEvents: [],
    pendingRequest,
  };
}

const listed = { id: SESSION, ticketId: TICKET, mode: 'planning', status: 'active', title: 'Greeting is rude (planning)' };

describe('Collaborate live', () => {
  it('starts a session with the chosen mode, runner and first message', async () => {
    const api = fakeApi()
      .on('GET', '/agent-sessions', { body: [] })
      .on('GET', '/clankers', { body: page([{ id: RUNNER, name: 'Local runner', status: 'active' }]) })
      .on('POST', `/tickets/${TICKET}/agent-sessions`, { status: 201, body: session('active') });
    render(<CollaborateLivePanel ticketId={TICKET} openStream={openStream} />, { wrapper: wrapper(testQueryClient()) });

    await userEvent.selectOptions(await screen.findByLabelText('Mode'), 'planning');
    await waitFor(() => expect(screen.getByLabelText('Agent runner')).toHaveValue(RUNNER));
    await userEvent.type(screen.getByLabelText(/First message/), 'Plan the fix');
    await userEvent.click(screen.getByRole('button', { name: 'Start session' }));

    await waitFor(() => expect(api.made('POST', `/tickets/${TICKET}/agent-sessions`)).toHaveLength(1));
    expect(api.made('POST', `/tickets/${TICKET}/agent-sessions`)[0]?.body).toEqual({
      mode: 'planning',
      clankerId: RUNNER,
      message: 'Plan the fix',
    });
  });

  it('follows the live timeline once per event, shows who watches, and answers a permission request', async () => {
    FakeStream.opened = [];
    const request = {
      id: 'r-1',
      requestType: 'approval',
      promptMarkdown: 'Run npm test',
      requestJson: {
        options: [
          { optionId: 'allow', name: 'Allow once', kind: 'allow_once' },
          { optionId: 'reject', name: 'Reject', kind: 'reject_once' },
        ],
      },
    };
    const api = fakeApi()
      .on('GET', '/agent-sessions', { body: [listed] })
      .on('GET', `/agent-sessions/${SESSION}`, { body: session('waiting_on_approval', request) })
      .on('POST', `/agent-sessions/${SESSION}/approve`, { body: { queued: false } });
    render(<CollaborateLivePanel ticketId={TICKET} openStream={openStream} />, { wrapper: wrapper(testQueryClient()) });

    await waitFor(() => expect(FakeStream.opened).toHaveLength(1));
    const stream = FakeStream.opened[0]!;
    expect(stream.url).toBe(`/api/agent-sessions/${SESSION}/events/stream`);
    stream.send({ sequence: 2, type: 'user_message', payload: { text: 'Plan the fix' }, userName: 'Ada' });
    stream.send({ sequence: 2, type: 'user_message', payload: { text: 'Plan the fix' }, userName: 'Ada' });
    stream.send({ sequence: 4, type: 'assistant_message', payload: { text: 'Reading the code' } });
    stream.send({ type: 'presence_update', payload: { users: [{ userName: 'Ada' }, { userName: 'Bob' }] }, ephemeral: true });

    const timeline = screen.getByRole('list', { name: 'Session timeline' });
    expect(within(timeline).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Ada: Plan the fix',
      'Reading the code',
    ]);
    expect(screen.getByLabelText('Watching now')).toHaveTextContent('Watching: Ada, Bob');

    await userEvent.click(await screen.findByRole('button', { name: 'Allow once' }));
    await waitFor(() => expect(api.made('POST', `/agent-sessions/${SESSION}/approve`)).toHaveLength(1));
    expect(api.made('POST', `/agent-sessions/${SESSION}/approve`)[0]?.body).toEqual({ approved: true, optionId: 'allow' });

    stream.end();
    expect(stream.closed).toBe(true);
    expect(screen.getByText('The session has ended.')).toBeInTheDocument();
  });

  it('sends a message while the agent works', async () => {
    FakeStream.opened = [];
    const api = fakeApi()
      .on('GET', '/agent-sessions', { body: [listed] })
      .on('GET', `/agent-sessions/${SESSION}`, { body: session('active') })
      .on('POST', `/agent-sessions/${SESSION}/message`, { body: { queued: true } });
    render(<CollaborateLivePanel ticketId={TICKET} openStream={openStream} />, { wrapper: wrapper(testQueryClient()) });

    await userEvent.type(await screen.findByLabelText('Message'), 'Keep it short');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));

    await waitFor(() => expect(api.made('POST', `/agent-sessions/${SESSION}/message`)).toHaveLength(1));
    expect(api.made('POST', `/agent-sessions/${SESSION}/message`)[0]?.body).toEqual({ messageText: 'Keep it short' });
  });
});
