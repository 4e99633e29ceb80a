import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Ticket } from '../../api/types';
import { fakeApi, page, testQueryClient, ticket, wrapper } from '../../test/harness';
import { ticketForm, ticketKeys, useSetTicketStatus, useTickets } from './api';

describe('ticket data hooks', () => {
  it('useTickets asks the API with the filters as query parameters', async () => {
    const fake = fakeApi().on('GET', '/tickets', { body: page([ticket()], 1) });
    const client = testQueryClient();

    const { result } = renderHook(
      () =>
        useTickets({
          projectSlug: 'acme-shop',
          statuses: ['open', 'in_review'],
          severity: ['critical'],
          archived: 'exclude',
          search: ' cart ',
          limit: 25,
          offset: 50,
        }),
      { wrapper: wrapper(client) },
    );

    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.data[0]?.title).toBe('Checkout button does nothing');
    const query = fake.made('GET', '/tickets')[0]!.query;
    expect(Object.fromEntries(query)).toEqual({
      projectSlug: 'acme-shop',
      statuses: 'open,in_review',
      severity: 'critical',
      archived: 'exclude',
      search: 'cart',
      limit: '25',
      offset: '50',
    });
  });

  it('useSetTicketStatus shows the new status at once and keeps what the platform answers', async () => {
    const current = ticket();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const fake = fakeApi().on('POST', `/tickets/${current.id}/set-status`, (call) => ({
      status: 200,
      body: { ...current, status: (call.body as { status: string }).status },
    }));
    const client = testQueryClient();
    client.setQueryData(ticketKeys.detail(current.id), current);
    const original = fetch;
    vi.stubGlobal('fetch', async (...args: Parameters<typeof fetch>) => {
      await gate;
      return original(...args);
    });

    const { result } = renderHook(() => useSetTicketStatus(current.id), { wrapper: wrapper(client) });
    act(() => result.current.mutate('in_review'));

    await waitFor(() => expect(client.getQueryData<Ticket>(ticketKeys.detail(current.id))?.status).toBe('in_review'));
    expect(result.current.isPending).toBe(true);
    release();
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(fake.made('POST', `/tickets/${current.id}/set-status`)[0]?.body).toEqual({ status: 'in_review' });
    expect(client.getQueryData<Ticket>(ticketKeys.detail(current.id))?.status).toBe('in_review');
  });

  it('useSetTicketStatus rolls back when the platform refuses', async () => {
    const current = ticket({ status: 'open' });
    fakeApi().on('POST', `/tickets/${current.id}/set-status`, {
      status: 409,
      body: { error: 'Conflict', message: 'The ticket changed meanwhile' },
    });
    const client = testQueryClient();
    client.setQueryData(ticketKeys.detail(current.id), current);

    const { result } = renderHook(() => useSetTicketStatus(current.id), { wrapper: wrapper(client) });
    act(() => result.current.mutate('resolved'));

    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error?.message).toBe('The ticket changed meanwhile');
    expect(client.getQueryData<Ticket>(ticketKeys.detail(current.id))?.status).toBe('open');
  });

  it('ticketForm builds the multipart body the platform reads, with the override reason only when skipping', () => {
    const screenshot = new File([new Uint8Array([0x89, 0x50])], 'shot.png', { type: 'image/png' });
    const base = {
      projectId: 'p1',
      title: 'Broken',
      description: 'It is broken',
      severity: 'low' as const,
      category: 'UI',
      workflowOverrideReason: 'known cause',
    };

    const research = ticketForm({ ...base, workflowPhase: 'research', screenshot }, new Date('2026-11-01T10:00:00Z'));
    expect(research.get('projectId')).toBe('p1');
    expect(research.get('workflowPhase')).toBe('research');
    expect(research.get('workflowOverrideReason')).toBeNull();
    expect((research.get('screenshot') as File).name).toBe('shot.png');
    expect(research.get('recording')).toBeNull();
    expect(JSON.parse(research.get('metadata') as string)).toMatchObject({
      source: 'dashboard',
      reportedAt: '2026-11-01T10:00:00.000Z',
    });

    const execution = ticketForm({ ...base, workflowPhase: 'execution' });
    expect(execution.get('workflowOverrideReason')).toBe('known cause');
  });
});
