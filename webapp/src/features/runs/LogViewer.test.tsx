import { act, render, renderHook, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { RunLog } from '../../api/types';
import { fakeApi, testQueryClient, wrapper } from '../../test/harness';
import { filterLogs, LogViewer } from './LogViewer';
import { LOG_PAGE_SIZE, useLogTail } from './useLogTail';

const RUN = 'r1000000-0000-4000-8000-000000000000';

function line(id: number, message: string, level: RunLog['level'] = 'info') {
  return { id, level, message, source: 'worker', loggedAt: '2026-11-01T10:00:00Z' };
}

/** A log that grows: the fake answers each read with the lines after its cursor, `perRead` at a time. */
function growingLog(lines: ReturnType<typeof line>[]) {
  const state = { lines };
  const fake = fakeApi().on('GET', `/jobs/${RUN}/logs`, (call) => {
    const after = Number(call.query.get('afterId'));
    const limit = Number(call.query.get('limit'));
    const page = state.lines.filter((l) => l.id > after).slice(0, limit);
    return { status: 200, body: { logs: page, nextAfterId: page.at(-1)?.id ?? after } };
  });
  return { fake, state };
}

describe('log tail', () => {
  it('reads every page from the start, then polls after the last line while live, and once more when it ends', async () => {
    const many = Array.from({ length: LOG_PAGE_SIZE + 5 }, (_, i) => line(i + 1, `line ${i + 1}`));
    const { fake, state } = growingLog(many);
    const { result, rerender } = renderHook(({ live }) => useLogTail(RUN, live, 30), {
      initialProps: { live: true },
      wrapper: wrapper(testQueryClient()),
    });

    await waitFor(() => expect(result.current.lines).toHaveLength(LOG_PAGE_SIZE + 5));
    const cursors = fake.made('GET', `/jobs/${RUN}/logs`).map((c) => c.query.get('afterId'));
    expect(cursors.slice(0, 2)).toEqual(['0', String(LOG_PAGE_SIZE)]);

    state.lines = [...many, line(LOG_PAGE_SIZE + 6, 'new while live')];
    await waitFor(() => expect(result.current.lines.at(-1)?.message).toBe('new while live'));
    // each read asks for the lines after the newest one it has: the cursor only moves forward
    const after = fake.made('GET', `/jobs/${RUN}/logs`).map((c) => Number(c.query.get('afterId')));
    expect(after).toContain(LOG_PAGE_SIZE + 5);
    expect(after).toEqual([...after].sort((a, b) => a - b));

    state.lines = [...state.lines, line(LOG_PAGE_SIZE + 7, 'last words')];
    rerender({ live: false });
    await waitFor(() => expect(result.current.lines.at(-1)?.message).toBe('last words'));
    const reads = fake.made('GET', `/jobs/${RUN}/logs`).length;
    await act(() => new Promise((done) => setTimeout(done, 150)));
    expect(fake.made('GET', `/jobs/${RUN}/logs`)).toHaveLength(reads);
    // no line twice, in order
    const ids = result.current.lines.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('filters by text and by level', () => {
    const lines = [line(1, 'Cloning repo'), line(2, 'push rejected', 'error'), line(3, 'slow clone', 'warn')];
    expect(filterLogs(lines, 'clon', false).map((l) => l.id)).toEqual([1, 3]);
    expect(filterLogs(lines, '', true).map((l) => l.id)).toEqual([2, 3]);
    expect(filterLogs(lines, 'WORKER', false)).toHaveLength(3);
  });
});

describe('log viewer', () => {
  it('shows the lines, filters them, and stops following when paused', async () => {
    const user = userEvent.setup();
    growingLog([line(1, 'Cloning the repository'), line(2, 'git push failed', 'error'), line(3, 'Retrying push')]);
    render(<LogViewer runId={RUN} live />, { wrapper: wrapper(testQueryClient()) });

    const log = await screen.findByRole('log', { name: 'Run logs' });
    expect(await within(log).findByText('git push failed')).toBeInTheDocument();
    expect(screen.getByText('Live')).toBeInTheDocument();
    expect(screen.getByText('3 lines')).toBeInTheDocument();

    await user.type(screen.getByRole('searchbox', { name: 'Filter log lines' }), 'push');
    await waitFor(() => expect(within(log).queryByText('Cloning the repository')).not.toBeInTheDocument());
    expect(within(log).getByText('Retrying push')).toBeInTheDocument();
    await user.clear(screen.getByRole('searchbox', { name: 'Filter log lines' }));
    await user.click(screen.getByLabelText('Warnings and errors only'));
    expect(within(log).queryByText('Retrying push')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Pause' }));
    expect(screen.getByRole('button', { name: 'Follow' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: 'Jump to the end' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Jump to the end' }));
    expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument();
  });

  it('says when an ended run logged nothing', async () => {
    growingLog([]);
    render(<LogViewer runId={RUN} live={false} />, { wrapper: wrapper(testQueryClient()) });
    expect(await screen.findByText('No log lines.')).toBeInTheDocument();
    expect(screen.queryByText('Live')).not.toBeInTheDocument();
  });
});
